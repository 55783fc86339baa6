import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { archiveMessageSchema } from "@pixpipe/core/pipeline";
import type { SQSEvent } from "aws-lambda";
import { flushingMetrics, loadPipeline } from "./pipeline";
import { messageHandler } from "./sqs-messages";

/** Exported for the local runtime's benchmarks, which count the calls it makes. */
export const pipeline = loadPipeline([
  "tableName",
  "mediaBucket",
  "eventsQueueUrl",
  "webhookQueueUrl",
  "pixverse.apiKey",
]);

const processor = new BatchProcessor(EventType.SQS);

/** One archive copy per record; a record that throws is reported as a batch item failure and retried by SQS. */
const archiveRecord = messageHandler(pipeline, archiveMessageSchema, "{ jobId }", (message) =>
  pipeline.archiver.archive(message.jobId),
);

export const handler = flushingMetrics(pipeline, (event: SQSEvent) =>
  processPartialResponse(event, archiveRecord, processor),
);
