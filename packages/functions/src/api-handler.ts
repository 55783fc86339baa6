import { apiDepsFromPipeline, createApp } from "@pixpipe/api";
import type { LinkedSetting } from "@pixpipe/core/config";
import type { Pipeline } from "@pixpipe/core/wiring";
import { handle } from "hono/aws-lambda";
import { flushingMetrics, RUNS_JOBS } from "./pipeline";

// Built from a pipeline: the Lambda entry point builds its own from the configuration alone; the
// local runtime builds one with the options only it may set (loopback webhooks).

/** The API's links: everything that runs jobs, and the PixVerse webhook secret it verifies with. */
export const API_LINKS: readonly LinkedSetting[] = [...RUNS_JOBS, "pixverse.webhookSecret"];

/** API Gateway v2 -> the Hono app, whose ports are the pipeline's services. */
export const apiHandler = (pipeline: Pipeline) =>
  flushingMetrics(pipeline, handle(createApp(apiDepsFromPipeline(pipeline))));
