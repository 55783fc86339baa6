import { ACTIVE_STATUSES, type JobRepository } from "../job";
import { METRICS, type Metrics } from "../metrics";
import type { JobSteps } from "./job-steps";
import type { Clock, Logger, PixverseApi } from "./ports";
import { slotsInUse } from "./slots";

export interface PipelineGaugesDeps {
  jobs: Pick<JobRepository, "activeJobCensus">;
  steps: Pick<JobSteps, "slotBoard">;
  pixverse: Pick<PixverseApi, "getBalance">;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  /** The PixVerse balance is read at most this often. */
  balanceIntervalMs?: number;
}

/**
 * At most one balance read per 5 minutes and process: the PixverseBalanceLow alarm looks at 15-minute
 * periods, so each still gets a reading while the poller runs.
 */
const BALANCE_INTERVAL_MS = 5 * 60_000;

/**
 * The pipeline's levels, sampled by the poller at the end of every tick: jobs and the oldest job's
 * age in each non-terminal status (zeros included: the StuckJobs alarm reads a missing figure as a
 * poller that stopped), generation slots in use, and now and then the PixVerse credit balance.
 */
export class PipelineGauges {
  private balanceReadAt: number | undefined;

  constructor(private readonly deps: PipelineGaugesDeps) {}

  /** Records the gauges; a read that fails is logged, never thrown into the tick. */
  async sample(): Promise<void> {
    const { metrics, clock, logger } = this.deps;
    try {
      const [census, board] = await Promise.all([
        this.deps.jobs.activeJobCensus(),
        this.deps.steps.slotBoard(),
      ]);
      const now = clock.now().getTime();
      for (const status of ACTIVE_STATUSES) {
        const { count, oldestCreatedAt } = census[status];
        const ageMs = oldestCreatedAt === null ? 0 : Math.max(0, now - Date.parse(oldestCreatedAt));
        metrics.gauge(METRICS.activeJobs, { Status: status }, count);
        metrics.gauge(METRICS.oldestActiveJobAge, { Status: status }, Math.floor(ageMs / 1000));
      }
      metrics.gauge(METRICS.generationSlotsInUse, {}, slotsInUse(board));
    } catch (error) {
      logger.error("active jobs and slots not sampled; StuckJobs reads the gap as a stopped poller", {
        error: String(error),
      });
    }
    await this.sampleBalance();
  }

  private async sampleBalance(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const interval = this.deps.balanceIntervalMs ?? BALANCE_INTERVAL_MS;
    if (this.balanceReadAt !== undefined && now - this.balanceReadAt < interval) return;
    this.balanceReadAt = now;
    try {
      const balance = await this.deps.pixverse.getBalance();
      this.deps.metrics.gauge(METRICS.pixverseBalance, {}, balance.creditMonthly + balance.creditPackage);
    } catch (error) {
      this.deps.logger.warn("PixVerse balance not read; trying again at the next interval", {
        error: String(error),
      });
    }
  }
}
