import { isTerminal, type JobRecord, type JobRepository } from "../job";
import type { ResolvedMedia } from "../job/input";
import { type GenerationResult, PIXVERSE_STATUS, PixverseError } from "../pixverse";
import { backoffDelayMs } from "./backoff";
import { decideFailure, type PixverseStep, pastDeadline, timeoutError } from "./failure-policy";
import { readGenerationResult, submitGeneration } from "./generation";
import type { JobLifecycle } from "./job-lifecycle";
import type { MediaResolver } from "./media-resolver";
import type { Clock, Logger, PixverseApi } from "./ports";
import type { Timings } from "./timings";

export interface JobStepsDeps {
  lifecycle: JobLifecycle;
  /** Read only: counting generations in flight. */
  jobs: Pick<JobRepository, "countGenerating">;
  pixverse: PixverseApi;
  media: MediaResolver;
  timings: Timings;
  jobDeadlineSeconds: number;
  maxConcurrency: number;
  clock: Clock;
  logger: Logger;
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
 * The steps that move one job along: each asks PixVerse (or the media resolver) what it needs and
 * hands the answer to the JobLifecycle, which records it. Every step starts from the job as read and
 * the lifecycle writes conditionally, so running a step twice, late or concurrently changes nothing
 * that has already happened (invariant 2). A step never throws for a PixVerse or media failure: the
 * failure policy turns it into a retry or a terminal error.
 */
export class JobSteps {
  constructor(private readonly deps: JobStepsDeps) {}

  /** A fresh count of free generation slots (PixVerse also refuses extra ones with 500044). */
  async countSlots(): Promise<GenerationSlots> {
    let free = this.deps.maxConcurrency - (await this.deps.jobs.countGenerating());
    return { take: async () => free-- > 0 };
  }

  /** Runs whatever the job needs next. */
  async advance(job: JobRecord, slots?: GenerationSlots): Promise<StepResult> {
    const { lifecycle } = this.deps;
    if (isTerminal(job.status)) {
      if (!job.eventPending) return "nothing";
      return (await lifecycle.publishEvent(job)) ? "event_sent" : "retry_scheduled";
    }
    switch (job.status) {
      case "queued":
        if (this.pastDeadline(job)) return this.failed(job, timeoutError(this.deps.jobDeadlineSeconds));
        return this.submit(job, slots ?? (await this.countSlots()));
      case "generating":
        // Past the deadline too: one last look, so that a video that finished unnoticed (its webhook
        // lost) is archived rather than failed; a job PixVerse is still working on then times out.
        return this.poll(job);
      case "archiving":
        return this.redriveArchive(job);
    }
  }

  /** Uploads the job's media and sends it to PixVerse with its fixed trace id (invariant 1). */
  async submit(job: JobRecord, slots: GenerationSlots): Promise<StepResult> {
    if (!(await slots.take())) {
      await this.deps.lifecycle.waitForCapacity(job);
      return "deferred";
    }
    let resolved: ResolvedMedia;
    try {
      resolved = await this.deps.media.resolve(job);
    } catch (error) {
      return this.handleFailure(job, error, "upload");
    }
    try {
      const generation = await submitGeneration(this.deps.pixverse, job, resolved);
      await this.deps.lifecycle.submitted(job, generation);
      return "submitted";
    } catch (error) {
      return this.handleFailure(job, error, "submit");
    }
  }

  /** Asks PixVerse how the generation is going (the fallback when no webhook arrived). */
  async poll(job: JobRecord): Promise<StepResult> {
    if (!job.pixverseId) throw new Error(`generating job ${job.id} has no PixVerse id`);
    try {
      const result = await readGenerationResult(this.deps.pixverse, {
        type: job.type,
        pixverseId: job.pixverseId,
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
    // The lifecycle writes from the status read, so this also covers a job that moves meanwhile.
    if (job.status !== "generating") return "nothing";
    switch (outcome.status) {
      case PIXVERSE_STATUS.succeeded: {
        if (!outcome.url) return this.stillGenerating(job);
        const archiving = await this.deps.lifecycle.resultReady(job, {
          url: outcome.url,
          ...(outcome.credits !== undefined ? { credits: outcome.credits } : {}),
        });
        return archiving ? "archive_requested" : "nothing";
      }
      case PIXVERSE_STATUS.moderationFailed:
        return this.failed(job, {
          code: "moderation_failed",
          message: "PixVerse moderation refused the content",
        });
      case PIXVERSE_STATUS.failed:
        return this.failed(job, {
          code: "generation_failed",
          message: "PixVerse reported that the generation failed",
        });
      case PIXVERSE_STATUS.deleted:
        return this.failed(job, {
          code: "generation_failed",
          message: "PixVerse reports the video as deleted",
        });
      default:
        // 5 (generating) and any status PixVerse has not documented: not terminal.
        return this.stillGenerating(job);
    }
  }

  /** The archive copy is overdue (the archiver died or its message was lost): hand it out again. */
  async redriveArchive(job: JobRecord): Promise<StepResult> {
    if (job.attempts >= this.deps.timings.archiveMaxAttempts) {
      return this.failed(job, {
        code: "archive_failed",
        message: `the video could not be copied into S3 after ${job.attempts} attempts; PixVerse's URL is kept on the job`,
      });
    }
    return (await this.deps.lifecycle.leaseArchive(job)) ? "archive_requested" : "nothing";
  }

  private async failed(job: JobRecord, error: Parameters<JobLifecycle["fail"]>[1]): Promise<StepResult> {
    return (await this.deps.lifecycle.fail(job, error)) ? "failed" : "nothing";
  }

  /** PixVerse is not done: look again later, unless the job is out of time. */
  private async stillGenerating(job: JobRecord): Promise<StepResult> {
    if (this.pastDeadline(job)) return this.failed(job, timeoutError(this.deps.jobDeadlineSeconds));
    const scheduled = await this.deps.lifecycle.checkAgainLater(
      job,
      backoffDelayMs(this.deps.timings.poll, job.attempts),
    );
    return scheduled ? "polled" : "nothing";
  }

  private async handleFailure(job: JobRecord, error: unknown, step: PixverseStep): Promise<StepResult> {
    const decision = decideFailure({
      error,
      step,
      attempts: job.attempts,
      createdAt: job.createdAt,
      now: this.deps.clock.now(),
      deadlineSeconds: this.deps.jobDeadlineSeconds,
      timings: this.deps.timings,
    });
    if (decision.action === "fail") return this.failed(job, decision.error);
    this.deps.logger[decision.alarming ? "error" : "warn"](`PixVerse ${step} failed; retrying`, {
      jobId: job.id,
      attempt: job.attempts + 1,
      retryInMs: decision.after,
      error: describe(error),
    });
    return (await this.deps.lifecycle.checkAgainLater(job, decision.after)) ? "retry_scheduled" : "nothing";
  }

  private pastDeadline(job: JobRecord): boolean {
    return pastDeadline(job.createdAt, this.deps.clock.now(), this.deps.jobDeadlineSeconds);
  }
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof PixverseError) return { kind: error.kind, code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
