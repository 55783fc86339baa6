import { apiDepsFromPipeline, createApp } from "@pixpipe/api";
import { handle } from "hono/aws-lambda";
import { flushingMetrics, loadPipeline, RUNS_JOBS } from "./pipeline";

/** Exported for the local runtime's benchmarks, which count the calls it makes. */
export const pipeline = loadPipeline([...RUNS_JOBS, "pixverse.webhookSecret"]);

/** API Gateway v2 -> the Hono app, whose ports are the pipeline's services. */
export const handler = flushingMetrics(pipeline, handle(createApp(apiDepsFromPipeline(pipeline))));
