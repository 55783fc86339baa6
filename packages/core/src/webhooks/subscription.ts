import * as z from "zod";
import type { JobStatus } from "../job/status";

/**
 * What a job's webhook can be told, one name per status change the lifecycle makes: the job started
 * generating at PixVerse, its result is being archived, and the three terminal outcomes. Each is the
 * CloudEvent type without its `pixpipe.` prefix (`job.succeeded` is sent as `pixpipe.job.succeeded`).
 */
export const WEBHOOK_EVENTS = [
  "job.generating",
  "job.archiving",
  "job.succeeded",
  "job.failed",
  "job.cancelled",
] as const;
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The events a webhook gets when it names none: the job's end, whatever it is. */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  "job.succeeded",
  "job.failed",
  "job.cancelled",
];

/** Longest webhook URL taken (the length browsers and most servers handle). */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** A job's webhook as stored and shown: where to POST, and which events. Secrets are the tenant's. */
export const jobWebhookSchema = z.object({
  url: z.string().min(1).max(WEBHOOK_URL_MAX_LENGTH),
  events: z.array(webhookEventSchema).min(1),
});
export type JobWebhook = z.infer<typeof jobWebhookSchema>;

/** A webhook as a job request asks for it: `events` defaults to the terminal ones; no repeats. */
export const webhookRequestSchema = z.strictObject({
  url: z.string().min(1).max(WEBHOOK_URL_MAX_LENGTH, `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`),
  events: z
    .array(webhookEventSchema)
    .min(1, "must name at least one event (or leave events out for the terminal ones)")
    .refine((events) => new Set(events).size === events.length, "must not repeat an event")
    .optional(),
});
export type WebhookRequest = z.infer<typeof webhookRequestSchema>;

/** The stored form of a requested webhook: the events in the canonical order. */
export function jobWebhookOf(request: WebhookRequest, url: string = request.url): JobWebhook {
  const wanted = new Set(request.events ?? DEFAULT_WEBHOOK_EVENTS);
  return { url, events: WEBHOOK_EVENTS.filter((event) => wanted.has(event)) };
}

/** The webhook event of a move into `status`; undefined for `queued`, which no change leads into. */
export function webhookEventOf(status: JobStatus): WebhookEvent | undefined {
  const event = `job.${status}`;
  return (WEBHOOK_EVENTS as readonly string[]).includes(event) ? (event as WebhookEvent) : undefined;
}

/** Whether a job's webhook wants to hear of its move into `status`. */
export function wantsEvent(webhook: JobWebhook | undefined, status: JobStatus): boolean {
  const event = webhookEventOf(status);
  return !!webhook && !!event && webhook.events.includes(event);
}
