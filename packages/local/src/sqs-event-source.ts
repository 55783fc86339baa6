import { setTimeout } from "node:timers/promises";
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSHandler, SQSMessageAttributes, SQSRecord } from "aws-lambda";
import {
  DEFAULT_FUNCTION_TIMEOUT_MS,
  invokeLambda,
  type LambdaFunctionConfig,
  type Log,
  localRegion,
} from "./lambda";

export interface SqsEventSourceOptions extends LambdaFunctionConfig {
  sqs: SQSClient;
  queueUrl: string;
  handler: SQSHandler;
  /** Records per invocation, like the event source mapping's BatchSize. Default 10; above 10 needs a batching window. */
  batchSize?: number;
  /** MaximumBatchingWindowInSeconds, in ms: how long to keep gathering records once the first arrived. Default 0. */
  maximumBatchingWindowMs?: number;
  /** FunctionResponseTypes ["ReportBatchItemFailures"]; without it a returned response is ignored. Default true. */
  reportBatchItemFailures?: boolean;
  /** Batches processed at the same time (Lambda runs several pollers). Default 1. */
  concurrency?: number;
  /** Long-poll wait per ReceiveMessage (Lambda uses 20 s). */
  waitTimeSeconds?: number;
  log?: Log;
}

export interface SqsEventSource {
  /** Reads the queue ARN, checks the timeout against the queue's visibility timeout and starts polling. */
  start(): Promise<void>;
  /** Stops polling; resolves once every batch already received has been handled. */
  stop(): Promise<void>;
}

/** SQS caps one ReceiveMessage at 10 messages. */
const RECEIVE_MAX = 10;

/** Lambda's record shape for a message attribute (list values are reserved and always empty). */
function toRecordAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    result[name] = {
      ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && {
        binaryValue: Buffer.from(value.BinaryValue).toString("base64"),
      }),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType ?? "String",
    };
  }
  return result;
}

/** One received message as Lambda puts it into `event.Records`. */
export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? "1",
      SentTimestamp: attributes.SentTimestamp ?? "",
      SenderId: attributes.SenderId ?? "",
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? "",
      ...(attributes.AWSTraceHeader !== undefined && { AWSTraceHeader: attributes.AWSTraceHeader }),
      ...(attributes.MessageGroupId !== undefined && { MessageGroupId: attributes.MessageGroupId }),
      ...(attributes.MessageDeduplicationId !== undefined && {
        MessageDeduplicationId: attributes.MessageDeduplicationId,
      }),
      ...(attributes.SequenceNumber !== undefined && { SequenceNumber: attributes.SequenceNumber }),
    },
    messageAttributes: toRecordAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? "",
    ...(message.MD5OfMessageAttributes !== undefined && {
      md5OfMessageAttributes: message.MD5OfMessageAttributes,
    }),
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * Which records of a batch to delete, following Lambda's rules: a thrown error (or timeout) fails the
 * whole batch; with ReportBatchItemFailures, the listed records fail, and a malformed response or an
 * itemIdentifier that is not in the batch fails the whole batch; anything else succeeds.
 */
export function succeededRecords(
  records: SQSRecord[],
  outcome: { error: unknown } | { response: unknown },
  reportBatchItemFailures: boolean,
): SQSRecord[] {
  if ("error" in outcome) return [];
  if (!reportBatchItemFailures) return records;
  const response = outcome.response;
  if (response === undefined || response === null) return records;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return records;
  if (!Array.isArray(failures)) return [];
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== "string" || !ids.has(id)) return [];
    failed.add(id);
  }
  return records.filter((record) => !failed.has(record.messageId));
}

/** Waits, or less when stopping. */
const pause = (ms: number, signal: AbortSignal) => setTimeout(ms, undefined, { signal }).catch(() => {});

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * An SQS event source mapping, as Lambda runs one: long-polls the queue, invokes the handler with
 * batches of records, deletes the records that succeeded and leaves failed ones in flight, so they
 * come back after the queue's visibility timeout. Dead-lettering after N receives is the queue's own
 * RedrivePolicy, exactly as on AWS.
 */
export function createSqsEventSource(options: SqsEventSourceOptions): SqsEventSource {
  const batchSize = options.batchSize ?? RECEIVE_MAX;
  const windowMs = options.maximumBatchingWindowMs ?? 0;
  const reportBatchItemFailures = options.reportBatchItemFailures ?? true;
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  const log = options.log ?? console;
  const region = localRegion();
  if (batchSize < 1 || (batchSize > RECEIVE_MAX && windowMs <= 0)) {
    throw new Error(
      `batchSize must be 1..${RECEIVE_MAX}, or larger with a maximumBatchingWindowMs (as on AWS)`,
    );
  }

  const fn: LambdaFunctionConfig = {
    functionName: options.functionName,
    timeoutMs,
    memoryMb: options.memoryMb,
  };
  const abort = new AbortController();
  let loops: Promise<void>[] = [];

  async function receive(maxMessages: number, waitSeconds: number): Promise<Message[]> {
    const result = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(RECEIVE_MAX, maxMessages),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
      { abortSignal: abort.signal },
    );
    return result.Messages ?? [];
  }

  /** Waits for a first message, then keeps gathering until batchSize or the batching window is reached. */
  async function gatherBatch(): Promise<Message[]> {
    const batch = await receive(batchSize, waitTimeSeconds);
    if (batch.length === 0 || windowMs <= 0) return batch;
    const windowEnds = Date.now() + windowMs;
    while (batch.length < batchSize && !abort.signal.aborted) {
      const remainingMs = windowEnds - Date.now();
      if (remainingMs <= 0) break;
      try {
        const more = await receive(batchSize - batch.length, Math.min(20, Math.floor(remainingMs / 1000)));
        batch.push(...more);
        if (more.length === 0 && remainingMs < 1000) await pause(Math.min(remainingMs, 50), abort.signal);
      } catch (error) {
        // The records gathered so far are in flight and still get handled.
        if (!isAbort(error))
          log.error(`${options.functionName}: receiving from ${options.queueUrl} failed`, error);
        break;
      }
    }
    return batch;
  }

  async function handleBatch(messages: Message[], queueArn: string): Promise<void> {
    const records = messages.map((message) => toSqsRecord(message, queueArn, region));
    let outcome: { error: unknown } | { response: unknown };
    try {
      outcome = { response: await invokeLambda(options.handler, { Records: records }, fn) };
    } catch (error) {
      log.error(
        `${options.functionName}: batch of ${records.length} failed; records return after the visibility timeout`,
        error,
      );
      outcome = { error };
    }
    const done = succeededRecords(records, outcome, reportBatchItemFailures);
    if (done.length === 0) return;
    // Not aborted on stop: finishing the batch includes deleting what succeeded.
    const result = await options.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: done.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
      }),
    );
    for (const failure of result.Failed ?? []) {
      log.warn(
        `${options.functionName}: could not delete a handled record (${failure.Code}); it will be delivered again`,
      );
    }
  }

  async function poll(queueArn: string): Promise<void> {
    while (!abort.signal.aborted) {
      let messages: Message[];
      try {
        messages = await gatherBatch();
      } catch (error) {
        if (isAbort(error)) return;
        log.error(`${options.functionName}: receiving from ${options.queueUrl} failed; retrying`, error);
        await pause(1000, abort.signal);
        continue;
      }
      if (messages.length === 0) continue;
      await handleBatch(messages, queueArn).catch((error: unknown) =>
        log.error(`${options.functionName}: deleting handled records failed`, error),
      );
    }
  }

  return {
    async start() {
      if (loops.length > 0) throw new Error("this event source is already started");
      const { Attributes } = await options.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: options.queueUrl,
          AttributeNames: ["QueueArn", "VisibilityTimeout"],
        }),
      );
      const queueArn = Attributes?.QueueArn;
      if (!queueArn) throw new Error(`${options.queueUrl} reports no QueueArn`);
      const visibilityTimeoutMs = Number(Attributes?.VisibilityTimeout ?? 30) * 1000;
      if (visibilityTimeoutMs < timeoutMs) {
        // CreateEventSourceMapping refuses this too: a record would reappear while its batch still runs.
        throw new Error(
          `queue visibility timeout (${visibilityTimeoutMs / 1000} s) is shorter than the function timeout (${timeoutMs / 1000} s) of ${options.functionName}`,
        );
      }
      loops = Array.from({ length: options.concurrency ?? 1 }, () => poll(queueArn));
    },
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
  };
}
