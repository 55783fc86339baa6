import type { JobRepository } from "../job";
import type { PipelineGauges } from "./gauges";
import { jobLogKeys } from "./job-log";
import type { JobSteps, StepResult } from "./job-steps";
import { PacedRunner, STEPS_IN_FLIGHT } from "./paced-runner";
import type { Clock, Logger } from "./ports";
import type { Scheduler } from "./scheduler";

/** The webhook outbox's fallback: hands out again deliveries whose queue message was lost. */
export interface WebhookSweep {
  sweep(): Promise<number>;
}

export interface PollerDeps {
  /** Read only: the due index. */
  jobs: Pick<JobRepository, "listDue">;
  steps: Pick<JobSteps, "advance">;
  scheduler: Pick<Scheduler, "round">;
  webhooks: WebhookSweep;
  /** Sampled at the end of every tick. */
  gauges: Pick<PipelineGauges, "sample">;
  clock: Clock;
  logger: Logger;
  /** Jobs read from the due index per page. */
  pageSize?: number;
  /** PixVerse requests per second the poller allows itself (PixVerse publishes no limit; its MCP client uses 1). */
  requestsPerSecond?: number;
}

export type PollerReport = {
  examined: number;
  errors: number;
  started: number;
  webhooksSwept?: number;
} & Partial<Record<StepResult, number>>;

/**
 * The fallback that keeps every job moving (invariant 3). One tick alternates between starting
 * waiting jobs while slots are free (the scheduler, fair between tenants) and working through every
 * job whose next check is due (polls of generations, overdue archives, unsent events, starts that
 * died, deadlines), until nothing is left to do or the time budget is spent; then it sweeps the webhook
 * outbox for deliveries whose queue message was lost.
 */
export class Poller {
  constructor(private readonly deps: PollerDeps) {}

  /** `horizon` is the time up to which work counts as due (now, unless a test looks ahead). */
  async tick(options: { horizon?: () => Date; budgetMs?: number } = {}): Promise<PollerReport> {
    const { clock } = this.deps;
    const horizon = options.horizon ?? (() => clock.now());
    const started = clock.now().getTime();
    const elapsed = () => clock.now().getTime() - started;
    const budgetMs = options.budgetMs ?? 50_000;
    // One pace for starts and looks alike: every step is (at most) a PixVerse request or two.
    const runner = new PacedRunner(clock, {
      perSecond: this.deps.requestsPerSecond ?? 5,
      maxInFlight: STEPS_IN_FLIGHT,
    });
    const report: PollerReport = { examined: 0, errors: 0, started: 0 };
    const seen = new Set<string>();
    const count = (result: StepResult) => {
      report[result] = (report[result] ?? 0) + 1;
    };

    while (elapsed() < budgetMs) {
      const round = await this.deps.scheduler.round({ runner });
      // A job started this tick is not looked at again in it (each job once per tick).
      for (const jobId of round.jobIds) seen.add(jobId);
      for (const [result, n] of Object.entries(round.starts) as [StepResult, number][]) {
        report.started += n;
        report[result] = (report[result] ?? 0) + n;
      }
      // A job handled this tick may still be due (a step that threw leaves it as it was): read past
      // those, or a page full of them would hide every job behind it.
      const due = (await this.deps.jobs.listDue(horizon(), (this.deps.pageSize ?? 50) + seen.size)).filter(
        (job) => !seen.has(job.id),
      );
      // Starts that had to wait, or found their job moved on, are no progress: stop when nothing moves.
      const moved = (Object.keys(round.starts) as StepResult[]).some(
        (r) => r !== "waiting" && r !== "nothing",
      );
      if (due.length === 0 && !moved) {
        if (runner.idle) break;
        // Steps still running may free slots or make work due: once they end, look again.
        await runner.drain();
        continue;
      }
      for (const job of due) {
        if (elapsed() >= budgetMs) break;
        seen.add(job.id);
        await runner.start(async () => {
          report.examined++;
          try {
            count(await this.deps.steps.advance(job));
          } catch (error) {
            // One broken job must not stop the others; it stays due and is looked at next tick.
            report.errors++;
            this.deps.logger.error("poller could not advance a job", {
              ...jobLogKeys(job),
              error: String(error),
            });
          }
        });
      }
    }
    await runner.drain();
    await this.sweepWebhooks(report);
    await this.deps.gauges.sample();
    // A tick whose every step came to "nothing" only looked: not worth a line at INFO.
    const { examined: _examined, errors, started: _started, nothing: _nothing, ...done } = report;
    const busy = errors > 0 || Object.values(done).some((n) => n > 0);
    this.deps.logger[busy ? "info" : "debug"]("poller tick", { ...report, ms: elapsed() });
    return report;
  }

  private async sweepWebhooks(report: PollerReport): Promise<void> {
    try {
      const swept = await this.deps.webhooks.sweep();
      if (swept > 0) report.webhooksSwept = swept;
    } catch (error) {
      report.errors++;
      this.deps.logger.error("poller could not sweep webhook deliveries", { error: String(error) });
    }
  }
}
