import { randomUUID } from "node:crypto";
import type { JobEventPublisher } from "../events";
import {
  type CreateJobOptions,
  type JobError,
  type JobOutput,
  type JobRecord,
  type JobRepository,
  type JobStatus,
  type MutableJobFields,
  newJobId,
  toPublicJob,
} from "../job";
import type { JobType } from "../job/input";
import { backoffDelayMs } from "./backoff";
import type { SubmittedGeneration } from "./generation";
import type { ArchiveQueue, Clock, Logger } from "./ports";
import type { Timings } from "./timings";

export interface JobLifecycleDeps {
  jobs: JobRepository;
  events: JobEventPublisher;
  archiveQueue: ArchiveQueue;
  timings: Timings;
  clock: Clock;
  logger: Logger;
}

/** What a job is asked to do: its type, its validated input and the caller's labels. */
export interface JobRequest {
  tenantId: string;
  type: JobType;
  input: Record<string, unknown>;
  metadata: Record<string, string>;
}

type CreateOptions = Omit<CreateJobOptions, "now">;

/** The job PixVerse's outcome is applied to, with what the outcome says. */
export interface FinishedGeneration {
  url: string;
  credits?: number;
}

/**
 * The one owner of a job's state (ARCHITECTURE §3). Every status change, and every write that
 * reschedules a job in its status, is a method here, carried out as a conditional repository write
 * from the job's allowed source states (invariant 2); the effects that must follow a committed change
 * (the terminal event, invariant 4; the archive hand-out) follow it here too. Methods answer the job
 * as written, or null when it was no longer where the caller saw it (a duplicate, late or concurrent
 * step), in which case nothing happened.
 */
export class JobLifecycle {
  constructor(private readonly deps: JobLifecycleDeps) {}

  /** A new queued job with its PixVerse trace id fixed for every submit (invariant 1). */
  accept(
    request: JobRequest,
    options: CreateOptions & { firstCheckAfterMs: number },
  ): Promise<{ job: JobRecord; created: boolean }> {
    const { firstCheckAfterMs, ...create } = options;
    return this.deps.jobs.create(
      {
        ...request,
        id: newJobId(this.now()),
        traceId: randomUUID(),
        nextCheckAt: this.later(firstCheckAfterMs),
      },
      { ...create, now: this.now() },
    );
  }

  /** A request refused before it could start (a bad S3 object): stored as failed, with its event. */
  async recordRejected(
    request: JobRequest,
    error: JobError,
    options: CreateOptions,
  ): Promise<{ job: JobRecord; created: boolean }> {
    const result = await this.deps.jobs.create(
      {
        ...request,
        id: newJobId(this.now()),
        traceId: randomUUID(),
        status: "failed",
        error,
        ...this.pendingEvent(),
      },
      { ...options, now: this.now() },
    );
    if (result.created) {
      this.deps.logger.info("job rejected at creation", { jobId: result.job.id, error });
      await this.publishEvent(result.job);
    }
    return result;
  }

  /** PixVerse accepted the submit: the job is generating under PixVerse's id. */
  async submitted(job: JobRecord, generation: SubmittedGeneration): Promise<JobRecord | null> {
    const moved = await this.deps.jobs.transition(job.id, {
      from: ["queued"],
      to: "generating",
      set: {
        pixverseId: generation.pixverseId,
        ...(generation.credits !== undefined ? { credits: generation.credits } : {}),
        attempts: 0,
        nextCheckAt: this.later(this.deps.timings.firstPollMs),
      },
      now: this.now(),
    });
    this.deps.logger.info("job submitted to PixVerse", {
      jobId: job.id,
      pixverseId: generation.pixverseId,
      moved: !!moved,
    });
    return moved;
  }

  /** No generation slot is free: look again once one may be. */
  waitForCapacity(job: JobRecord): Promise<JobRecord | null> {
    return this.reschedule(job, { nextCheckAt: this.later(this.deps.timings.capacityWaitMs) });
  }

  /** The current step did not get anywhere (a failure to retry, or PixVerse still working): try again later. */
  checkAgainLater(job: JobRecord, afterMs: number): Promise<JobRecord | null> {
    return this.reschedule(job, { attempts: job.attempts + 1, nextCheckAt: this.later(afterMs) });
  }

  /**
   * PixVerse finished the generation: the job is archiving, and the archiver is handed the copy. The
   * poller hands it out again if the copy is not done within the archive lease.
   */
  async resultReady(job: JobRecord, result: FinishedGeneration): Promise<JobRecord | null> {
    const moved = await this.deps.jobs.transition(job.id, {
      from: ["generating"],
      to: "archiving",
      set: {
        ...(result.credits !== undefined ? { credits: result.credits } : {}),
        resultUrl: result.url,
        attempts: 0,
        nextCheckAt: this.later(this.deps.timings.archiveLeaseMs),
      },
      now: this.now(),
    });
    if (moved) await this.handOutArchive(moved);
    return moved;
  }

  /**
   * The copy is overdue (the archiver died or its message was lost): a new lease, and the copy is
   * handed out again. Conditional on the version read, so two pollers cannot both take it.
   */
  async leaseArchive(job: JobRecord): Promise<JobRecord | null> {
    const leased = await this.deps.jobs.update(job.id, {
      expectStatus: "archiving",
      expectVersion: job.version,
      set: { attempts: job.attempts + 1, nextCheckAt: this.later(this.deps.timings.archiveLeaseMs) },
      now: this.now(),
    });
    if (leased) await this.handOutArchive(leased);
    return leased;
  }

  /** PixVerse issued a new result URL for an archiving job (the first one expired). */
  refreshResultUrl(job: JobRecord, url: string): Promise<JobRecord | null> {
    return this.reschedule(job, { resultUrl: url }, "archiving");
  }

  /** The result is in the media bucket: the job succeeded, and its event goes out. */
  async archived(job: JobRecord, output: JobOutput): Promise<JobRecord | null> {
    const succeeded = await this.deps.jobs.transition(job.id, {
      from: ["archiving"],
      to: "succeeded",
      set: { output, ...this.pendingEvent() },
      now: this.now(),
    });
    if (succeeded) {
      this.deps.logger.info("job archived", { jobId: job.id, key: output.key, size: output.size });
      await this.publishEvent(succeeded);
    }
    return succeeded;
  }

  /** Ends the job as failed (if it is still in one of `from`), and sends its event. */
  async fail(
    job: JobRecord,
    error: JobError,
    from: readonly JobStatus[] = [job.status],
  ): Promise<JobRecord | null> {
    const failed = await this.deps.jobs.transition(job.id, {
      from,
      to: "failed",
      set: { error, ...this.pendingEvent() },
      now: this.now(),
    });
    if (failed) {
      this.deps.logger.info("job failed", { jobId: job.id, error });
      await this.publishEvent(failed);
    }
    return failed;
  }

  /** Stops following a job; a later PixVerse result is then ignored and nothing is archived. */
  async cancel(job: JobRecord): Promise<JobRecord | null> {
    const cancelled = await this.deps.jobs.transition(job.id, {
      from: ["queued", "generating", "archiving"],
      to: "cancelled",
      set: this.pendingEvent(),
      now: this.now(),
    });
    if (cancelled) await this.publishEvent(cancelled);
    return cancelled;
  }

  /**
   * Sends a terminal job's event and clears its pending flag (invariant 4: at least once, stable id).
   * A send that fails is retried by the poller with backoff; true when the event went out.
   */
  async publishEvent(job: JobRecord): Promise<boolean> {
    try {
      await this.deps.events.publish(toPublicJob(job));
    } catch (error) {
      this.deps.logger.warn("job event not sent; will retry", { jobId: job.id, error: String(error) });
      await this.reschedule(job, {
        attempts: job.attempts + 1,
        nextCheckAt: this.later(backoffDelayMs(this.deps.timings.eventRetry, job.attempts)),
      });
      return false;
    }
    await this.reschedule(job, { eventPending: false });
    return true;
  }

  /**
   * Fields that mark a job's event as owed. The poller looks only after a grace period, so the send
   * that follows the commit right away is not doubled by a poller tick in between.
   */
  private pendingEvent(): Pick<MutableJobFields, "eventPending" | "nextCheckAt"> {
    return { eventPending: true, nextCheckAt: this.later(this.deps.timings.eventGraceMs) };
  }

  private reschedule(
    job: JobRecord,
    set: Partial<MutableJobFields>,
    status: JobStatus = job.status,
  ): Promise<JobRecord | null> {
    return this.deps.jobs.update(job.id, { expectStatus: status, set, now: this.now() });
  }

  private async handOutArchive(job: JobRecord): Promise<void> {
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

  private now(): Date {
    return this.deps.clock.now();
  }

  private later(ms: number): string {
    return new Date(this.now().getTime() + ms).toISOString();
  }
}
