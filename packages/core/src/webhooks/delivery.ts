import * as z from "zod";
import { buildJobEvent, sqsSafeJson } from "../events";
import { type JobRecord, toPublicJob } from "../job/job";
import { type BackoffPolicy, backoffDelayMs } from "../pipeline/backoff";
import { webhookEventOf, webhookEventSchema } from "./subscription";

const isoDateTime = z.iso.datetime();

/**
 * pending: an attempt is due (or running); delivered: a 2xx came back; failed: pixpipe stopped (the
 * receiver answered 410, the URL can never be delivered to, or no attempt succeeded within the window).
 */
export const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/** Attempts kept per delivery, the latest ones (a day of retries makes about 15). */
export const MAX_KEPT_ATTEMPTS = 30;

/** A receiver's response text kept with an attempt, at most (the sender reads no more than this). */
export const RESPONSE_EXCERPT_BYTES = 256;

export const deliveryAttemptSchema = z.object({
  /** When the request was sent. */
  at: isoDateTime,
  /** The receiver's HTTP status, when it answered. */
  statusCode: z.number().int().optional(),
  /** From sending the request to the response's head (or to the failure). */
  latencyMs: z.number().int().nonnegative(),
  /** Why the attempt failed: no answer (timeout, connection, refused address) or the answer it gave. */
  error: z.string().optional(),
  /** The start of the receiver's response body, for a failed attempt. */
  response: z.string().optional(),
  /** The retry this failed attempt led to. */
  nextAttemptAt: isoDateTime.optional(),
});
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

/** One event of a job for its webhook: what is sent (the same body on every attempt), and how it went. */
export const webhookDeliverySchema = z.object({
  /** `webhook-id` on every attempt: the CloudEvent id `{jobId}:{status}`, so receivers can drop duplicates. */
  webhookId: z.string().min(1),
  jobId: z.string().min(1),
  tenantId: z.string().min(1),
  event: webhookEventSchema,
  url: z.string().min(1),
  /** The CloudEvent JSON, exactly as sent (and signed). */
  body: z.string(),
  /** When the job's change it announces was committed. */
  createdAt: isoDateTime,
  state: deliveryStateSchema,
  /** Attempts started, including any no longer kept in `attempts`. */
  attemptCount: z.number().int().nonnegative(),
  /** The latest attempts, oldest first (at most MAX_KEPT_ATTEMPTS). */
  attempts: z.array(deliveryAttemptSchema),
  /** While pending: when the next attempt is due. */
  nextAttemptAt: isoDateTime.optional(),
  /** While an attempt runs: until when it holds the delivery (a worker that died is replaced after). */
  leaseUntil: isoDateTime.optional(),
  deliveredAt: isoDateTime.optional(),
  /** Why pixpipe stopped, once failed. */
  failureReason: z.string().optional(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** The delivery a job's move into its current status owes its webhook; undefined when it wants none. */
export function newDelivery(job: JobRecord, options: { source: string }): WebhookDelivery | undefined {
  const event = webhookEventOf(job.status);
  if (!job.webhook || !event || !job.webhook.events.includes(event)) return undefined;
  const cloudEvent = buildJobEvent(toPublicJob(job), { source: options.source });
  return {
    webhookId: cloudEvent.id,
    jobId: job.id,
    tenantId: job.tenantId,
    event,
    url: job.webhook.url,
    // Serialised as on JobEvents, so the body is byte for byte the SQS event's.
    body: sqsSafeJson(cloudEvent),
    createdAt: job.updatedAt,
    state: "pending",
    attemptCount: 0,
    attempts: [],
    nextAttemptAt: job.updatedAt,
  };
}

/** How long a delivery is retried, and how far apart. */
export interface WebhookRetryPolicy {
  backoff: BackoffPolicy;
  /** No new attempt once an attempt made this long after the delivery's creation has failed. */
  windowMs: number;
}

/** What one attempt came to, as the sender saw it. */
export interface AttemptOutcome {
  at: Date;
  latencyMs: number;
  statusCode?: number;
  error?: string;
  response?: string;
  /** The receiver's Retry-After, in ms from the response. */
  retryAfterMs?: number;
  /** No attempt can ever succeed (the URL itself is refused): stop now. */
  permanent?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The delivery after an attempt: delivered on a 2xx; failed on a 410 (the receiver asks pixpipe to
 * stop), on a URL no attempt can deliver to, or when the retry window is over; otherwise pending again
 * after an exponential backoff with jitter, never sooner than the receiver's Retry-After (capped at
 * the backoff's maximum). Every other answer is a failed attempt that is retried: 3xx (redirects are
 * not followed), 429, 5xx and the other 4xx alike (see docs: a receiver's 404 or 401 during a deploy
 * or a secret rotation is fixed within hours, and a day of retries costs little).
 */
export function afterAttempt(
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  policy: WebhookRetryPolicy,
  random: () => number = Math.random,
): WebhookDelivery {
  const attempt: DeliveryAttempt = {
    at: outcome.at.toISOString(),
    latencyMs: Math.max(0, Math.round(outcome.latencyMs)),
    ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.response ? { response: outcome.response } : {}),
  };
  const ended = new Date(outcome.at.getTime() + attempt.latencyMs);
  const { nextAttemptAt: _next, leaseUntil: _lease, ...rest } = delivery;
  const keep = (attempts: DeliveryAttempt[]) => attempts.slice(-MAX_KEPT_ATTEMPTS);
  const status = outcome.statusCode;
  if (status !== undefined && status >= 200 && status < 300) {
    return {
      ...rest,
      state: "delivered",
      deliveredAt: ended.toISOString(),
      attempts: keep([...delivery.attempts, attempt]),
    };
  }
  const stop =
    status === 410
      ? "the receiver answered 410 Gone"
      : outcome.permanent
        ? `the URL cannot be delivered to: ${outcome.error ?? "refused"}`
        : ended.getTime() - Date.parse(delivery.createdAt) >= policy.windowMs
          ? `no attempt succeeded within ${Math.round(policy.windowMs / 3_600_000)} h (${plural(delivery.attemptCount, "attempt")})`
          : undefined;
  if (stop) {
    return { ...rest, state: "failed", failureReason: stop, attempts: keep([...delivery.attempts, attempt]) };
  }
  const backoff = backoffDelayMs(policy.backoff, delivery.attemptCount - 1, random);
  const delay = Math.min(policy.backoff.maxMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
  const nextAttemptAt = new Date(ended.getTime() + delay).toISOString();
  return {
    ...rest,
    state: "pending",
    nextAttemptAt,
    attempts: keep([...delivery.attempts, { ...attempt, nextAttemptAt }]),
  };
}
