import { createApp } from "@pixpipe/api";
import { handle } from "hono/aws-lambda";
import { loadPipeline } from "./pipeline";

const pipeline = loadPipeline([
  "tableName",
  "mediaBucket",
  "archiveQueueUrl",
  "eventsQueueUrl",
  "pixverse.apiKey",
  "pixverse.webhookSecret",
]);

/** API Gateway v2 -> the Hono app, whose ports are the pipeline's services. */
export const handler = handle(
  createApp({
    authenticate: (apiKey) => pipeline.tenants.authenticate(apiKey),
    jobs: pipeline.jobService,
    webhooks: pipeline.webhooks,
    logger: pipeline.logger,
  }),
);
