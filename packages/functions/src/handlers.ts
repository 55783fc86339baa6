import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { apiDepsFromPipeline, createApp } from "@pixpipe/api";
import type { LinkedSetting } from "@pixpipe/core/config";
import { deliveryMessageSchema } from "@pixpipe/core/webhooks";
import type { Pipeline } from "@pixpipe/core/wiring";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { handle } from "hono/aws-lambda";
import { RUNS_JOBS } from "./pipeline";

// Handlers built from a pipeline: the Lambda entry points build theirs from the configuration alone;
// the local runtime builds its own with the options only it may set (loopback webhooks).

/** The API's links: everything that runs jobs, and the PixVerse webhook secret it verifies with. */
export const API_LINKS: readonly LinkedSetting[] = [...RUNS_JOBS, "pixverse.webhookSecret"];

/** API Gateway v2 -> the Hono app, whose ports are the pipeline's services. */
export const apiHandler = (pipeline: Pipeline) => handle(createApp(apiDepsFromPipeline(pipeline)));

/** The delivery worker reads and writes deliveries (and the tenant's secrets) and queues its retries. */
export const DELIVERY_LINKS: readonly LinkedSetting[] = ["tableName", "webhookQueueUrl"];

/** A body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * WebhookDeliveries -> one attempt per record, records of a batch in parallel. A record that throws
 * (DynamoDB unreachable) is a batch item failure that SQS hands out again, and after five receives
 * moves to the dead-letter queue; the delivery stays pending, so the poller's sweep takes it up too.
 */
export function deliveryHandler(pipeline: Pipeline) {
  const processor = new BatchProcessor(EventType.SQS);
  const deliver = async (record: SQSRecord): Promise<void> => {
    const parsed = deliveryMessageSchema.safeParse(parseJson(record.body));
    if (!parsed.success) {
      // Retrying cannot fix a malformed message: log it and let it go.
      pipeline.logger.error("delivery message ignored: not { jobId, event, attempt }", {
        messageId: record.messageId,
        body: record.body,
      });
      return;
    }
    await pipeline.webhookDeliverer.deliver(parsed.data);
  };
  return async (event: SQSEvent) => {
    try {
      return await processPartialResponse(event, deliver, processor);
    } finally {
      pipeline.metrics.flush();
    }
  };
}
