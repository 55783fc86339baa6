import { randomUUID } from "node:crypto";
import { EventRejectedError, isJobEventStatus, JOB_EVENT_TYPES, type JobEventPublisher } from "../events";
import {
  CompanionConflictError,
  type CompanionWrites,
  type CreateJobOptions,
  type HeldSlots,
  type JobError,
  type JobOutput,
  type JobRecord,
  type JobRepository,
  type JobRetry,
  type JobStage,
  type JobStatus,
  type MutableJobFields,
  newJobId,
  type RemovableJobField,
  type ResolvedSlot,
  type TransitionInput,
  toPublicJob,
} from "../job";
import { type InputWarning, type JobType, mediaSlots } from "../job/input";
import { METRICS, type Metrics } from "../metrics";
import { itemKeys } from "../table";
import { type UsageCounts, usageIncrement } from "../usage";
import type { JobWebhook } from "../webhooks/subscription";
import { backoffDelayMs } from "./backoff";
import type { SubmittedGeneration } from "./generation";
import { failureLogLevel, jobLogKeys } from "./job-log";
import type { ArchiveQueue, Clock, Logger } from "./ports";
import { type SlotShortage, slotClaims, slotKeys } from "./slots";
import type { Timings } from "./timings";

/** What a status change owes a job's webhook: the outbox item it commits with, the hand-out after. */
export interface WebhookOutboxPort {
  outboxFor(job: JobRecord, to: JobStatus): Pick<TransitionInput, "outbox">;
  dispatch(written: JobRecord): Promise<void>;
}

export interface JobLifecycleDeps {
  jobs: JobRepository;
  events: JobEventPublisher;
  webhooks: WebhookOutboxPort;
  archiveQueue: ArchiveQueue;
  timings: Timings;
  jobDeadlineSeconds: number;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** What a job is asked to do: its type, its validated input and the caller's labels. */
export interface JobRequest {
  tenantId: string;
  type: JobType;
  input: Record<string, unknown>;
  metadata: Record<string, string>;
  /** Input fields passed through to PixVerse unvalidated. */
  warnings?: InputWarning[];
  /** What the job may retry on its own (a failed generation); nothing unless asked. */
  retry?: JobRetry;
  /** Where the job's chosen events are POSTed. */
  webhook?: JobWebhook;
}

type CreateOptions = Omit<CreateJobOptions, "now" | "companions">;

/** The job PixVerse's outcome is applied to, with what the outcome says. */
export interface FinishedGeneration {
  url: string;
  credits?: number;
}

/** Why a start is being retried, in words a user can act on. */
export interface RetryReason {
  after: number;
  reason: string;
  /**
   * The job keeps its generation slots through the wait (PixVerse may be generating it: a submit
   * whose answer was lost) and the poller resumes it, rather than the scheduler starting it afresh.
   */
  keepSlots?: boolean;
}

const WAITING_STAGE: Record<SlotShortage, JobStage> = {
  capacity: "waiting_for_capacity",
  tenant_limit: "waiting_for_tenant_limit",
};

/**
 * The one owner of a job's state (ARCHITECTURE §3). Every status change, and every write that
 * reschedules a job in its status, is a method here, carried out as a conditional repository write
 * from the job's allowed source states (invariant 2). What must commit with a change commits in the
 * same transaction: the generation slots it takes or gives back (invariant 6) and the tenant's usage
 * counters. The effects that must follow a committed change (the terminal event, invariant 4; the
 * archive hand-out) follow it here. Methods answer the job as written, or null when it was no longer
 * where the caller saw it (a duplicate, late or concurrent step), in which case nothing happened.
 */
export class JobLifecycle {
  constructor(private readonly deps: JobLifecycleDeps) {}

  /**
   * A new queued job with its PixVerse trace id fixed for every submit (invariant 1). Given slots to
   * take (`start`), it is created started: holding them and claimed, in the same transaction, so the
   * caller's process goes straight on to its uploads and submit. If another job holds one of them,
   * `chooseAgain` (once) offers others; without slots it is created waiting for what it lacks: the
   * inline head start or the scheduler starts it, and the poller looks at it after a while (to make
   * sure the scheduler knows it waits), then at its deadline.
   */
  async accept(
    request: JobRequest,
    options: CreateOptions,
    start?: HeldSlots | SlotShortage,
    chooseAgain?: () => Promise<HeldSlots | SlotShortage>,
  ): Promise<{ job: JobRecord; created: boolean }> {
    const now = this.now();
    const job = { ...request, id: newJobId(now), traceId: randomUUID() };
    // The slots offered, then once those `chooseAgain` offers, then none: the job waits.
    let choice = start;
    let result: { job: JobRecord; created: boolean };
    for (let attempt = 0; ; attempt++) {
      try {
        result = await this.createNew(job, options, now, choice);
        break;
      } catch (error) {
        if (typeof choice !== "object" || !(error instanceof CompanionConflictError)) throw error;
        choice = attempt === 0 && chooseAgain ? await chooseAgain() : undefined;
      }
    }
    if (result.created) {
      this.deps.metrics.count(METRICS.jobsCreated, { JobType: request.type });
      if (!result.job.slots) await this.markWaiting(result.job);
    }
    return result;
  }

  /** A new queued job: started in `choice` when it names slots, else waiting (for what it lacks, if known). */
  private createNew(
    job: JobRequest & { id: string; traceId: string },
    options: CreateOptions,
    now: Date,
    choice: HeldSlots | SlotShortage | undefined,
  ): Promise<{ job: JobRecord; created: boolean }> {
    const usage = this.usage(job.tenantId, now.toISOString(), job.type, { created: 1 });
    if (typeof choice !== "object") {
      return this.deps.jobs.create(
        {
          ...job,
          nextCheckAt: this.later(this.deps.timings.waitingRecheckMs),
          ...(choice ? { stage: WAITING_STAGE[choice] } : {}),
        },
        { ...options, now, companions: { add: [usage] } },
      );
    }
    const claimedUntil = this.later(this.deps.timings.claimLeaseMs);
    return this.deps.jobs.create(
      {
        ...job,
        slots: choice,
        claimedUntil,
        nextCheckAt: claimedUntil,
        stage: this.startingStage({ ...job, stage: "queued" }),
      },
      {
        ...options,
        now,
        companions: { add: [usage], claim: slotClaims(job, choice, now.toISOString()) },
      },
    );
  }

  /** A request refused before it could start (a bad S3 object): stored as failed, with its event. */
  async recordRejected(
    request: JobRequest,
    error: JobError,
    options: CreateOptions,
  ): Promise<{ job: JobRecord; created: boolean }> {
    const now = this.now();
    const result = await this.deps.jobs.create(
      {
        ...request,
        id: newJobId(now),
        traceId: randomUUID(),
        status: "failed",
        error,
        ...this.pendingEvent(),
      },
      {
        ...options,
        now,
        companions: {
          add: [this.usage(request.tenantId, now.toISOString(), request.type, { created: 1, failed: 1 })],
        },
      },
    );
    if (result.created) {
      this.deps.metrics.count(METRICS.jobsCreated, { JobType: request.type });
      this.countFailure(result.job, error);
      this.deps.logger[failureLogLevel(error.code)]("job rejected at creation", {
        ...jobLogKeys(result.job),
        error,
      });
      await this.publishEvent(result.job);
    }
    return result;
  }

  /**
   * One process starts the job: it takes the generation slots given (or keeps the ones it already
   * holds, after a start that died) and a claim that keeps everyone else off the job until the lease
   * ends (invariant 7). Null when the job changed since it was read; a CompanionConflictError when a
   * slot was taken meanwhile.
   */
  claim(job: JobRecord, slots: HeldSlots | undefined): Promise<JobRecord | null> {
    const claimedUntil = this.later(this.deps.timings.claimLeaseMs);
    const taking = !job.slots && slots;
    return this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: {
        claimedUntil,
        nextCheckAt: claimedUntil,
        stage: this.startingStage(job),
        ...(taking ? { slots } : {}),
      },
      remove: ["notBefore"],
      now: this.now(),
      ...(taking ? { companions: { claim: slotClaims(job, slots, this.now().toISOString()) } } : {}),
    });
  }

  /** A media reference of a claimed job was uploaded to PixVerse: recorded, so no retry uploads it again. */
  recordMedia(job: JobRecord, path: string, resolved: ResolvedSlot): Promise<JobRecord | null> {
    const claimedUntil = this.later(this.deps.timings.claimLeaseMs);
    return this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: {
        media: { ...job.media, [path]: resolved },
        claimedUntil,
        nextCheckAt: claimedUntil,
        stage: "fetching_media",
      },
      now: this.now(),
    });
  }

  /**
   * The claim holder stops (the inline head start's budget is spent): the claim goes and the job is due
   * at once, keeping its slots, so the poller carries on where it stopped.
   */
  yieldClaim(job: JobRecord): Promise<JobRecord | null> {
    return this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: { nextCheckAt: this.now().toISOString() },
      remove: ["claimedUntil"],
      now: this.now(),
    });
  }

  /** Every media reference is on PixVerse: the claimed job is being submitted. */
  submitting(job: JobRecord): Promise<JobRecord | null> {
    if (job.stage === "submitting") return Promise.resolve(job);
    return this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: { stage: "submitting" },
      now: this.now(),
    });
  }

  /** PixVerse accepted the submit: the job is generating under PixVerse's id, in the slots it holds. */
  async submitted(job: JobRecord, generation: SubmittedGeneration): Promise<JobRecord | null> {
    const moved = await this.deps.jobs.transition(job.id, {
      base: job,
      from: ["queued"],
      to: "generating",
      set: {
        pixverseId: generation.pixverseId,
        ...(generation.credits !== undefined ? { credits: generation.credits } : {}),
        attempts: 0,
        nextCheckAt: this.later(this.deps.timings.firstPollMs),
        stage: "generating",
      },
      remove: ["claimedUntil", "notBefore", "reason", "submitUnanswered"],
      now: this.now(),
      ...this.deps.webhooks.outboxFor(job, "generating"),
    });
    if (moved) this.timeArrival(moved);
    this.deps.logger.info("job submitted to PixVerse", {
      ...jobLogKeys(job),
      pixverseId: generation.pixverseId,
      moved: !!moved,
    });
    if (moved) await this.deps.webhooks.dispatch(moved);
    return moved;
  }

  /**
   * The job cannot start now for want of a slot (pixpipe's, or its tenant's): it waits, holding none,
   * until the scheduler starts it; the poller looks at it again only at its deadline. No write when it
   * is already waiting for the same thing.
   */
  async waitForSlot(job: JobRecord, shortage: SlotShortage, notBeforeMs = 0): Promise<JobRecord | null> {
    const stage = WAITING_STAGE[shortage];
    if (job.stage === stage && !job.slots && !job.claimedUntil && notBeforeMs === 0) return job;
    const waiting = await this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: {
        stage,
        nextCheckAt: this.deadline(job),
        ...(notBeforeMs > 0 ? { notBefore: this.later(notBeforeMs) } : {}),
      },
      remove: ["claimedUntil", "slots", ...(notBeforeMs > 0 ? [] : (["notBefore"] as const))],
      now: this.now(),
      ...this.releasing(job),
    });
    if (waiting) await this.markWaiting(waiting);
    return waiting;
  }

  /**
   * A start failed for a reason that may pass: the job gives its slots back and waits `after` before the
   * scheduler may start it again, saying why in its progress. With `keepSlots` it holds on to them and
   * the poller resumes it when the wait is over.
   */
  async retryStart(job: JobRecord, retry: RetryReason): Promise<JobRecord | null> {
    const keep = retry.keepSlots === true && job.slots !== undefined;
    const notBefore = this.later(retry.after);
    const retrying = await this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: {
        attempts: job.attempts + 1,
        notBefore,
        nextCheckAt: keep ? notBefore : this.deadline(job),
        reason: retry.reason,
        stage: this.startingStage(job),
        ...(keep ? { submitUnanswered: true as const } : {}),
      },
      remove: keep ? ["claimedUntil"] : ["claimedUntil", "slots"],
      now: this.now(),
      ...(keep ? {} : this.releasing(job)),
    });
    if (retrying && !keep) await this.markWaiting(retrying);
    return retrying;
  }

  /**
   * A waiting job the poller found still unknown to the scheduler: its tenant's marker again, and no
   * look before the deadline. Only if the job is as the poller read it: a start may have claimed it
   * since, and its claim's next check (a dead start's resume) must stay.
   */
  async stillWaiting(job: JobRecord): Promise<JobRecord | null> {
    await this.markWaiting(job);
    return this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "queued",
      expectVersion: job.version,
      set: { nextCheckAt: this.deadline(job) },
      now: this.now(),
      touch: false,
    });
  }

  /** PixVerse is not done (or could not be asked): look again later; `reason` says what failed, if anything. */
  checkAgainLater(job: JobRecord, afterMs: number, reason?: string): Promise<JobRecord | null> {
    return this.reschedule(
      job,
      { attempts: job.attempts + 1, nextCheckAt: this.later(afterMs), ...(reason ? { reason } : {}) },
      reason ? [] : ["reason"],
    );
  }

  /**
   * Something says the generation may have moved on (a webhook too late to trust): the job is due for a
   * poll now. At most once per `minGapMs` per job, so replays of an old delivery cannot drive polls.
   */
  async pollSoon(job: JobRecord, minGapMs: number): Promise<JobRecord | null> {
    const now = this.now();
    if (job.status !== "generating" || Date.parse(job.updatedAt) > now.getTime() - minGapMs) return null;
    if (job.nextCheckAt !== undefined && job.nextCheckAt <= now.toISOString()) return job;
    return this.bookkeep(job, { nextCheckAt: now.toISOString() });
  }

  /**
   * PixVerse finished the generation: the job is archiving, its slots go back (PixVerse has nothing in
   * flight for it any more), and the archiver is handed the copy. The poller hands it out again if the
   * copy is not done within the archive lease.
   */
  async resultReady(job: JobRecord, result: FinishedGeneration): Promise<JobRecord | null> {
    const moved = await this.deps.jobs.transition(job.id, {
      base: job,
      from: ["generating"],
      to: "archiving",
      set: {
        ...(result.credits !== undefined ? { credits: result.credits } : {}),
        resultUrl: result.url,
        attempts: 0,
        nextCheckAt: this.later(this.deps.timings.archiveLeaseMs),
        stage: "archiving",
      },
      remove: ["slots", "reason"],
      now: this.now(),
      ...this.releasing(job),
      ...this.deps.webhooks.outboxFor(job, "archiving"),
    });
    if (moved) {
      this.timeArrival(moved);
      await this.deps.webhooks.dispatch(moved);
      await this.handOutArchive(moved);
    }
    return moved;
  }

  /**
   * PixVerse's generation failed and the job asked for another (failure-policy's regenerate): the job
   * is queued again as a new generation, under a new trace id (the old one would be answered with the
   * failed generation). The failed one is kept in `earlierGenerations` with its credits, which count
   * in the tenant's usage now (PixVerse may have billed it). Its slots go back, as at the end of any
   * generation, and the scheduler starts it again as any waiting job; its media, already on PixVerse,
   * are reused. A webhook of the earlier generation no longer moves it (the receiver checks the id).
   */
  async regenerate(
    job: JobRecord,
    failure: { error: JobError; reason: string; credits: number },
  ): Promise<JobRecord | null> {
    if (!job.pixverseId) throw new Error(`generating job ${job.id} has no PixVerse id`);
    const { credits } = failure;
    const failed = {
      traceId: job.traceId,
      pixverseId: job.pixverseId,
      ...(credits > 0 || job.credits !== undefined ? { credits } : {}),
      error: failure.error,
    };
    const queued = await this.deps.jobs.transition(job.id, {
      base: job,
      from: ["generating"],
      to: "queued",
      set: {
        traceId: randomUUID(),
        earlierGenerations: [...(job.earlierGenerations ?? []), failed],
        attempts: 0,
        nextCheckAt: this.deadline(job),
        reason: failure.reason,
        stage: "queued",
      },
      remove: ["pixverseId", "credits", "slots", "claimedUntil", "notBefore"],
      now: this.now(),
      companions: {
        ...this.releasing(job).companions,
        ...(credits > 0 ? { add: [this.usage(job.tenantId, job.createdAt, job.type, { credits })] } : {}),
      },
    });
    if (queued) {
      this.deps.metrics.count(METRICS.generationsRetried, { JobType: job.type });
      this.deps.logger.warn("PixVerse generation failed; the job starts a new one", {
        ...jobLogKeys(job),
        pixverseId: job.pixverseId,
        nextTraceId: queued.traceId,
        reason: failure.reason,
      });
      await this.markWaiting(queued);
    }
    return queued;
  }

  /**
   * The copy is overdue (the archiver died or its message was lost): a new lease, and the copy is
   * handed out again. Conditional on the version read, so two pollers cannot both take it.
   */
  async leaseArchive(job: JobRecord): Promise<JobRecord | null> {
    const leased = await this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "archiving",
      expectVersion: job.version,
      set: { attempts: job.attempts + 1, nextCheckAt: this.later(this.deps.timings.archiveLeaseMs) },
      now: this.now(),
    });
    if (leased) await this.handOutArchive(leased);
    return leased;
  }

  /**
   * A copy failed for a reason that may pass: handed out again after a short backoff (a delayed
   * message), not after the lease; the poller's lease stays the fallback.
   */
  async retryArchive(job: JobRecord, reason: string): Promise<JobRecord | null> {
    const after = backoffDelayMs(this.deps.timings.archiveRetry, job.attempts);
    const retrying = await this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: "archiving",
      expectVersion: job.version,
      set: {
        attempts: job.attempts + 1,
        nextCheckAt: this.later(this.deps.timings.archiveLeaseMs),
        notBefore: this.later(after),
        reason,
      },
      now: this.now(),
    });
    if (retrying) await this.handOutArchive(retrying, after);
    return retrying;
  }

  /** PixVerse issued a new result URL for an archiving job (the first one expired). */
  refreshResultUrl(job: JobRecord, url: string): Promise<JobRecord | null> {
    return this.reschedule(job, { resultUrl: url }, [], "archiving");
  }

  /** The result is in the media bucket: the job succeeded, its credits count, and its event goes out. */
  async archived(job: JobRecord, output: JobOutput): Promise<JobRecord | null> {
    const succeeded = await this.deps.jobs.transition(job.id, {
      base: job,
      from: ["archiving"],
      to: "succeeded",
      set: { output, ...this.pendingEvent() },
      remove: ["reason"],
      now: this.now(),
      companions: {
        add: [this.usage(job.tenantId, job.createdAt, job.type, { succeeded: 1, credits: job.credits ?? 0 })],
      },
      ...this.deps.webhooks.outboxFor(job, "succeeded"),
    });
    if (succeeded) {
      this.deps.metrics.count(METRICS.jobsSucceeded, { JobType: job.type });
      this.timeArrival(succeeded);
      this.deps.logger.info("job archived", { ...jobLogKeys(job), key: output.key, size: output.size });
      await this.announce(succeeded);
    }
    return succeeded;
  }

  /**
   * Ends the job as failed (if it is still in one of `from`), giving back its slots, and sends its
   * event. `charged` is what PixVerse may have billed for a generation it failed, counted in usage.
   */
  async fail(
    job: JobRecord,
    error: JobError,
    from: readonly JobStatus[] = [job.status],
    charged = 0,
  ): Promise<JobRecord | null> {
    const failed = await this.deps.jobs.transition(job.id, {
      base: job,
      from,
      to: "failed",
      set: { error, ...this.pendingEvent() },
      now: this.now(),
      companions: this.ending(job, { failed: 1, ...(charged > 0 ? { credits: charged } : {}) }),
      ...this.deps.webhooks.outboxFor(job, "failed"),
    });
    if (failed) {
      this.countFailure(job, error);
      this.deps.logger[failureLogLevel(error.code)]("job failed", {
        ...jobLogKeys(job),
        from: job.status,
        error,
      });
      await this.announce(failed);
    }
    return failed;
  }

  /** Stops following a job, giving back its slots; a later PixVerse result is then ignored. */
  async cancel(job: JobRecord): Promise<JobRecord | null> {
    const cancelled = await this.deps.jobs.transition(job.id, {
      base: job,
      from: ["queued", "generating", "archiving"],
      to: "cancelled",
      set: this.pendingEvent(),
      now: this.now(),
      companions: this.ending(job, { cancelled: 1 }),
      ...this.deps.webhooks.outboxFor(job, "cancelled"),
    });
    if (cancelled) await this.announce(cancelled);
    return cancelled;
  }

  /** What follows a committed terminal change: its webhook delivery to the worker, its event to JobEvents. */
  private async announce(job: JobRecord): Promise<void> {
    await this.deps.webhooks.dispatch(job);
    await this.publishEvent(job);
  }

  /**
   * Sends a terminal job's event and clears its pending flag (invariant 4: at least once, stable id).
   * A send that fails is retried by the poller with backoff; one the queue refuses for good (content it
   * can never take) is recorded on the job and not retried. True when the event went out.
   */
  async publishEvent(job: JobRecord): Promise<boolean> {
    try {
      await this.deps.events.publish(toPublicJob(job));
    } catch (error) {
      if (isJobEventStatus(job.status)) {
        this.deps.metrics.count(METRICS.eventSendsRefused, { EventType: JOB_EVENT_TYPES[job.status] });
      }
      if (error instanceof EventRejectedError) {
        this.deps.logger.error("job event refused by the queue; it will not be retried", {
          ...jobLogKeys(job),
          error: error.message,
        });
        await this.reschedule(job, { eventPending: false, eventError: error.message });
        return false;
      }
      this.deps.logger.warn("job event not sent; will retry", { ...jobLogKeys(job), error: String(error) });
      await this.bookkeep(job, {
        attempts: job.attempts + 1,
        nextCheckAt: this.later(backoffDelayMs(this.deps.timings.eventRetry, job.attempts)),
      });
      return false;
    }
    await this.bookkeep(job, { eventPending: false });
    return true;
  }

  /** Puts the tenant's waiting marker (idempotent; a lost one is put again by the poller). */
  private async markWaiting(job: JobRecord): Promise<void> {
    try {
      await this.deps.jobs.putMarker(itemKeys.waitingMarker(job.tenantId), this.now().toISOString());
    } catch (error) {
      this.deps.logger.warn("waiting marker not written; the poller writes it", {
        ...jobLogKeys(job),
        error: String(error),
      });
    }
  }

  /** A start's stage: `submitting` once no media is left to upload (a text job from the first). */
  private startingStage(job: Pick<JobRecord, "type" | "input" | "media" | "stage">): JobStage {
    if (job.stage === "submitting") return "submitting";
    const toUpload = mediaSlots(job.type, job.input).filter((slot) => !job.media?.[slot.path]);
    return toUpload.length === 0 ? "submitting" : "fetching_media";
  }

  /** The slots a job gives back with a write (a job that holds none gives back nothing). */
  private releasing(job: JobRecord): { companions?: CompanionWrites } {
    return job.slots ? { companions: { release: slotKeys(job.tenantId, job.slots) } } : {};
  }

  /** What a terminal write commits with: the slots given back and the tenant's usage counted. */
  private ending(job: JobRecord, counts: UsageCounts): CompanionWrites {
    return {
      ...this.releasing(job).companions,
      add: [this.usage(job.tenantId, job.createdAt, job.type, counts)],
    };
  }

  /** The tenant's usage counters a write adds to (one definition with the usage reader's). */
  private usage(tenantId: string, createdAt: string, type: JobType, counts: UsageCounts) {
    const increment = usageIncrement({ tenantId, createdAt, type }, counts);
    return { key: increment.update.Key, values: increment.counts };
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
    remove: RemovableJobField[] = [],
    status: JobStatus = job.status,
  ): Promise<JobRecord | null> {
    return this.deps.jobs.update(job.id, { base: job, expectStatus: status, set, remove, now: this.now() });
  }

  /** A write of pixpipe's own bookkeeping: the job does not look changed (its updatedAt stays). */
  private bookkeep(job: JobRecord, set: Partial<MutableJobFields>): Promise<JobRecord | null> {
    return this.deps.jobs.update(job.id, {
      base: job,
      expectStatus: job.status,
      set,
      now: this.now(),
      touch: false,
    });
  }

  private async handOutArchive(job: JobRecord, delayMs = 0): Promise<void> {
    try {
      await this.deps.archiveQueue.enqueue(job.id, { delayMs });
    } catch (error) {
      // The job is `archiving` with a nextCheckAt: the poller hands it out again when that passes.
      this.deps.logger.warn("archive request not queued; the poller will retry", {
        ...jobLogKeys(job),
        error: String(error),
      });
    }
  }

  private countFailure(job: JobRecord, error: JobError): void {
    this.deps.metrics.count(METRICS.jobsFailed, { JobType: job.type, ErrorCode: error.code });
  }

  /** A job's first arrival in its status (every transition happens once): the time since it was created. */
  private timeArrival(job: JobRecord): void {
    const elapsed = Math.max(0, this.now().getTime() - Date.parse(job.createdAt));
    this.deps.metrics.timing(METRICS.jobTimeToStatus, { JobType: job.type, Status: job.status }, elapsed);
  }

  /** When the job fails with timeout if it has not finished. */
  private deadline(job: JobRecord): string {
    return new Date(Date.parse(job.createdAt) + this.deps.jobDeadlineSeconds * 1000).toISOString();
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private later(ms: number): string {
    return new Date(this.now().getTime() + ms).toISOString();
  }
}
