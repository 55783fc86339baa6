import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, ListTenantsQuerySchema, TenantListSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "listTenants",
  method: "get",
  path: "/v1/admin/tenants",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "List tenants by id",
  request: { query: ListTenantsQuerySchema },
  responses: {
    200: {
      description: "One page of tenants.",
      content: { "application/json": { schema: TenantListSchema } },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) =>
    c.json(await deps.tenantAdmin.listTenants(c.var.caller, c.req.valid("query")), 200),
  );
}
