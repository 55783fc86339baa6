import { createRoute, z } from "@hono/zod-openapi";
import type { WebhookOutcome } from "@pixpipe/core/pipeline";
import type { ApiApp } from "../api-app";
import { errorResponses, PIXVERSE_WEBHOOK_BODY } from "../contract";
import { errorBody } from "../errors";
import type { ApiDeps } from "../ports";

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
    body: { required: true, content: { "application/json": { schema: PIXVERSE_WEBHOOK_BODY } } },
  },
  responses: {
    200: {
      description: "Accepted; the body is exactly `ok`.",
      content: { "text/plain": { schema: z.literal("ok") } },
    },
    ...errorResponses(400, 401, 413, 500),
  },
});

/** A refused callback: 400 when it is not a PixVerse event at all, 401 when it is not PixVerse's. */
function refusal(outcome: Extract<WebhookOutcome, { outcome: "refused" }>) {
  return outcome.reason === "malformed"
    ? ({ status: 400, code: "invalid_webhook" } as const)
    : ({ status: 401, code: "invalid_signature" } as const);
}

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const outcome = await deps.webhooks.receive(await c.req.text(), c.req.raw.headers);
    if (outcome.outcome !== "refused") return c.text("ok", 200);
    const { status, code } = refusal(outcome);
    return c.json(errorBody(code, outcome.message || "The webhook was rejected."), status);
  });
}
