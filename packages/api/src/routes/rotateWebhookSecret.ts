import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, RotateWebhookSecretRequestSchema, WebhookSecretSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "rotateWebhookSecret",
  method: "post",
  path: "/v1/webhooks/secret/rotate",
  ...scoped("jobs:write"),
  tags: ["webhooks"],
  summary: "Replace the webhook signing secret; the old one keeps signing during an overlap",
  request: {
    body: { required: false, content: { "application/json": { schema: RotateWebhookSecretRequestSchema } } },
  },
  responses: {
    200: {
      description: "The new secret. Until previousExpiresAt deliveries carry a signature by each secret.",
      content: { "application/json": { schema: WebhookSecretSchema } },
    },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await deps.webhookSecrets.rotateSecret(c.var.caller, c.req.valid("json") ?? {}), 200);
  });
}
