import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { BalanceSchema, errorResponses } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "getBalance",
  method: "get",
  path: "/v1/account/balance",
  ...scoped("admin"),
  tags: ["account"],
  summary: "PixVerse credit balance (admin keys only)",
  responses: {
    200: { description: "The balance.", content: { "application/json": { schema: BalanceSchema } } },
    ...errorResponses(401, 403, 502),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    return c.json(await deps.account.balance(), 200);
  });
}
