import { z } from "@hono/zod-openapi";
import { webhookSecretSchema } from "@pixpipe/core/tenant";
import { overlapSecondsSchema } from "./admin";

export const WebhookSecretSchema = z
  .object({
    secret: webhookSecretSchema.meta({
      description: "The Standard Webhooks signing secret (whsec_ + base64) your receiver verifies with.",
      example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    }),
    createdAt: z.iso.datetime(),
    previousExpiresAt: z.iso.datetime().nullable().openapi({
      description: "Until then deliveries are also signed with the secret this one replaced; null if not.",
    }),
  })
  .openapi("WebhookSecret");

export const RotateWebhookSecretRequestSchema = z
  .object({
    overlapSeconds: overlapSecondsSchema(
      "How long deliveries are signed with the old secret too (default 86400, one day; 0: not at all). " +
        "Rotating again within it ends the older secret's overlap.",
    ),
  })
  .strict()
  .openapi("RotateWebhookSecretRequest");

export type WebhookSecret = z.infer<typeof WebhookSecretSchema>;
export type RotateWebhookSecretRequest = z.infer<typeof RotateWebhookSecretRequestSchema>;
