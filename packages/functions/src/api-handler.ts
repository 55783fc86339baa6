import { apiDepsFromPipeline, createApp } from "@pixpipe/api";
import type { LinkedSetting } from "@pixpipe/core/config";
import type { Pipeline } from "@pixpipe/core/wiring";
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";
import { keepEmptyHeaders } from "./http-event";
import { flushingMetrics, RUNS_JOBS } from "./pipeline";

// Built from a pipeline: the Lambda entry point builds its own from the configuration alone; the
// local runtime builds one with the options only it may set (loopback webhooks).

/** The API's links: everything that runs jobs, and the PixVerse webhook secret it verifies with. */
export const API_LINKS: readonly LinkedSetting[] = [...RUNS_JOBS, "pixverse.webhookSecret"];

/** API Gateway v2 -> the Hono app, whose ports are the pipeline's services. */
export function apiHandler(pipeline: Pipeline) {
  const app = handle(createApp(apiDepsFromPipeline(pipeline)));
  return flushingMetrics(pipeline, <L extends LambdaEvent>(event: L, context?: LambdaContext) =>
    app(keepEmptyHeaders(event), context),
  );
}
