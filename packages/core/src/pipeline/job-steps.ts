import {
  CompanionConflictError,
  type HeldSlots,
  isTerminal,
  type JobError,
  type JobRecord,
  type JobRepository,
} from "../job";
import { mediaSlots, type ResolvedMedia } from "../job/input";
import { type GenerationResult, PIXVERSE_STATUS, PixverseError } from "../pixverse";
import { SLOTS_PARTITION } from "../table";
import { backoffDelayMs } from "./backoff";
import {
  decideFailedGeneration,
  decideFailure,
  describeFailure,
  type FailedGenerationStatus,
  type PixverseStep,
  pastDeadline,
  timeoutError,
} from "./failure-policy";
import { readGenerationResult, submitGeneration } from "./generation";
import type { JobLifecycle } from "./job-lifecycle";
import { jobLogKeys } from "./job-log";
import type { MediaResolver } from "./media-resolver";
import type { Clock, Logger, PixverseApi } from "./ports";
import {
  chooseSlots,
  emptySlotBoard,
  readSlotBoard,
  type SlotBoard,
  type SlotLimits,
  type SlotShortage,
  withTaken,
} from "./slots";
import type { Timings } from "./timings";

/** The limits a job is started under: pixpipe's, and its tenant's when it has one. */
export type SlotLimitsOf = (tenantId: string) => Promise<SlotLimits>;

export interface JobStepsDeps {
  lifecycle: JobLifecycle;
  /** Read only: the generation slots held. */
  jobs: Pick<JobRepository, "readItems">;
  pixverse: PixverseApi;
  media: MediaResolver;
  timings: Timings;
  jobDeadlineSeconds: number;
  limits: SlotLimitsOf;
  clock: Clock;
  logger: Logger;
}

/** A PixVerse outcome as the poller reads it or a webhook reports it. */
export type GenerationOutcome = Pick<
  GenerationResult,
  "status" | "url" | "credits" | "outputWidth" | "outputHeight"
>;

/** What a step did, for the poller's report and the logs. */
export type StepResult =
  | "submitted"
  | "waiting"
  | "yielded"
  | "retry_scheduled"
  | "regenerating"
  | "polled"
  | "archive_requested"
  | "event_sent"
  | "failed"
  | "nothing";

/** What a claimed job's start came to, and the job as its last write left it when that was the submit. */
export interface RunOutcome {
  result: StepResult;
  job?: JobRecord;
}

/** A start, and the slot board as it stands after it (so a round can hand out several slots on one read). */
export interface StartResult extends RunOutcome {
  board: SlotBoard;
}

/** A claimed job with the board after its claim, or what a start came to without one. */
export type ClaimedStart = { board: SlotBoard } & ({ claimed: JobRecord } | { result: StepResult });

/** Tries at taking a free slot when other jobs keep taking the chosen one first. */
const SLOT_CHOICES = 4;

/**
 * The steps that move one job along: each asks PixVerse (or the media resolver) what it needs and
 * hands the answer to the JobLifecycle, which records it. Every step starts from the job as read and
 * the lifecycle writes conditionally, so running a step twice, late or concurrently changes nothing
 * that has already happened (invariant 2). A step never throws for a PixVerse or media failure: the
 * failure policy turns it into a retry or a terminal error.
 */
export class JobSteps {
  constructor(private readonly deps: JobStepsDeps) {}

  /** Generation slots as held now (one consistent read). */
  async slotBoard(): Promise<SlotBoard> {
    return readSlotBoard(await this.deps.jobs.readItems(SLOTS_PARTITION));
  }

  /**
   * The slots a new job of the tenant could take now, or what it would wait for. Unread, the board is
   * taken as empty: any slot under the limits may be chosen (the conditional put decides), which saves
   * the read while few are held; a choice that meets a held slot is made again on the board as read.
   */
  async slotChoice(tenantId: string, options: { readBoard: boolean }): Promise<HeldSlots | SlotShortage> {
    const [board, limits] = await Promise.all([
      options.readBoard ? this.slotBoard() : emptySlotBoard(),
      this.deps.limits(tenantId),
    ]);
    return chooseSlots(board, tenantId, limits);
  }

  /** Runs whatever a due job needs next (the poller's view; the scheduler starts waiting jobs). */
  async advance(job: JobRecord): Promise<StepResult> {
    const { lifecycle } = this.deps;
    if (isTerminal(job.status)) {
      if (!job.eventPending) return "nothing";
      return (await lifecycle.publishEvent(job)) ? "event_sent" : "retry_scheduled";
    }
    switch (job.status) {
      case "queued":
        if (this.pastDeadline(job))
          return this.failed(job, timeoutError(this.deps.jobDeadlineSeconds), ["queued"]);
        if (this.claimLive(job)) return "nothing";
        // A start that died with its slots: resume it (same trace id, media already uploaded kept).
        if (job.slots) return this.resume(job);
        // Waiting: the scheduler starts it; make sure it knows, then look again at the deadline.
        return (await lifecycle.stillWaiting(job)) ? "waiting" : "nothing";
      case "generating":
        // Past the deadline too: one last look, so that a video that finished unnoticed (its webhook
        // lost) is archived rather than failed; a job PixVerse is still working on then times out.
        return this.poll(job);
      case "archiving":
        return this.redriveArchive(job);
    }
  }

  /**
   * Starts a waiting job: takes a free generation slot (pixpipe's and its tenant's) with a claim, then
   * uploads its media and submits it. Without a free slot it waits, and nothing is sent to PixVerse.
   */
  async start(
    job: JobRecord,
    options: { board?: SlotBoard; signal?: AbortSignal } = {},
  ): Promise<StartResult> {
    const claim = await this.claimStart(job, options);
    if (!("claimed" in claim)) return claim;
    return { ...(await this.runClaimed(claim.claimed, options.signal)), board: claim.board };
  }

  /**
   * A start's first half, kept apart so that a scheduling round can take slots one job after another
   * on one board and let the uploads and submits run side by side: the job claimed with its slots, or
   * what it came to instead (it waits for a slot, or it was not startable).
   */
  async claimStart(job: JobRecord, options: { board?: SlotBoard } = {}): Promise<ClaimedStart> {
    let board = options.board ?? (await this.slotBoard());
    const now = this.deps.clock.now().toISOString();
    const inBackoff = job.notBefore !== undefined && job.notBefore > now;
    if (job.status !== "queued" || job.slots || this.claimLive(job) || inBackoff)
      return { result: "nothing", board };
    const limits = await this.deps.limits(job.tenantId);
    for (let attempt = 0; attempt < SLOT_CHOICES; attempt++) {
      const choice = chooseSlots(board, job.tenantId, limits);
      if (typeof choice === "string") {
        await this.deps.lifecycle.waitForSlot(job, choice);
        return { result: "waiting", board };
      }
      try {
        const claimed = await this.deps.lifecycle.claim(job, choice);
        board = withTaken(board, job.tenantId, choice);
        return claimed ? { claimed, board } : { result: "nothing", board };
      } catch (error) {
        if (!(error instanceof CompanionConflictError)) throw error;
        // Another job took that slot since the board was read: read it again and choose again.
        board = await this.slotBoard();
      }
    }
    // Every choice was taken by someone else first: the slots are in demand; wait for the scheduler.
    await this.deps.lifecycle.waitForSlot(job, "capacity");
    return { result: "waiting", board };
  }

  /** A job whose start died while it held its slots: claimed again and carried on where it stopped. */
  async resume(job: JobRecord, signal?: AbortSignal): Promise<StepResult> {
    const claimed = await this.deps.lifecycle.claim(job, undefined);
    return claimed ? (await this.runClaimed(claimed, signal)).result : "nothing";
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
      case PIXVERSE_STATUS.failed:
      case PIXVERSE_STATUS.deleted:
        return this.generationFailed(job, outcome.status, outcome.credits ?? job.credits ?? 0);
      default:
        // 5 (generating) and any status PixVerse has not documented: not terminal.
        return this.stillGenerating(job);
    }
  }

  /**
   * PixVerse ended the generation without a video: the job fails, or starts a new generation if it
   * asked. `credits` is the generation's charge as PixVerse last reported it.
   */
  private async generationFailed(
    job: JobRecord,
    status: FailedGenerationStatus,
    credits: number,
  ): Promise<StepResult> {
    const decision = decideFailedGeneration({
      status,
      generation: (job.earlierGenerations?.length ?? 0) + 1,
      retries: job.retry?.generationFailed ?? 0,
      createdAt: job.createdAt,
      now: this.deps.clock.now(),
      deadlineSeconds: this.deps.jobDeadlineSeconds,
    });
    if (decision.action === "fail") {
      // PixVerse refunds moderation (7); a generation that failed on its side (8) may be billed.
      const charged = status === PIXVERSE_STATUS.failed ? credits : 0;
      return (await this.deps.lifecycle.fail(job, decision.error, [job.status], charged))
        ? "failed"
        : "nothing";
    }
    const queued = await this.deps.lifecycle.regenerate(job, {
      error: decision.failed,
      reason: decision.reason,
      credits,
    });
    return queued ? "regenerating" : "nothing";
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

  /** A claimed job: its media uploaded (each once, recorded as it goes), then the submit. */
  async runClaimed(claimed: JobRecord, signal?: AbortSignal): Promise<RunOutcome> {
    let job = claimed;
    const resolved: ResolvedMedia = { ...job.media };
    for (const slot of mediaSlots(job.type, job.input)) {
      if (resolved[slot.path]) continue;
      if (signal?.aborted) return { result: await this.yieldStart(job) };
      try {
        resolved[slot.path] = await this.deps.media.resolveSlot(job.tenantId, slot);
      } catch (error) {
        return { result: await this.handleStartFailure(job, error, "upload") };
      }
      const recorded = await this.deps.lifecycle.recordMedia(job, slot.path, resolved[slot.path]!);
      if (!recorded) return { result: "nothing" }; // the claim was lost (its lease ran out and another took the job)
      job = recorded;
    }
    if (signal?.aborted) return { result: await this.yieldStart(job) };
    const submitting = await this.deps.lifecycle.submitting(job);
    if (!submitting) return { result: "nothing" };
    try {
      const generation = await submitGeneration(this.deps.pixverse, submitting, resolved);
      const generating = await this.deps.lifecycle.submitted(submitting, generation);
      return generating ? { result: "submitted", job: generating } : { result: "submitted" };
    } catch (error) {
      return { result: await this.handleStartFailure(submitting, error, "submit") };
    }
  }

  /** The caller's time is up (the inline head start's budget): the claim goes, the poller goes on at once. */
  private async yieldStart(job: JobRecord): Promise<StepResult> {
    return (await this.deps.lifecycle.yieldClaim(job)) ? "yielded" : "nothing";
  }

  private async failed(
    job: JobRecord,
    error: JobError,
    from: JobRecord["status"][] = [job.status],
  ): Promise<StepResult> {
    return (await this.deps.lifecycle.fail(job, error, from)) ? "failed" : "nothing";
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

  /** A failed upload or submit of a claimed job: it ends, waits for a slot again, or retries after a backoff. */
  private async handleStartFailure(job: JobRecord, error: unknown, step: PixverseStep): Promise<StepResult> {
    const decision = this.decide(job, error, step);
    if (decision.action === "fail") return this.failed(job, decision.error);
    this.logRetry(job, error, step, decision.after, decision.alarming);
    // A submit that went unanswered before may be generating at PixVerse whatever this attempt was told:
    // the job keeps its slots until a submit is answered.
    const mayBeGenerating =
      step === "submit" &&
      (job.submitUnanswered === true || !(error instanceof PixverseError && error.code !== undefined));
    if (error instanceof PixverseError && error.code === PIXVERSE_CONCURRENCY_LIMIT && !mayBeGenerating) {
      // PixVerse has fewer slots than configured: wait for one of ours to free, not on a backoff.
      const waiting = await this.deps.lifecycle.waitForSlot(
        job,
        "capacity",
        this.deps.timings.capacityWaitMs,
      );
      return waiting ? "waiting" : "nothing";
    }
    const reason = describeFailure(error, {
      attempt: job.attempts + 1,
      retryAt: new Date(this.deps.clock.now().getTime() + decision.after),
      ...(decision.maxAttempts === undefined ? {} : { maxAttempts: decision.maxAttempts }),
    });
    // A submit PixVerse may have accepted (no ErrCode came back: a reset, a timeout, a bare 5xx; or an
    // earlier one like it) keeps its slots: the resubmit (same trace id) picks its generation up.
    return (await this.deps.lifecycle.retryStart(job, {
      after: decision.after,
      reason,
      keepSlots: mayBeGenerating,
    }))
      ? "retry_scheduled"
      : "nothing";
  }

  /** A failed poll: the job ends, or PixVerse is asked again after a backoff. */
  private async handleFailure(job: JobRecord, error: unknown, step: PixverseStep): Promise<StepResult> {
    const decision = this.decide(job, error, step);
    if (decision.action === "fail") return this.failed(job, decision.error);
    this.logRetry(job, error, step, decision.after, decision.alarming);
    const reason = describeFailure(error, {
      attempt: job.attempts + 1,
      retryAt: new Date(this.deps.clock.now().getTime() + decision.after),
    });
    return (await this.deps.lifecycle.checkAgainLater(job, decision.after, reason))
      ? "retry_scheduled"
      : "nothing";
  }

  private decide(job: JobRecord, error: unknown, step: PixverseStep) {
    return decideFailure({
      error,
      step,
      attempts: job.attempts,
      createdAt: job.createdAt,
      now: this.deps.clock.now(),
      deadlineSeconds: this.deps.jobDeadlineSeconds,
      timings: this.deps.timings,
    });
  }

  private logRetry(
    job: JobRecord,
    error: unknown,
    step: PixverseStep,
    after: number,
    alarming: boolean,
  ): void {
    this.deps.logger[alarming ? "error" : "warn"](`PixVerse ${step} failed; retrying`, {
      ...jobLogKeys(job),
      attempt: job.attempts + 1,
      retryInMs: after,
      error:
        error instanceof PixverseError
          ? { kind: error.kind, code: error.code, message: error.message }
          : String(error),
    });
  }

  private claimLive(job: JobRecord): boolean {
    return job.claimedUntil !== undefined && job.claimedUntil > this.deps.clock.now().toISOString();
  }

  private pastDeadline(job: JobRecord): boolean {
    return pastDeadline(job.createdAt, this.deps.clock.now(), this.deps.jobDeadlineSeconds);
  }
}

/** PixVerse's "concurrent generation limit reached". */
const PIXVERSE_CONCURRENCY_LIMIT = 500044;
