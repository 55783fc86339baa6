import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { ApiKeyListSchema, errorResponses, TenantParamsSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "listApiKeys",
  method: "get",
  path: "/v1/admin/tenants/{id}/keys",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "List a tenant's API keys (never their secrets)",
  request: { params: TenantParamsSchema },
  responses: {
    200: { description: "The tenant's keys.", content: { "application/json": { schema: ApiKeyListSchema } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const keys = await deps.tenantAdmin.listApiKeys(c.var.caller, c.req.valid("param").id);
    if (!keys) throw notFound("tenant");
    return c.json({ keys }, 200);
  });
}
