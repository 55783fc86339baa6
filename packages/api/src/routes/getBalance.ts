import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { requireAdmin } from "../auth";
import type { ApiDeps } from "../ports";
import { errorResponses } from "../schemas";

export const BalanceSchema = z
  .object({
    accountId: z
      .string()
      .openapi({ description: "PixVerse account id (a string: ids exceed 2^53).", example: "123452341" }),
    creditMonthly: z
      .number()
      .openapi({ description: "Monthly subscription credits left.", example: 1069020 }),
    creditPackage: z.number().openapi({ description: "Purchased credits left.", example: 3630 }),
  })
  .openapi("Balance");

export type Balance = z.infer<typeof BalanceSchema>;

export const route = createRoute({
  operationId: "getBalance",
  method: "get",
  path: "/v1/account/balance",
  tags: ["account"],
  summary: "PixVerse credit balance (admin keys only)",
  responses: {
    200: { description: "The balance.", content: { "application/json": { schema: BalanceSchema } } },
    ...errorResponses(401, 403),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    requireAdmin(c.var.caller);
    return c.json(await deps.jobs.balance(), 200);
  });
}
