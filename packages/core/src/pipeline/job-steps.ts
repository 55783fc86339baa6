import type { JobEventPublisher } from "../events";
import {
  isTerminal,
  type JobError,
  type JobErrorCode,
  type JobRecord,
  type JobRepository,
  type MutableJobFields,
  toPublicJob,
} from "../job";
import { type ResolvedMedia, toPixverseRequest } from "../job/input";
import { MediaFetchError } from "../media";
import { type GenerationResult, PIXVERSE_STATUS, PixverseError } from "../pixverse";
import { backoffDelayMs } from "./backoff";
import { fetchGenerationResult } from "./generation-result";
import type { MediaResolver } from "./media-resolver";
import type { ArchiveQueue, Logger, PixverseApi } from "./ports";
import type { Timings } from "./timings";

export interface JobStepsDeps {
  jobs: JobRepository;
  pixverse: PixverseApi;
  media: MediaResolver;
  archiveQueue: ArchiveQueue;
  events: JobEventPublisher;
  timings: Timings;
  jobDeadlineSeconds: number;
  maxConcurrency: number;
  logger: Logger;
  clock?: () => Date;
}

/** A PixVerse outcome as the poller reads it or a webhook reports it. */
export type GenerationOutcome = Pick<
  GenerationResult,
  "status" | "url" | "credits" | "outputWidth" | "outputHeight"
>;

/** Free PixVerse generation slots, counted once and then spent by the caller (one poller tick, one request). */
export interface GenerationSlots {
  take(): Promise<boolean>;
}

/** What a step did, for the poller's report and the logs. */
export type StepResult =
  | "submitted"
  | "deferred"
  | "retry_scheduled"
  | "polled"
  | "archive_requested"
  | "event_sent"
  | "failed"
  | "nothing";

/**
 * The steps that move one job along the lifecycle of ARCHITECTURE §3. Every step starts from the job
 * as read and writes conditionally, so running a step twice, late or concurrently changes nothing
 * that has already happened (invariant 2). A step never throws for a PixVerse or media failure: it
 * records a retry or a terminal error on the job instead.
 */
export class JobSteps {
  private readonly clock: () => Date;

  constructor(private readonly deps: JobStepsDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** A fresh count of free generation slots (PixVerse also refuses extra ones with 500044). */
  async countSlots(): Promise<GenerationSlots> {
    let free = this.deps.maxConcurrency - (await this.deps.jobs.countGenerating());
    return { take: async () => free-- > 0 };
  }

  /** Runs whatever the job needs next. */
  async advance(job: JobRecord, slots?: GenerationSlots): Promise<StepResult> {
    if (isTerminal(job.status)) return job.eventPending ? this.publishEvent(job) : "nothing";
    switch (job.status) {
      case "queued":
        if (this.pastDeadline(job)) return this.timeOut(job, "queued");
        return this.submit(job, slots ?? (await this.countSlots()));
      case "generating":
        // Past the deadline too: one last look, so that a video that finished unnoticed (its webhook
        // lost) is archived rather than failed; a job PixVerse is still working on then times out.
        return this.poll(job);
      case "archiving":
        return this.redriveArchive(job);
    }
  }

  /** Sends the job to PixVerse with its fixed trace id (invariant 1: a retry never bills twice). */
  async submit(job: JobRecord, slots: GenerationSlots): Promise<StepResult> {
    if (!(await slots.take())) {
      await this.deps.jobs.update(job.id, {
        expectStatus: "queued",
        set: { nextCheckAt: this.later(this.deps.timings.capacityWaitMs) },
      });
      return "deferred";
    }
    let resolved: ResolvedMedia;
    try {
      resolved = await this.deps.media.resolve(job);
    } catch (error) {
      return this.handleFailure(job, error, "upload");
    }
    try {
      const request = toPixverseRequest(job.type, job.input, resolved);
      const submitted =
        request.capability === "image_template"
          ? await this.deps.pixverse
              .generateImageTemplate(request.body, { traceId: job.traceId })
              .then((r) => ({ videoId: r.imageId, credits: r.credits }))
          : await this.deps.pixverse.generate(request.capability, request.body, { traceId: job.traceId });
      const moved = await this.deps.jobs.transition(job.id, {
        from: ["queued"],
        to: "generating",
        set: {
          videoId: submitted.videoId,
          ...(submitted.credits !== undefined ? { credits: submitted.credits } : {}),
          attempts: 0,
          nextCheckAt: this.later(this.deps.timings.firstPollMs),
        },
      });
      this.deps.logger.info("job submitted to PixVerse", {
        jobId: job.id,
        videoId: submitted.videoId,
        moved: !!moved,
      });
      return "submitted";
    } catch (error) {
      return this.handleFailure(job, error, "submit");
    }
  }

  /** Asks PixVerse how the generation is going (the fallback when no webhook arrived). */
  async poll(job: JobRecord): Promise<StepResult> {
    if (!job.videoId) throw new Error(`generating job ${job.id} has no videoId`);
    try {
      const result = await fetchGenerationResult(this.deps.pixverse, {
        type: job.type,
        videoId: job.videoId,
      });
      return await this.applyOutcome(job, result);
    } catch (error) {
      return this.handleFailure(job, error, "poll");
    }
  }

  /**
   * Applies a PixVerse status to a generating job, from a poll or a webhook. Only a `generating` job
   * moves, so a duplicate, late or out-of-order outcome (or one for a cancelled job) changes nothing.
   */
  async applyOutcome(job: JobRecord, outcome: GenerationOutcome): Promise<StepResult> {
    const credits = outcome.credits !== undefined ? { credits: outcome.credits } : {};
    switch (outcome.status) {
      case PIXVERSE_STATUS.succeeded: {
        if (!outcome.url) return this.stillGenerating(job);
        const moved = await this.deps.jobs.transition(job.id, {
          from: ["generating"],
          to: "archiving",
          set: {
            ...credits,
            resultUrl: outcome.url,
            attempts: 0,
            nextCheckAt: this.later(this.deps.timings.archiveLeaseMs),
          },
        });
        if (!moved) return "nothing";
        await this.requestArchive(moved);
        return "archive_requested";
      }
      case PIXVERSE_STATUS.moderationFailed:
        return this.fail(
          job,
          { code: "moderation_failed", message: "PixVerse moderation refused the content" },
          ["generating"],
        );
      case PIXVERSE_STATUS.failed:
        return this.fail(
          job,
          { code: "generation_failed", message: "PixVerse reported that the generation failed" },
          ["generating"],
        );
      case PIXVERSE_STATUS.deleted:
        return this.fail(
          job,
          { code: "generation_failed", message: "PixVerse reports the video as deleted" },
          ["generating"],
        );
      default:
        // 5 (generating) and any status PixVerse has not documented: not terminal.
        return this.stillGenerating(job);
    }
  }

  /** The archive copy is overdue (the archiver died or its message was lost): hand it out again. */
  async redriveArchive(job: JobRecord): Promise<StepResult> {
    if (job.attempts >= this.deps.timings.archiveMaxAttempts) {
      return this.fail(
        job,
        {
          code: "archive_failed",
          message: `the video could not be copied into S3 after ${job.attempts} attempts; PixVerse's URL is kept on the job`,
        },
        ["archiving"],
      );
    }
    const leased = await this.deps.jobs.update(job.id, {
      expectStatus: "archiving",
      expectVersion: job.version,
      set: { attempts: job.attempts + 1, nextCheckAt: this.later(this.deps.timings.archiveLeaseMs) },
    });
    if (!leased) return "nothing";
    await this.requestArchive(leased);
    return "archive_requested";
  }

  /** Sends the event of a terminal job and clears its pending flag (invariant 4: at least once, stable id). */
  async publishEvent(job: JobRecord): Promise<StepResult> {
    try {
      await this.deps.events.publish(toPublicJob(job));
    } catch (error) {
      this.deps.logger.warn("job event not sent; will retry", { jobId: job.id, error: String(error) });
      await this.deps.jobs.update(job.id, {
        expectStatus: job.status,
        set: {
          attempts: job.attempts + 1,
          nextCheckAt: this.later(backoffDelayMs(this.deps.timings.eventRetry, job.attempts)),
        },
      });
      return "retry_scheduled";
    }
    await this.deps.jobs.update(job.id, { expectStatus: job.status, set: { eventPending: false } });
    return "event_sent";
  }

  /**
   * Fields that mark a job's event as owed. The poller looks only after a grace period, so the send
   * that follows the commit right away is not doubled by a poller tick in between.
   */
  pendingEvent(): Pick<MutableJobFields, "eventPending" | "nextCheckAt"> {
    return { eventPending: true, nextCheckAt: this.later(this.deps.timings.eventRetry.initialMs) };
  }

  /** Ends the job as failed (if it is still in one of `from`) and sends its event. */
  async fail(
    job: JobRecord,
    error: JobError,
    from: JobRecord["status"][] = [job.status],
  ): Promise<StepResult> {
    const failed = await this.deps.jobs.transition(job.id, {
      from,
      to: "failed",
      set: { error, ...this.pendingEvent() },
    });
    if (!failed) return "nothing";
    this.deps.logger.info("job failed", { jobId: job.id, error });
    await this.publishEvent(failed);
    return "failed";
  }

  /** Marks a job cancelled; a later PixVerse result is then ignored and nothing is archived. */
  async cancel(job: JobRecord): Promise<JobRecord | null> {
    const cancelled = await this.deps.jobs.transition(job.id, {
      from: ["queued", "generating", "archiving"],
      to: "cancelled",
      set: this.pendingEvent(),
    });
    if (cancelled) await this.publishEvent(cancelled);
    return cancelled;
  }

  private async requestArchive(job: JobRecord): Promise<void> {
    try {
      await this.deps.archiveQueue.enqueue(job.id);
    } catch (error) {
      // The job is `archiving` with a nextCheckAt: the poller hands it out again when that passes.
      this.deps.logger.warn("archive request not queued; the poller will retry", {
        jobId: job.id,
        error: String(error),
      });
    }
  }

  /** PixVerse is not done: look again later, unless the job is out of time. */
  private stillGenerating(job: JobRecord): Promise<StepResult> {
    return this.pastDeadline(job) ? this.timeOut(job, "generating") : this.scheduleNextPoll(job);
  }

  private timeOut(job: JobRecord, from: "queued" | "generating"): Promise<StepResult> {
    return this.fail(
      job,
      { code: "timeout", message: `the job did not finish within ${this.deps.jobDeadlineSeconds} s` },
      [from],
    );
  }

  private async scheduleNextPoll(job: JobRecord): Promise<StepResult> {
    await this.deps.jobs.update(job.id, {
      expectStatus: "generating",
      set: {
        attempts: job.attempts + 1,
        nextCheckAt: this.later(backoffDelayMs(this.deps.timings.poll, job.attempts)),
      },
    });
    return "polled";
  }

  private async handleFailure(job: JobRecord, error: unknown, step: PixverseStep): Promise<StepResult> {
    const verdict = classifyFailure(error, step);
    if (verdict.fail) {
      return this.fail(job, verdict.fail, [job.status]);
    }
    if (step === "poll" && this.pastDeadline(job)) return this.timeOut(job, "generating");
    const policy = step === "poll" ? this.deps.timings.poll : this.deps.timings.submitRetry;
    const delay = backoffDelayMs(policy, job.attempts);
    this.deps.logger[verdict.alarming ? "error" : "warn"](`PixVerse ${step} failed; retrying`, {
      jobId: job.id,
      attempt: job.attempts + 1,
      retryInMs: delay,
      error: describe(error),
    });
    const set: Partial<MutableJobFields> = { attempts: job.attempts + 1, nextCheckAt: this.later(delay) };
    await this.deps.jobs.update(job.id, { expectStatus: job.status, set });
    return "retry_scheduled";
  }

  private pastDeadline(job: JobRecord): boolean {
    return this.clock().getTime() - Date.parse(job.createdAt) > this.deps.jobDeadlineSeconds * 1000;
  }

  private later(ms: number): string {
    return new Date(this.clock().getTime() + ms).toISOString();
  }
}

interface FailureVerdict {
  /** Set when the job must end; otherwise the step is retried with backoff. */
  fail?: JobError;
  /** A retry that needs an operator (e.g. a wrong API key): logged as an error. */
  alarming?: boolean;
}

/** Where a PixVerse call of a step failed: the media uploads before a submit, the submit, or a poll. */
export type PixverseStep = "upload" | "submit" | "poll";

/**
 * The job error for a call PixVerse refused for good. An unknown video on a poll is PixVerse losing
 * track of it (nothing to wait for); a file its upload refuses is the job's media, not its parameters.
 */
const REFUSAL_CODES: Record<PixverseStep, Record<"request" | "not_found", JobErrorCode>> = {
  upload: { request: "media_unavailable", not_found: "media_unavailable" },
  submit: { request: "invalid_request", not_found: "invalid_request" },
  poll: { request: "invalid_request", not_found: "generation_failed" },
};

/**
 * What a failed upload, submit or poll means for the job. Retryable failures (concurrency 500044, load
 * 500069, 5xx, network, unreadable answers) and auth failures (fixable by the operator) are retried
 * until the job's deadline: a retried submit reuses the trace id, so it cannot bill twice.
 */
export function classifyFailure(error: unknown, step: PixverseStep): FailureVerdict {
  if (error instanceof MediaFetchError) {
    return error.retryable ? {} : { fail: { code: "media_unavailable", message: error.message } };
  }
  if (!(error instanceof PixverseError)) return { alarming: true };
  const providerCode = error.code !== undefined ? { providerCode: error.code } : {};
  switch (error.kind) {
    case "retryable":
    case "unknown":
      return {};
    case "auth":
      return { alarming: true };
    case "content":
      return { fail: { code: "moderation_failed", message: error.message, ...providerCode } };
    case "credits":
      return { fail: { code: "insufficient_credits", message: error.message, ...providerCode } };
    case "not_found":
    case "request":
      return { fail: { code: REFUSAL_CODES[step][error.kind], message: error.message, ...providerCode } };
  }
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof PixverseError) return { kind: error.kind, code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
