import type { JobRecord, JobRepository } from "../job";
import { itemKeys } from "../table";
import { jobLogKeys } from "./job-log";
import type { JobSteps, StepResult } from "./job-steps";
import { PacedRunner, STEPS_IN_FLIGHT } from "./paced-runner";
import type { Clock, Logger } from "./ports";
import { type SlotBoard, type SlotLimits, slotsInUse } from "./slots";

export interface SchedulerDeps {
  /** Read only, apart from clearing a tenant's waiting marker once it has nothing queued. */
  jobs: Pick<JobRepository, "oldestQueued" | "clearMarker">;
  steps: Pick<JobSteps, "slotBoard" | "claimStart" | "runClaimed">;
  limits: (tenantId: string) => Promise<SlotLimits>;
  clock: Clock;
  logger: Logger;
}

export interface RoundReport {
  /** Starts tried, and what each came to. */
  starts: Partial<Record<StepResult, number>>;
  /** Tenants with a waiting marker at the start of the round. */
  waitingTenants: number;
  /** The jobs it tried to start. */
  jobIds: string[];
}

/** Queued jobs read per tenant at a time (the oldest first). */
const QUEUE_PAGE = 10;

/**
 * Starts waiting jobs while generation slots are free, fairly between tenants: the next slot goes to
 * the waiting tenant with the fewest generations in flight (ties: the one waiting longest), each
 * tenant's own jobs oldest first. So a tenant with 5 queued jobs starts within one round of a slot
 * freeing, however many another tenant queued before it (invariant 6 is kept by the starts
 * themselves: each takes its slots with a conditional write).
 */
export class Scheduler {
  constructor(private readonly deps: SchedulerDeps) {}

  /**
   * One round: as many starts as there are free slots. Slots are claimed one job after another on one
   * board (each choice sees the ones before it); each claimed job's uploads and submit then run through
   * `runner`, which paces PixVerse requests and runs several at once. The round ends when they have.
   */
  async round(options: { runner?: PacedRunner; maxStarts?: number } = {}): Promise<RoundReport> {
    const runner =
      options.runner ??
      // No pace given (a test, a one-off round): unpaced, as many side by side as the poller runs.
      new PacedRunner(this.deps.clock, { perSecond: Number.POSITIVE_INFINITY, maxInFlight: STEPS_IN_FLIGHT });
    const roundStarted = this.deps.clock.now().toISOString();
    let board = await this.deps.steps.slotBoard();
    const report: RoundReport = { starts: {}, waitingTenants: board.waiting.size, jobIds: [] };
    const count = (result: StepResult) => {
      report.starts[result] = (report.starts[result] ?? 0) + 1;
    };
    const queues = new Map<string, JobRecord[]>();
    const exhausted = new Set<string>();
    let starts = 0;
    const runs: Promise<void>[] = [];

    while (starts < (options.maxStarts ?? Number.POSITIVE_INFINITY)) {
      const tenantId = await this.nextTenant(board, exhausted);
      if (tenantId === undefined) break;
      const job = await this.nextJob(tenantId, queues, roundStarted);
      if (!job) {
        exhausted.add(tenantId);
        continue;
      }
      const claim = await this.deps.steps.claimStart(job, { board });
      board = claim.board;
      starts++;
      report.jobIds.push(job.id);
      if ("result" in claim) {
        count(claim.result);
        // A tenant whose job had to wait (its limit, or pixpipe's) gets nothing more this round.
        if (claim.result === "waiting") exhausted.add(tenantId);
        continue;
      }
      const run = await runner.start(async () => {
        try {
          count((await this.deps.steps.runClaimed(claim.claimed)).result);
        } catch (error) {
          // DynamoDB failed mid-start: the claim runs out and the poller resumes the job in its slots.
          count("nothing");
          this.deps.logger.error("a start did not finish; the poller resumes it", {
            ...jobLogKeys(job),
            error: String(error),
          });
        }
      });
      runs.push(run.finished);
    }
    // Its own starts only: the runner may be running the poller's other steps meanwhile.
    await Promise.all(runs);
    return report;
  }

  /** The waiting tenant that gets the next free slot; undefined when none can (or no slot is free). */
  private async nextTenant(board: SlotBoard, exhausted: ReadonlySet<string>): Promise<string | undefined> {
    const candidates: { tenantId: string; inFlight: number; waitingSince: string }[] = [];
    for (const [tenantId, waitingSince] of board.waiting) {
      if (exhausted.has(tenantId)) continue;
      const limits = await this.deps.limits(tenantId);
      if (slotsInUse(board) >= limits.global) return undefined;
      const inFlight = slotsInUse(board, tenantId);
      if (limits.tenant !== undefined && inFlight >= limits.tenant) continue;
      candidates.push({ tenantId, inFlight, waitingSince });
    }
    candidates.sort(
      (a, b) =>
        a.inFlight - b.inFlight ||
        a.waitingSince.localeCompare(b.waitingSince) ||
        a.tenantId.localeCompare(b.tenantId),
    );
    return candidates[0]?.tenantId;
  }

  /**
   * The tenant's oldest job that may start now (not claimed, not in a retry's backoff, holding no
   * slots). A tenant with nothing queued at all loses its marker, unless one was put during the round.
   */
  private async nextJob(tenantId: string, queues: Map<string, JobRecord[]>, roundStarted: string) {
    let queue = queues.get(tenantId);
    if (!queue) {
      const queued = await this.deps.jobs.oldestQueued(tenantId, QUEUE_PAGE);
      if (queued.length === 0)
        await this.deps.jobs.clearMarker(itemKeys.waitingMarker(tenantId), roundStarted);
      const now = this.deps.clock.now().toISOString();
      queue = queued.filter(
        (job) =>
          !job.slots &&
          (job.claimedUntil === undefined || job.claimedUntil <= now) &&
          (job.notBefore === undefined || job.notBefore <= now),
      );
      queues.set(tenantId, queue);
    }
    return queue.shift();
  }
}
