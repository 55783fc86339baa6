import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { requireScope, scoped } from "../auth";
import { errorResponses, UsageQuerySchema, UsageReportSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "getUsage",
  method: "get",
  path: "/v1/usage",
  ...scoped("jobs:read"),
  tags: ["usage"],
  summary: "Jobs by status and credits spent, per day, job type or tenant",
  description:
    "The key's own tenant; with the admin scope another tenant (tenantId), or every tenant together " +
    "(no tenantId). Days are UTC; a job counts on the day it was created.",
  request: { query: UsageQuerySchema },
  responses: {
    200: { description: "The usage report.", content: { "application/json": { schema: UsageReportSchema } } },
    ...errorResponses(400, 401, 403),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const { caller } = c.var;
    if (query.tenantId !== undefined && query.tenantId !== caller.tenantId) requireScope(caller, "admin");
    return c.json(await deps.usage.usage(caller, query), 200);
  });
}
