import { randomUUID } from "node:crypto";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventRejectedError } from "./errors";
import { SqsJobEventPublisher } from "./sqs-publisher";

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
let queueUrl: string;

beforeAll(async () => {
  const created = await sqs.send(new CreateQueueCommand({ QueueName: `job-events-${randomUUID()}` }));
  queueUrl = created.QueueUrl!;
});

afterAll(async () => {
  await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  sqs.destroy();
});

/** Receives (and deletes) what is on the queue: until `count` messages arrived or a long poll came back empty. */
async function drain(count: number): Promise<Message[]> {
  const messages: Message[] = [];
  while (messages.length < count) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ["All"],
      }),
    );
    if (!received.Messages?.length) break;
    messages.push(...received.Messages);
  }
  for (const message of messages) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
  }
  return messages;
}

describe("SqsJobEventPublisher", () => {
  it("sends the job's CloudEvent with filterable type and tenantId attributes, with a stable id", async () => {
    const job = {
      id: "job_01K",
      tenantId: "tenant-7",
      status: "failed",
      updatedAt: "2026-11-25T11:00:00.000Z",
      error: { code: "moderation_failed", message: "refused" },
    };
    const publisher = new SqsJobEventPublisher(sqs, queueUrl, "urn:pixpipe:test");

    await publisher.publish(job);
    await publisher.publish(job);

    const messages = await drain(2);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(JSON.parse(message.Body!)).toEqual({
        specversion: "1.0",
        id: "job_01K:failed",
        type: "pixpipe.job.failed",
        source: "urn:pixpipe:test",
        subject: "job_01K",
        time: "2026-11-25T11:00:00.000Z",
        datacontenttype: "application/json",
        data: job,
      });
      expect(message.MessageAttributes).toEqual({
        type: { DataType: "String", StringValue: "pixpipe.job.failed" },
        tenantId: { DataType: "String", StringValue: "tenant-7" },
      });
    }
  });

  it("delivers jobs whatever text they hold: non-characters, controls, lone surrogates, emoji, RTL, 64 KiB", async () => {
    const publisher = new SqsJobEventPublisher(sqs, queueUrl, "urn:pixpipe:test");
    const texts = [
      "a\uFFFEb\uFFFFc",
      "nul\u0000 esc\u001B",
      "x\uD800y",
      "fox 🦊 ❄️ 👩🏽‍🚀",
      "שלום עולם مرحبا",
      "p".repeat(64 * 1024),
    ];
    const jobs = texts.map((prompt, i) => ({
      id: `job_text_${i}`,
      tenantId: "tenant-7",
      status: "succeeded",
      updatedAt: "2026-11-25T11:00:00.000Z",
      input: { prompt },
      metadata: { note: prompt.slice(0, 500) },
    }));
    for (const job of jobs) await publisher.publish(job);
    const received = (await drain(jobs.length)).map((message) => JSON.parse(message.Body!).data);
    expect(received.sort((a, b) => a.id.localeCompare(b.id))).toEqual(jobs);
  });

  it("refuses for good an event larger than SQS takes, sending nothing", async () => {
    const publisher = new SqsJobEventPublisher(sqs, queueUrl, "urn:pixpipe:test");
    const huge = {
      id: "job_huge",
      tenantId: "t",
      status: "failed",
      updatedAt: "2026-11-25T11:00:00.000Z",
      input: { prompt: "x".repeat(300 * 1024) },
    };
    await expect(publisher.publish(huge)).rejects.toBeInstanceOf(EventRejectedError);
    expect(await drain(1)).toEqual([]);
  });

  it("sends nothing for a job that is not terminal", async () => {
    const publisher = new SqsJobEventPublisher(sqs, queueUrl, "urn:pixpipe:test");
    const running = {
      id: "job_01L",
      tenantId: "t",
      status: "generating",
      updatedAt: "2026-11-25T11:00:00.000Z",
    };

    await expect(publisher.publish(running)).rejects.toThrow(RangeError);
    expect(await drain(1)).toEqual([]);
  });
});
