import { createHash } from "node:crypto";
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { S3Event, S3EventRecord, S3Handler } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type S3SqsEmulator, startS3SqsEmulator } from "./emulators";
import { encodeS3EventKey, type S3Notifications, startS3Notifications } from "./s3-notifications";

// The spy exists only in the process that runs fauxqs, so this file starts its own.
let emulator: S3SqsEmulator;
let s3: S3Client;
const bucket = "media-notify-test";
const quiet = { info() {}, warn() {}, error() {} };
const running: S3Notifications[] = [];

beforeAll(async () => {
  emulator = await startS3SqsEmulator();
  s3 = new S3Client({ endpoint: emulator.endpoint });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((notifications) => notifications.stop()));
});
afterAll(async () => {
  s3.destroy();
  await emulator.stop();
});

function notify(handler: S3Handler, retryDelaysMs: number[] = [10, 10]): void {
  running.push(
    startS3Notifications({
      spy: emulator.server.spy,
      s3,
      bucket,
      handler,
      functionName: "intake",
      filterPrefix: "incoming/",
      retryDelaysMs,
      log: quiet,
    }),
  );
}

function recorder(): { events: S3Event[]; handler: S3Handler; records: () => S3EventRecord[] } {
  const events: S3Event[] = [];
  return {
    events,
    handler: async (event) => {
      events.push(event);
    },
    records: () => events.flatMap((event) => event.Records),
  };
}

const md5 = (data: Buffer | string) => createHash("md5").update(data).digest("hex");

describe("S3 notifications from fauxqs", () => {
  it("deliver a PutObject under the prefix as the ObjectCreated:Put event AWS sends, one record per event", async () => {
    const { events, handler } = recorder();
    notify(handler);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/photo.jpg", Body: "hello" }));

    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]?.Records).toHaveLength(1);
    const record = events[0]?.Records[0];
    expect(record).toEqual({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "us-east-1",
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      eventName: "ObjectCreated:Put",
      userIdentity: { principalId: expect.any(String) },
      requestParameters: { sourceIPAddress: "127.0.0.1" },
      responseElements: { "x-amz-request-id": expect.any(String), "x-amz-id-2": expect.any(String) },
      s3: {
        s3SchemaVersion: "1.0",
        configurationId: "intake-notification",
        bucket: {
          name: bucket,
          ownerIdentity: { principalId: expect.any(String) },
          arn: `arn:aws:s3:::${bucket}`,
        },
        object: {
          key: "incoming/t1/photo.jpg",
          size: 5,
          eTag: md5("hello"),
          sequencer: expect.stringMatching(/^[0-9A-F]+$/),
        },
      },
    });
  });

  it("report a completed multipart upload as ObjectCreated:CompleteMultipartUpload with its size and ETag", async () => {
    const { records, handler } = recorder();
    notify(handler);
    const key = "incoming/t1/big.mp4";
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const parts = [Buffer.alloc(5 * 1024 * 1024, 1), Buffer.from("tail")];
    const etags = await Promise.all(
      parts.map(async (part, index) => {
        const { ETag } = await s3.send(
          new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: index + 1, Body: part }),
        );
        return { ETag, PartNumber: index + 1 };
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: etags },
      }),
    );

    await vi.waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]).toMatchObject({
      eventName: "ObjectCreated:CompleteMultipartUpload",
      s3: { object: { key, size: 5 * 1024 * 1024 + 4, eTag: expect.stringMatching(/^[0-9a-f]{32}-2$/) } },
    });
  });

  it("report a CopyObject into the prefix once, as ObjectCreated:Copy", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "staging/source.png", Body: "png" }));
    const { records, handler } = recorder();
    notify(handler);
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "incoming/t1/copy.png",
        CopySource: `${bucket}/staging/source.png`,
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/after.txt", Body: "x" }));

    await vi.waitFor(() => expect(records()).toHaveLength(2));
    expect(records().map((r) => [r.eventName, r.s3.object.key])).toEqual(
      expect.arrayContaining([
        ["ObjectCreated:Copy", "incoming/t1/copy.png"],
        ["ObjectCreated:Put", "incoming/t1/after.txt"],
      ]),
    );
  });

  it("ignore keys outside the prefix, other buckets and objects created before the bridge started", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/earlier.txt", Body: "x" }));
    await s3.send(new CreateBucketCommand({ Bucket: "other-bucket" }));
    const { records, handler } = recorder();
    notify(handler);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "videos/t1/out.mp4", Body: "x" }));
    await s3.send(new PutObjectCommand({ Bucket: "other-bucket", Key: "incoming/t1/else.txt", Body: "x" }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/marker.txt", Body: "x" }));

    await vi.waitFor(() => expect(records()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(records().map((r) => r.s3.object.key)).toEqual(["incoming/t1/marker.txt"]);
  });

  it("URL-encode keys like S3 does: spaces as +, reserved and non-ASCII characters percent-encoded", async () => {
    const { records, handler } = recorder();
    notify(handler);
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "incoming/t 1/my photo (1)+ä=.jpg", Body: "x" }),
    );

    await vi.waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]?.s3.object.key).toBe("incoming/t+1/my+photo+%281%29%2B%C3%A4%3D.jpg");
    expect(decodeURIComponent(records()[0]?.s3.object.key.replaceAll("+", " ") ?? "")).toBe(
      "incoming/t 1/my photo (1)+ä=.jpg",
    );
  });

  it("retry a failing invocation twice with the same event, then give up", async () => {
    const attempts: S3Event[] = [];
    notify(async (event) => {
      attempts.push(event);
      throw new Error("handler failed");
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/retry.txt", Body: "x" }));

    await vi.waitFor(() => expect(attempts).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((event) => event.Records[0]?.s3.object.sequencer)).size).toBe(1);
  });

  it("send an event that still fails after the retries to the on-failure destination as Lambda's record", async () => {
    const sqs = new SQSClient({ endpoint: emulator.endpoint, useQueueUrlAsEndpoint: false });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "intake-dlq" }));
    running.push(
      startS3Notifications({
        spy: emulator.server.spy,
        s3,
        bucket,
        functionName: "intake",
        filterPrefix: "incoming/",
        retryDelaysMs: [10, 10],
        onFailure: { sqs, queueUrl: QueueUrl ?? "" },
        log: quiet,
        handler: async () => {
          throw new TypeError("bad manifest");
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/dead.json", Body: "{" }));

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    sqs.destroy();
    expect(JSON.parse(Messages?.[0]?.Body ?? "null")).toMatchObject({
      version: "1.0",
      requestContext: {
        functionArn: "arn:aws:lambda:us-east-1:000000000000:function:intake:$LATEST",
        condition: "RetriesExhausted",
        approximateInvokeCount: 3,
      },
      requestPayload: { Records: [{ s3: { object: { key: "incoming/t1/dead.json" } } }] },
      responseContext: { functionError: "Unhandled" },
      responsePayload: { errorType: "TypeError", errorMessage: "bad manifest" },
    });
  });

  it("keep delivering after fauxqs's reset() clears the spy", async () => {
    const { records, handler } = recorder();
    notify(handler);
    emulator.server.spy.clear();
    await new Promise((resolve) => setImmediate(resolve));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "incoming/t1/after-reset.txt", Body: "x" }));

    await vi.waitFor(() => expect(records()).toHaveLength(1));
  });
});

describe("encodeS3EventKey", () => {
  it("keeps slashes and the characters form encoding leaves alone", () => {
    expect(encodeS3EventKey("incoming/a-b_c.d*e/f")).toBe("incoming/a-b_c.d*e/f");
    expect(encodeS3EventKey("a!b'c~d")).toBe("a%21b%27c%7Ed");
  });
});
