import type { JobRepository } from "../job";
import { METRICS, type Metrics } from "../metrics";
import { type NonceStore, verifyPixverseWebhook, type WebhookRejection } from "../pixverse";
import type { JobLifecycle } from "./job-lifecycle";
import { jobLogKeys } from "./job-log";
import type { JobSteps, StepResult } from "./job-steps";

/** A late webhook makes its job due for a poll at most this often. */
const LATE_WEBHOOK_POLL_GAP_MS = 10_000;

import type { Clock, Logger } from "./ports";

export interface WebhookReceiverDeps {
  /** Read only: the job a generation belongs to. */
  jobs: Pick<JobRepository, "findByPixverseId">;
  steps: Pick<JobSteps, "applyOutcome">;
  lifecycle: Pick<JobLifecycle, "pollSoon">;
  /** The signing secrets accepted: the current one, then the previous one during a rotation. */
  secrets: readonly string[];
  nonces: NonceStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** What became of one PixVerse callback; the HTTP layer picks the status code. */
export type WebhookOutcome =
  /** Verified and applied to its job (which may have changed nothing: a duplicate or a late status). */
  | { outcome: "applied"; jobId: string; step: StepResult }
  /** Verified, for a generation pixpipe has not linked (yet): the poller follows it through its job. */
  | { outcome: "unknown_generation" }
  /**
   * Signed by PixVerse but outside the timestamp window (a retry that kept its first timestamp): its
   * body is not trusted; it only makes the job due for a poll, whose answer is the truth.
   */
  | { outcome: "late"; jobId?: string; pollScheduled: boolean }
  /** Not verified; nothing changed. */
  | { outcome: "refused"; reason: WebhookRejection; message: string };

type HeaderSource = Parameters<typeof verifyPixverseWebhook>[0]["headers"];

/**
 * PixVerse's callbacks: verify the signature on the raw body, record the new state, and queue any
 * copy for the archiver; the answer comes back within milliseconds. A bad signature, a stale
 * timestamp or a replayed nonce changes nothing.
 */
export class WebhookReceiver {
  constructor(private readonly deps: WebhookReceiverDeps) {}

  async receive(rawBody: string, headers: HeaderSource): Promise<WebhookOutcome> {
    const verified = await verifyPixverseWebhook({
      rawBody,
      headers,
      secret: this.deps.secrets,
      nonceStore: this.deps.nonces,
      now: this.deps.clock.now(),
    });
    if (!verified.ok) this.deps.metrics.count(METRICS.webhooksRefused, { Reason: verified.code });
    if (!verified.ok && verified.code === "late") {
      const job = await this.deps.jobs.findByPixverseId(verified.event.videoId);
      const scheduled = job ? await this.deps.lifecycle.pollSoon(job, LATE_WEBHOOK_POLL_GAP_MS) : null;
      this.deps.logger.info("late PixVerse webhook: polling instead of trusting it", {
        ...(job ? jobLogKeys(job) : { pixverseId: verified.event.videoId }),
        pollScheduled: !!scheduled,
      });
      return { outcome: "late", ...(job ? { jobId: job.id } : {}), pollScheduled: !!scheduled };
    }
    if (!verified.ok) {
      this.deps.logger.warn("PixVerse webhook refused", { code: verified.code, reason: verified.reason });
      return { outcome: "refused", reason: verified.code, message: verified.reason };
    }
    const { event, nonce } = verified;
    try {
      const job = await this.deps.jobs.findByPixverseId(event.videoId);
      let outcome: WebhookOutcome;
      if (!job) {
        this.deps.logger.warn("PixVerse webhook for an unknown generation", {
          pixverseId: event.videoId,
          status: event.status,
        });
        outcome = { outcome: "unknown_generation" };
      } else if (job.pixverseId !== event.videoId) {
        // An earlier generation of a job that started a new one (a retry after status 8): its news is old.
        this.deps.logger.info("PixVerse webhook for an earlier generation of the job; ignored", {
          ...jobLogKeys(job),
          webhookPixverseId: event.videoId,
          status: event.status,
        });
        outcome = { outcome: "applied", jobId: job.id, step: "nothing" };
      } else {
        const step = await this.deps.steps.applyOutcome(job, event);
        this.deps.logger.info("PixVerse webhook applied", { ...jobLogKeys(job), status: event.status, step });
        outcome = { outcome: "applied", jobId: job.id, step };
      }
      await this.deps.nonces.commit(nonce);
      return outcome;
    } catch (error) {
      // Let PixVerse's retry of this very delivery through; the HTTP layer answers 500.
      await this.deps.nonces.release(nonce).catch(() => {});
      throw error;
    }
  }
}
