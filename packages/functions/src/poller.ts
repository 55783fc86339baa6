import type { Context } from "aws-lambda";
import { flushingMetrics, loadPipeline, RUNS_JOBS } from "./pipeline";

/** Exported for the local runtime's benchmarks, which count the calls it makes. */
export const pipeline = loadPipeline(RUNS_JOBS);

/** Leaves this much of the Lambda's time unused, so a tick ends cleanly before the timeout. */
const SAFETY_MARGIN_MS = 5_000;

/** EventBridge Scheduler, every minute: work through every job whose next check is due. */
export const handler = flushingMetrics(
  pipeline,
  (_event: unknown, context?: Pick<Context, "getRemainingTimeInMillis">) =>
    pipeline.poller.tick({
      ...(context
        ? { budgetMs: Math.max(1_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS) }
        : {}),
    }),
);
