import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { ApiKeyParamsSchema, errorResponses } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "revokeApiKey",
  method: "delete",
  path: "/v1/admin/tenants/{id}/keys/{keyId}",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "Revoke an API key: refused from the next request on",
  request: { params: ApiKeyParamsSchema },
  responses: {
    204: { description: "Revoked." },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { id, keyId } = c.req.valid("param");
    if (!(await deps.tenantAdmin.revokeApiKey(c.var.caller, id, keyId))) throw notFound("API key");
    return c.body(null, 204);
  });
}
