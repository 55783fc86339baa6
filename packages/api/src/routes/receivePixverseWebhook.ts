import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { errorBody } from "../errors";
import type { ApiDeps } from "../ports";
import { errorResponses } from "../schemas";

const REJECTIONS = {
  400: "invalid_webhook",
  401: "invalid_signature",
} as const;

const NOT_RECORDED = "The webhook could not be recorded; PixVerse will retry it.";

export const route = createRoute({
  operationId: "receivePixverseWebhook",
  method: "post",
  path: "/webhooks/pixverse",
  tags: ["webhooks"],
  summary: "PixVerse status callbacks (signature-verified)",
  description:
    "Verified on the raw body with the Webhook-Timestamp, Webhook-Nonce and Webhook-Signature headers " +
    "(HMAC-SHA256, +-300 s window, nonce replay refused). Records the new state and answers `ok`.",
  security: [],
  request: {
    // Documented but deliberately not a zod schema: the body must reach the verifier unparsed.
    body: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: {
              id: { type: "string", description: "PixVerse video id" },
              status: {
                type: "integer",
                description: "1 success, 5 generating, 7 moderation failed, 8 failed",
              },
              url: { type: "string" },
              size: { type: "number" },
              has_audio: { type: "boolean" },
              credits: { type: "integer" },
            },
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: "Accepted; the body is exactly `ok`.",
      content: { "text/plain": { schema: z.literal("ok") } },
    },
    ...errorResponses(400, 401, 413, 500),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const rawBody = await c.req.text();
    const { status, body } = await deps.webhooks.receive(rawBody, c.req.raw.headers);
    if (status === 200) return c.text("ok", 200);
    if (status === 500) return c.json(errorBody("internal_error", NOT_RECORDED), 500);
    return c.json(errorBody(REJECTIONS[status], body || "The webhook was rejected."), status);
  });
}
