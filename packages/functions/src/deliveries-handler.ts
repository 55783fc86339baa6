import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { LinkedSetting } from "@pixpipe/core/config";
import { deliveryMessageSchema } from "@pixpipe/core/webhooks";
import type { Pipeline } from "@pixpipe/core/wiring";
import type { SQSEvent } from "aws-lambda";
import { flushingMetrics } from "./pipeline";
import { messageHandler } from "./sqs-messages";

// Built from a pipeline: the Lambda entry point builds its own from the configuration alone; the
// local runtime builds one with the options only it may set (loopback webhooks).

/** The delivery worker reads and writes deliveries (and the tenant's secrets) and queues its retries. */
export const DELIVERY_LINKS: readonly LinkedSetting[] = ["tableName", "webhookQueueUrl"];

/**
 * WebhookDeliveries -> one attempt per record, records of a batch in parallel. A record that throws
 * (DynamoDB unreachable) is a batch item failure that SQS hands out again, and after five receives
 * moves to the dead-letter queue; the delivery stays pending, so the poller's sweep takes it up too.
 */
export function deliveryHandler(pipeline: Pipeline) {
  const processor = new BatchProcessor(EventType.SQS);
  const deliver = messageHandler(pipeline, deliveryMessageSchema, "{ jobId, event, attempt }", (message) =>
    pipeline.webhookDeliverer.deliver(message),
  );
  return flushingMetrics(pipeline, (event: SQSEvent) => processPartialResponse(event, deliver, processor));
}
