import type { JobRepository } from "../job";
import { type NonceStore, verifyPixverseWebhook } from "../pixverse";
import type { JobSteps } from "./job-steps";
import type { Logger } from "./ports";

export interface WebhookReceiverDeps {
  jobs: JobRepository;
  steps: JobSteps;
  secret: string;
  nonces: NonceStore;
  logger: Logger;
  clock?: () => Date;
}

export interface WebhookAnswer {
  status: 200 | 400 | 401;
  body: string;
}

type HeaderSource = Parameters<typeof verifyPixverseWebhook>[0]["headers"];

/**
 * PixVerse's callbacks: verify the signature on the raw body, record the new state, and queue any
 * copy for the archiver; the answer (`ok`) comes back within milliseconds. A bad signature, a stale
 * timestamp or a replayed nonce changes nothing (401).
 */
export class WebhookReceiver {
  constructor(private readonly deps: WebhookReceiverDeps) {}

  async receive(rawBody: string, headers: HeaderSource): Promise<WebhookAnswer> {
    const verified = await verifyPixverseWebhook({
      rawBody,
      headers,
      secret: this.deps.secret,
      nonceStore: this.deps.nonces,
      ...(this.deps.clock ? { now: this.deps.clock() } : {}),
    });
    if (!verified.ok) {
      this.deps.logger.warn("PixVerse webhook refused", { code: verified.code, reason: verified.reason });
      return verified.code === "malformed"
        ? { status: 400, body: verified.reason }
        : { status: 401, body: verified.reason };
    }
    const { event, nonce } = verified;
    try {
      const job = await this.deps.jobs.findByVideoId(event.videoId);
      if (!job) {
        // A video pixpipe has not linked (yet): the poller finds its result through the job's submit.
        this.deps.logger.warn("PixVerse webhook for an unknown video", {
          videoId: event.videoId,
          status: event.status,
        });
      } else {
        const step = await this.deps.steps.applyOutcome(job, event);
        this.deps.logger.info("PixVerse webhook applied", { jobId: job.id, status: event.status, step });
      }
      await this.deps.nonces.commit(nonce);
      return { status: 200, body: "ok" };
    } catch (error) {
      // Let PixVerse's retry of this very delivery through; the HTTP layer answers 500.
      await this.deps.nonces.release(nonce).catch(() => {});
      throw error;
    }
  }
}
