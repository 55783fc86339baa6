import { randomUUID } from "node:crypto";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent, SQSHandler } from "aws-lambda";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createSqsEventSource, type SqsEventSource, succeededRecords } from "./sqs-event-source";

const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS, useQueueUrlAsEndpoint: false });
const quiet = { info() {}, warn() {}, error() {} };
const started: SqsEventSource[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((source) => source.stop()));
});
afterAll(() => sqs.destroy());

async function createQueue(attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `local-src-${randomUUID().slice(0, 8)}`, Attributes: attributes }),
  );
  const url = QueueUrl ?? "";
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  return { url, arn: Attributes?.QueueArn ?? "" };
}

async function send(queueUrl: string, bodies: string[]): Promise<void> {
  await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: bodies.map((body, index) => ({
        Id: String(index),
        MessageBody: body,
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "test" },
          blob: { DataType: "Binary", BinaryValue: Buffer.from([1, 2, 3]) },
        },
      })),
    }),
  );
}

/** Counts of visible and in-flight messages, as SQS reports them. */
async function queueDepth(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return {
    visible: Number(Attributes?.ApproximateNumberOfMessages),
    inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible),
  };
}

async function start(
  queueUrl: string,
  handler: SQSHandler,
  options: { batchSize?: number; maximumBatchingWindowMs?: number } = {},
): Promise<SqsEventSource> {
  const source = createSqsEventSource({
    sqs,
    queueUrl,
    handler,
    functionName: "test-consumer",
    timeoutMs: 1000,
    waitTimeSeconds: 1,
    log: quiet,
    ...options,
  });
  await source.start();
  started.push(source);
  return source;
}

describe("SQS event source", () => {
  it("invokes the handler with Lambda-shaped records in batches of at most batchSize", async () => {
    const queue = await createQueue({ VisibilityTimeout: "5" });
    await send(queue.url, ["a", "b", "c", "d", "e"]);
    const events: SQSEvent[] = [];
    await start(
      queue.url,
      async (event) => {
        events.push(event);
      },
      { batchSize: 2 },
    );

    await vi.waitFor(() => expect(events.flatMap((e) => e.Records)).toHaveLength(5), { timeout: 5000 });
    expect(events.every((event) => event.Records.length <= 2)).toBe(true);
    expect(events.flatMap((e) => e.Records.map((r) => r.body)).sort()).toEqual(["a", "b", "c", "d", "e"]);
    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: "aws:sqs",
      eventSourceARN: queue.arn,
      awsRegion: "us-east-1",
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {
        kind: { stringValue: "test", stringListValues: [], binaryListValues: [], dataType: "String" },
        blob: { binaryValue: "AQID", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      },
    });
    await vi.waitFor(async () => expect(await queueDepth(queue.url)).toEqual({ visible: 0, inFlight: 0 }));
  });

  it("gathers records arriving within the batching window into one invocation", async () => {
    const queue = await createQueue({ VisibilityTimeout: "5" });
    const events: SQSEvent[] = [];
    await start(
      queue.url,
      async (event) => {
        events.push(event);
      },
      { batchSize: 20, maximumBatchingWindowMs: 1500 },
    );
    await send(queue.url, ["1", "2", "3"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await send(queue.url, ["4", "5"]);

    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5000 });
    expect(events[0]?.Records.map((r) => r.body).sort()).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("deletes only the records that succeeded; reported failures come back after the visibility timeout", async () => {
    const queue = await createQueue({ VisibilityTimeout: "1" });
    await send(queue.url, ["ok-1", "fail", "ok-2"]);
    const deliveries: { body: string; receiveCount: string }[] = [];
    let failuresLeft = 1;
    await start(queue.url, async (event): Promise<SQSBatchResponse> => {
      const batchItemFailures = [];
      for (const record of event.Records) {
        deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
        if (record.body === "fail" && failuresLeft-- > 0)
          batchItemFailures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures };
    });

    await vi.waitFor(() => expect(deliveries).toHaveLength(3), { timeout: 5000 });
    await vi.waitFor(async () => expect(await queueDepth(queue.url)).toEqual({ visible: 0, inFlight: 1 }));
    await vi.waitFor(() => expect(deliveries).toHaveLength(4), { timeout: 5000 });
    expect(deliveries[3]).toEqual({ body: "fail", receiveCount: "2" });
    await vi.waitFor(async () => expect(await queueDepth(queue.url)).toEqual({ visible: 0, inFlight: 0 }));
  });

  it("retries the whole batch when the handler throws", async () => {
    const queue = await createQueue({ VisibilityTimeout: "1" });
    await send(queue.url, ["x", "y"]);
    const deliveries: { body: string; receiveCount: string }[] = [];
    let throwsLeft = 1;
    await start(queue.url, async (event) => {
      for (const record of event.Records) {
        deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
      }
      if (throwsLeft-- > 0) throw new Error("boom");
    });

    await vi.waitFor(() => expect(deliveries).toHaveLength(4), { timeout: 6000 });
    expect(
      deliveries
        .filter((d) => d.receiveCount === "2")
        .map((d) => d.body)
        .sort(),
    ).toEqual(["x", "y"]);
    await vi.waitFor(async () => expect(await queueDepth(queue.url)).toEqual({ visible: 0, inFlight: 0 }));
  });

  it("leaves a message to the queue's redrive policy: after maxReceiveCount failures it lands in the DLQ", async () => {
    const dlq = await createQueue();
    const queue = await createQueue({
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
    });
    await send(queue.url, ["poison"]);
    let invocations = 0;
    await start(queue.url, async () => {
      invocations++;
      throw new Error("always fails");
    });

    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq.url,
        WaitTimeSeconds: 10,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    expect(Messages?.map((m) => m.Body)).toEqual(["poison"]);
    expect(invocations).toBe(2);
  });

  it("fails the whole batch when a reported itemIdentifier is not in it", async () => {
    const queue = await createQueue({ VisibilityTimeout: "1" });
    await send(queue.url, ["p", "q"]);
    const receiveCounts: string[] = [];
    await start(queue.url, async (event): Promise<SQSBatchResponse> => {
      receiveCounts.push(...event.Records.map((r) => r.attributes.ApproximateReceiveCount));
      return receiveCounts.length <= 2
        ? { batchItemFailures: [{ itemIdentifier: "not-in-batch" }] }
        : { batchItemFailures: [] };
    });

    await vi.waitFor(() => expect(receiveCounts).toEqual(["1", "1", "2", "2"]), { timeout: 6000 });
  });

  it("stop() waits for the batch in flight and deletes what it handled", async () => {
    const queue = await createQueue({ VisibilityTimeout: "5" });
    await send(queue.url, ["slow"]);
    let release = () => {};
    const handling = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    const source = await start(queue.url, async () => {
      entered = true;
      await handling;
    });
    await vi.waitFor(() => expect(entered).toBe(true));

    let stopped = false;
    const stopping = source.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await queueDepth(queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it("refuses a function timeout longer than the queue's visibility timeout, as CreateEventSourceMapping does", async () => {
    const queue = await createQueue({ VisibilityTimeout: "1" });
    const source = createSqsEventSource({
      sqs,
      queueUrl: queue.url,
      handler: async () => {},
      functionName: "too-slow",
      timeoutMs: 5000,
    });
    await expect(source.start()).rejects.toThrow(/visibility timeout/);
  });
});

describe("succeededRecords", () => {
  const records = ["m1", "m2"].map((messageId) => ({ messageId }) as SQSEvent["Records"][number]);

  it("treats an empty or missing response as full success and a malformed one as full failure", () => {
    expect(succeededRecords(records, { response: undefined }, true)).toHaveLength(2);
    expect(succeededRecords(records, { response: { batchItemFailures: [] } }, true)).toHaveLength(2);
    expect(succeededRecords(records, { response: { batchItemFailures: "m1" } }, true)).toHaveLength(0);
    expect(
      succeededRecords(records, { response: { batchItemFailures: [{ itemIdentifier: "" }] } }, true),
    ).toHaveLength(0);
  });

  it("ignores the response unless ReportBatchItemFailures is on", () => {
    const response = { batchItemFailures: [{ itemIdentifier: "m1" }] };
    expect(succeededRecords(records, { response }, false).map((r) => r.messageId)).toEqual(["m1", "m2"]);
    expect(succeededRecords(records, { response }, true).map((r) => r.messageId)).toEqual(["m2"]);
  });
});
