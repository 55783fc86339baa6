// What the job page shows of a job's webhook deliveries, and when it reads them again (pure).
import type { DeliveryAttempt, WebhookDelivery } from "@pixpipe/client";

/** Time after a due attempt before reading its outcome: the POST itself takes a moment. */
export const ATTEMPT_MARGIN_MS = 1000;
/** Longest pause between reads while a due attempt has not been made yet (a busy worker). */
export const MAX_LATE_READ_MS = 60_000;

/** The receiver's last answer: its status and what it said, or why there was none. */
export function lastAnswer(attempt: DeliveryAttempt | undefined): string | undefined {
  if (!attempt) return undefined;
  if (attempt.statusCode === undefined) return attempt.error ?? "no answer";
  return attempt.response ? `HTTP ${attempt.statusCode}: ${attempt.response}` : `HTTP ${attempt.statusCode}`;
}

export interface NextRead {
  inMs: number;
  /** The attempt was due already: the delivery worker is on it, or behind. */
  late: boolean;
}

/**
 * When to read the deliveries again, besides each change of the job the page's long poll sees:
 * just after the next attempt of a pending delivery is due, and, while a due attempt has not been
 * made, again and again with a pause doubling from ATTEMPT_MARGIN_MS (`lateReads` such reads so far).
 * Undefined once none is pending: nothing changes any more but by a change of the job.
 */
export function nextDeliveryRead(
  deliveries: readonly WebhookDelivery[],
  now: number,
  lateReads: number,
): NextRead | undefined {
  const due = deliveries
    .filter((delivery) => delivery.state === "pending" && delivery.nextAttemptAt)
    .map((delivery) => Date.parse(delivery.nextAttemptAt ?? ""));
  if (due.length === 0) return undefined;
  const soonest = Math.min(...due);
  if (soonest > now) return { inMs: soonest - now + ATTEMPT_MARGIN_MS, late: false };
  return { inMs: Math.min(ATTEMPT_MARGIN_MS * 2 ** lateReads, MAX_LATE_READ_MS), late: true };
}
