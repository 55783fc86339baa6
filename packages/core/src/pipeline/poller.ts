import type { JobRepository } from "../job";
import type { JobSteps, StepResult } from "./job-steps";
import type { Clock, Logger } from "./ports";

export interface PollerDeps {
  /** Read only: the due index. */
  jobs: Pick<JobRepository, "listDue">;
  steps: Pick<JobSteps, "advance" | "countSlots">;
  clock: Clock;
  logger: Logger;
  /** Jobs read from the due index per page. */
  pageSize?: number;
  /** PixVerse requests per second the poller allows itself (PixVerse publishes no limit; its MCP client uses 1). */
  requestsPerSecond?: number;
}

export type PollerReport = { examined: number; errors: number } & Partial<Record<StepResult, number>>;

/**
 * The fallback that keeps every job moving (invariant 3): one tick works through every job whose
 * next check is due (queued jobs to submit, generating jobs to poll, overdue archives, unsent events)
 * until none is left or the time budget is spent.
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
    const spacingMs = 1000 / (this.deps.requestsPerSecond ?? 5);
    const report: PollerReport = { examined: 0, errors: 0 };
    const seen = new Set<string>();
    const slots = await this.deps.steps.countSlots();
    let nextRequestAt = 0;

    while (elapsed() < budgetMs) {
      // A job handled this tick may still be due (a step that threw leaves it as it was): read past
      // those, or a page full of them would hide every job behind it.
      const due = (await this.deps.jobs.listDue(horizon(), (this.deps.pageSize ?? 50) + seen.size)).filter(
        (job) => !seen.has(job.id),
      );
      if (due.length === 0) break;
      for (const job of due) {
        if (elapsed() >= budgetMs) break;
        seen.add(job.id);
        const wait = nextRequestAt - clock.now().getTime();
        if (wait > 0) await clock.sleep(wait);
        nextRequestAt = clock.now().getTime() + spacingMs;
        report.examined++;
        try {
          const result = await this.deps.steps.advance(job, slots);
          report[result] = (report[result] ?? 0) + 1;
        } catch (error) {
          // One broken job must not stop the others; it stays due and is looked at next tick.
          report.errors++;
          this.deps.logger.error("poller could not advance a job", { jobId: job.id, error: String(error) });
        }
      }
    }
    this.deps.logger.info("poller tick", { ...report, ms: elapsed() });
    return report;
  }
}
