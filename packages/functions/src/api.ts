import { apiDepsFromPipeline, createApp } from "@pixpipe/api";
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";
import { keepEmptyHeaders } from "./http-event";
import { flushingMetrics, loadPipeline, RUNS_JOBS } from "./pipeline";

/** Exported for the local runtime's benchmarks, which count the calls it makes. */
export const pipeline = loadPipeline([...RUNS_JOBS, "pixverse.webhookSecret"]);
const app = handle(createApp(apiDepsFromPipeline(pipeline)));

/** API Gateway v2 -> the Hono app, whose ports are the pipeline's services. */
export const handler = flushingMetrics(pipeline, <L extends LambdaEvent>(event: L, context?: LambdaContext) =>
  app(keepEmptyHeaders(event), context),
);
