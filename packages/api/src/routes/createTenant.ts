import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { CreateTenantRequestSchema, errorResponses, TenantSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "createTenant",
  method: "post",
  path: "/v1/admin/tenants",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "Create a tenant (with its webhook signing secret)",
  request: {
    body: { required: true, content: { "application/json": { schema: CreateTenantRequestSchema } } },
  },
  responses: {
    201: { description: "The tenant.", content: { "application/json": { schema: TenantSchema } } },
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const tenant = await deps.tenantAdmin.createTenant(c.var.caller, c.req.valid("json"));
    c.header("Location", `/v1/admin/tenants/${encodeURIComponent(tenant.id)}`);
    return c.json(tenant, 201);
  });
}
