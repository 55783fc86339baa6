import type { JobRecord, JobRepository } from "../job";
import { itemKeys } from "../table";
import type { JobSteps, StepResult } from "./job-steps";
import type { Clock, Logger } from "./ports";
import { type SlotBoard, type SlotLimits, slotsInUse } from "./slots";

export interface SchedulerDeps {
  /** Read only, apart from clearing a tenant's waiting marker once it has nothing queued. */
  jobs: Pick<JobRepository, "oldestQueued" | "clearMarker">;
  steps: Pick<JobSteps, "slotBoard" | "start">;
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

  /** One round: as many starts as there are free slots; `beforeStart` paces PixVerse requests. */
  async round(options: { beforeStart?: () => Promise<void>; maxStarts?: number } = {}): Promise<RoundReport> {
    const roundStarted = this.deps.clock.now().toISOString();
    let board = await this.deps.steps.slotBoard();
    const report: RoundReport = { starts: {}, waitingTenants: board.waiting.size, jobIds: [] };
    const queues = new Map<string, JobRecord[]>();
    const exhausted = new Set<string>();
    let starts = 0;

    while (starts < (options.maxStarts ?? Number.POSITIVE_INFINITY)) {
      const tenantId = await this.nextTenant(board, exhausted);
      if (tenantId === undefined) break;
      const job = await this.nextJob(tenantId, queues, roundStarted);
      if (!job) {
        exhausted.add(tenantId);
        continue;
      }
      await options.beforeStart?.();
      const { result, board: after } = await this.deps.steps.start(job, { board });
      board = after;
      starts++;
      report.jobIds.push(job.id);
      report.starts[result] = (report.starts[result] ?? 0) + 1;
      // A tenant whose job had to wait (its limit, or pixpipe's) gets nothing more this round.
      if (result === "waiting") exhausted.add(tenantId);
    }
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
