import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, TenantParamsSchema, TenantSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "getTenant",
  method: "get",
  path: "/v1/admin/tenants/{id}",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "Get a tenant",
  request: { params: TenantParamsSchema },
  responses: {
    200: { description: "The tenant.", content: { "application/json": { schema: TenantSchema } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const tenant = await deps.tenantAdmin.getTenant(c.var.caller, c.req.valid("param").id);
    if (!tenant) throw notFound("tenant");
    return c.json(tenant, 200);
  });
}
