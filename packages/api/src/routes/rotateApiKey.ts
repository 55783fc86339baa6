import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import {
  ApiKeyParamsSchema,
  errorResponses,
  RotateApiKeyRequestSchema,
  RotatedApiKeySchema,
} from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "rotateApiKey",
  method: "post",
  path: "/v1/admin/tenants/{id}/keys/{keyId}/rotate",
  ...scoped("admin"),
  tags: ["admin"],
  summary: "Replace an API key: a new key now, the old one working until its overlap ends",
  request: {
    params: ApiKeyParamsSchema,
    body: { required: false, content: { "application/json": { schema: RotateApiKeyRequestSchema } } },
  },
  responses: {
    201: {
      description: "The new key with its secret (shown once), and the old key with its expiry.",
      content: { "application/json": { schema: RotatedApiKeySchema } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { id, keyId } = c.req.valid("param");
    const rotated = await deps.tenantAdmin.rotateApiKey(c.var.caller, id, keyId, c.req.valid("json") ?? {});
    if (!rotated) throw notFound("API key");
    c.header("Cache-Control", "no-store");
    return c.json(rotated, 201);
  });
}
