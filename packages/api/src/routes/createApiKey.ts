import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import {
  CreateApiKeyRequestSchema,
  errorResponses,
  IssuedApiKeySchema,
  TenantParamsSchema,
} from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "createApiKey",
  method: "post",
  path: "/v1/admin/tenants/{id}/keys",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "Issue an API key for a tenant (its secret is shown once)",
  request: {
    params: TenantParamsSchema,
    body: { required: true, content: { "application/json": { schema: CreateApiKeyRequestSchema } } },
  },
  responses: {
    201: {
      description: "The key with its secret: keep it now, pixpipe stores only its hash.",
      content: { "application/json": { schema: IssuedApiKeySchema } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const key = await deps.tenantAdmin.createApiKey(c.var.caller, id, c.req.valid("json"));
    if (!key) throw notFound("tenant");
    c.header("Cache-Control", "no-store");
    return c.json(key, 201);
  });
}
