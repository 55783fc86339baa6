import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, TenantParamsSchema, TenantSchema, UpdateTenantRequestSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "updateTenant",
  method: "patch",
  path: "/v1/admin/tenants/{id}",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "Change a tenant's name, status or limits (merge patch)",
  description:
    "Disabling a tenant refuses its keys from the next request on (403 tenant_disabled); its jobs already " +
    "accepted run to the end. New limits apply to the tenant's next scheduling decisions.",
  request: {
    params: TenantParamsSchema,
    body: {
      required: true,
      content: {
        "application/merge-patch+json": { schema: UpdateTenantRequestSchema },
        "application/json": { schema: UpdateTenantRequestSchema },
      },
    },
  },
  responses: {
    200: { description: "The tenant as changed.", content: { "application/json": { schema: TenantSchema } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const tenant = await deps.tenantAdmin.updateTenant(
      c.var.caller,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    if (!tenant) throw notFound("tenant");
    return c.json(tenant, 200);
  });
}
