import { type LinkedSetting, loadConfig } from "@pixpipe/core/config";
import { createPipeline, type Pipeline } from "@pixpipe/core/wiring";

/** What creating, submitting and re-driving jobs uses: the table, media, both queues and PixVerse. */
export const RUNS_JOBS: readonly LinkedSetting[] = [
  "tableName",
  "mediaBucket",
  "archiveQueueUrl",
  "eventsQueueUrl",
  "pixverse.apiKey",
];

/**
 * The pipeline of one Lambda, built at module scope by its entry point. `linked` names the SST-linked
 * values the function uses (its infra links say the same), so a missing link fails at cold start.
 */
export function loadPipeline(linked: readonly LinkedSetting[]): Pipeline {
  return createPipeline(loadConfig(process.env, { require: linked }));
}

/**
 * The handler, flushing the pipeline's metrics as each invocation ends (failed ones too): CloudWatch
 * reads EMF lines from the invocation's log, and a frozen Lambda would hold them until the next one.
 */
export function flushingMetrics<A extends unknown[], R>(
  pipeline: Pick<Pipeline, "metrics">,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      pipeline.metrics.flush();
    }
  };
}
