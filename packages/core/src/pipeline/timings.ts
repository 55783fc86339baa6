import type { BackoffPolicy } from "./backoff";

/** How long the pipeline waits between the steps of a job. PixVerse documents no cadence of its own. */
export interface Timings {
  /** After a submit, the first poll (webhooks usually arrive before it). */
  firstPollMs: number;
  /** Later polls of a generating job. */
  poll: BackoffPolicy;
  /** Retries of a submit that failed for a retryable reason (concurrency, load, network). */
  submitRetry: BackoffPolicy;
  /** A job PixVerse refused for its concurrency limit (500044) waits at least this long for a slot. */
  capacityWaitMs: number;
  /** How long one process may take to start a job (upload its media, submit it) before the poller does. */
  claimLeaseMs: number;
  /**
   * When the poller first looks at a waiting job, to make sure the scheduler knows its tenant has one
   * (the marker a crash may have kept from being written); after that only at its deadline.
   */
  waitingRecheckMs: number;
  /**
   * Media that looks gone for good (a host that does not resolve, 404/410): retried this many times on
   * this backoff, so that a passing fault does not fail the job, then the job fails media_unavailable.
   */
  mediaRetry: BackoffPolicy;
  mediaMaxAttempts: number;
  /** Retries of an archive copy that failed for a reason that may pass (a cut download, S3 trouble). */
  archiveRetry: BackoffPolicy;
  /** How long an archive copy may run before the poller hands it to the archiver again. */
  archiveLeaseMs: number;
  /** Archive attempts before the job fails with archive_failed. */
  archiveMaxAttempts: number;
  /** Retries of an unsent event. */
  eventRetry: BackoffPolicy;
  /**
   * How long an owed event is left to the process that committed the job's terminal state before the
   * poller sends it: longer than a send takes under load, so the common case sends once.
   */
  eventGraceMs: number;
  /** Retries of a webhook delivery that failed (exponential, with jitter), for at least the window. */
  webhookRetry: BackoffPolicy;
  /** A delivery is retried until an attempt this long after the job's change has failed (24 h). */
  webhookRetryWindowMs: number;
  /**
   * How long an attempt (or a message the sweep sent again) holds its delivery before the sweep may
   * hand it out again: more than an attempt's timeout. A bound, not a cadence: never scaled.
   */
  webhookLeaseMs: number;
  /** How late past its time a delivery may be before the sweep decides its message was lost. */
  webhookSweepGraceMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  firstPollMs: 20_000,
  poll: { initialMs: 15_000, factor: 1.5, maxMs: 120_000 },
  submitRetry: { initialMs: 5_000, factor: 2, maxMs: 300_000 },
  capacityWaitMs: 10_000,
  claimLeaseMs: 2 * 60_000,
  waitingRecheckMs: 60_000,
  mediaRetry: { initialMs: 5_000, factor: 2, maxMs: 30_000 },
  mediaMaxAttempts: 4,
  archiveRetry: { initialMs: 2_000, factor: 2, maxMs: 60_000 },
  archiveLeaseMs: 15 * 60_000,
  archiveMaxAttempts: 5,
  eventRetry: { initialMs: 10_000, factor: 2, maxMs: 300_000 },
  eventGraceMs: 10_000,
  webhookRetry: { initialMs: 10_000, factor: 3, maxMs: 3 * 3_600_000 },
  webhookRetryWindowMs: 24 * 3_600_000,
  webhookLeaseMs: 60_000,
  webhookSweepGraceMs: 2 * 60_000,
};

/**
 * Every cadence multiplied by `factor` (the local runtime runs the same pipeline faster). The event
 * grace and the webhook lease and sweep grace are bounds on how long a send may take, not cadences,
 * so they are kept as they are.
 */
export function scaleTimings(timings: Timings, factor: number): Timings {
  const scale = (ms: number) => Math.max(1, Math.round(ms * factor));
  const policy = (p: BackoffPolicy): BackoffPolicy => ({
    ...p,
    initialMs: scale(p.initialMs),
    maxMs: scale(p.maxMs),
  });
  return {
    firstPollMs: scale(timings.firstPollMs),
    poll: policy(timings.poll),
    submitRetry: policy(timings.submitRetry),
    capacityWaitMs: scale(timings.capacityWaitMs),
    claimLeaseMs: scale(timings.claimLeaseMs),
    waitingRecheckMs: scale(timings.waitingRecheckMs),
    mediaRetry: policy(timings.mediaRetry),
    mediaMaxAttempts: timings.mediaMaxAttempts,
    archiveRetry: policy(timings.archiveRetry),
    archiveLeaseMs: scale(timings.archiveLeaseMs),
    archiveMaxAttempts: timings.archiveMaxAttempts,
    eventRetry: policy(timings.eventRetry),
    eventGraceMs: timings.eventGraceMs,
    webhookRetry: policy(timings.webhookRetry),
    webhookRetryWindowMs: scale(timings.webhookRetryWindowMs),
    webhookLeaseMs: timings.webhookLeaseMs,
    webhookSweepGraceMs: timings.webhookSweepGraceMs,
  };
}
