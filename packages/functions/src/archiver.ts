import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { archiveMessageSchema } from "@pixpipe/core/pipeline";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { flushingMetrics, loadPipeline } from "./pipeline";

/** Exported for the local runtime's benchmarks, which count the calls it makes. */
export const pipeline = loadPipeline(["tableName", "mediaBucket", "eventsQueueUrl", "pixverse.apiKey"]);

const processor = new BatchProcessor(EventType.SQS);

/** One archive copy per record; a record that throws is reported as a batch item failure and retried by SQS. */
async function archiveRecord(record: SQSRecord): Promise<void> {
  const parsed = archiveMessageSchema.safeParse(parseJson(record.body));
  if (!parsed.success) {
    // Retrying cannot fix a malformed message: log it and let it go.
    pipeline.logger.error("archive message ignored: not { jobId }", {
      messageId: record.messageId,
      body: record.body,
    });
    return;
  }
  await pipeline.archiver.archive(parsed.data.jobId);
}

export const handler = flushingMetrics(pipeline, (event: SQSEvent) =>
  processPartialResponse(event, archiveRecord, processor),
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
