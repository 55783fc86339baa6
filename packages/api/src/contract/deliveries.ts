import { z } from "@hono/zod-openapi";
import { deliveryAttemptSchema, deliveryStateSchema } from "@pixpipe/core/webhooks";
import { WebhookEventSchema } from "./jobs";

// Core's schemas gain their OpenAPI names and descriptions with zod's `.meta()` (see jobs.ts).

export const DeliveryAttemptSchema = deliveryAttemptSchema.meta({
  id: "DeliveryAttempt",
  description:
    "One POST to the webhook: when, the receiver's status code (absent when it did not answer), the time to " +
    "its response, why it failed, the start of its response body (failed attempts), and the retry it led to.",
  example: {
    at: "2026-12-01T12:03:10.000Z",
    statusCode: 503,
    latencyMs: 184,
    error: "the receiver answered HTTP 503",
    response: "upstream unavailable",
    nextAttemptAt: "2026-12-01T12:03:40.000Z",
  },
});

export const DeliveryStateSchema = deliveryStateSchema.meta({
  id: "DeliveryState",
  description:
    "pending: an attempt is due (nextAttemptAt); delivered: the receiver answered 2xx; failed: pixpipe " +
    "stopped (the receiver answered 410 Gone, the URL cannot be delivered to, or no attempt succeeded " +
    "within 24 hours), see failureReason.",
});

export const DeliverySchema = z
  .object({
    webhookId: z.string().openapi({
      description:
        "The `webhook-id` header of every attempt (the CloudEvent id `{jobId}:{status}`): the same on " +
        "retries, so a receiver drops what it has already handled.",
      example: "job_01JDX3Q4N8X0C2M7V5B6K1D3EF:succeeded",
    }),
    event: WebhookEventSchema,
    url: z.string(),
    state: DeliveryStateSchema,
    createdAt: z.iso.datetime().openapi({ description: "When the job's change it announces was committed." }),
    attemptCount: z.number().int().openapi({
      description: "Attempts made, including any older than the 30 kept in attempts.",
    }),
    attempts: z.array(DeliveryAttemptSchema).openapi({ description: "The latest attempts, oldest first." }),
    nextAttemptAt: z.iso.datetime().optional().openapi({ description: "While pending: the next attempt." }),
    deliveredAt: z.iso.datetime().optional(),
    failureReason: z.string().optional().openapi({ description: "Why pixpipe stopped, once failed." }),
  })
  .openapi("WebhookDelivery");

export const DeliveryListSchema = z
  .object({ deliveries: z.array(DeliverySchema).openapi({ description: "One per event, oldest first." }) })
  .openapi("WebhookDeliveryList");

export type Delivery = z.infer<typeof DeliverySchema>;
export type DeliveryList = z.infer<typeof DeliveryListSchema>;
