import { z } from "@hono/zod-openapi";

export const HealthSchema = z.object({ ok: z.literal(true) }).openapi("Health");

/**
 * A PixVerse callback, documented only: the route hands the raw body to the verifier unparsed, since
 * the signature covers the exact bytes.
 */
export const PIXVERSE_WEBHOOK_BODY = {
  type: "object",
  properties: {
    id: { type: "string", description: "PixVerse video id" },
    status: { type: "integer", description: "1 success, 5 generating, 7 moderation failed, 8 failed" },
    url: { type: "string" },
    size: { type: "number" },
    has_audio: { type: "boolean" },
    credits: { type: "integer" },
  },
} as const;
