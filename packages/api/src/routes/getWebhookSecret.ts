import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, WebhookSecretSchema } from "../contract";
import type { ApiDeps } from "../ports";

// jobs:write, not jobs:read: whoever holds the secret can forge deliveries to the tenant's receivers.
export const route = createRoute({
  operationId: "getWebhookSecret",
  method: "get",
  path: "/v1/webhooks/secret",
  ...scoped("jobs:write"),
  tags: ["webhooks"],
  summary: "The tenant's webhook signing secret (Standard Webhooks)",
  responses: {
    200: {
      description: "Verify deliveries' webhook-signature with this secret.",
      content: { "application/json": { schema: WebhookSecretSchema } },
    },
    ...errorResponses(401, 403),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await deps.webhookSecrets.getSecret(c.var.caller), 200);
  });
}
