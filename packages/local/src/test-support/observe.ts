import { createHash } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { JobCloudEvent } from "@pixpipe/core/events";
import type { PublicJob } from "@pixpipe/core/job";

/**
 * Watching the pipeline from outside, as its users would: the events on JobEvents, the objects in the
 * media bucket. Free of any test runner, so the e2e tests and the chaos run share it.
 */

export interface ReceivedEvent {
  event: JobCloudEvent<PublicJob>;
  attributes: Record<string, string | undefined>;
}

/** Receives (and deletes) everything that arrives on JobEvents, from start() until stop(). */
export class EventCollector {
  readonly received: ReceivedEvent[] = [];
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  of(jobId: string): ReceivedEvent[] {
    return this.received.filter((r) => r.event.subject === jobId);
  }

  /** Waits for the job's first event, then a little longer so that a duplicate would be seen too. */
  async settled(jobId: string, { timeoutMs = 10_000, quietMs = 800 } = {}): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.of(jobId).length === 0) {
      if (Date.now() > deadline) throw new Error(`no event for job ${jobId} within ${timeoutMs} ms`);
      await sleep(25);
    }
    await sleep(quietMs);
    return this.of(jobId);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageAttributeNames: ["All"],
          }),
          { abortSignal: this.abort.signal },
        );
        if (Messages.length === 0) continue;
        for (const message of Messages) {
          this.received.push({
            event: JSON.parse(message.Body ?? "null") as JobCloudEvent<PublicJob>,
            attributes: Object.fromEntries(
              Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
                name,
                value.StringValue,
              ]),
            ),
          });
        }
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      } catch (error) {
        if (this.abort.signal.aborted) return;
        throw error;
      }
    }
  }
}

/** S3 and SQS clients of the test itself, pointed at the runtime's fauxqs. */
export function emulatorClients(endpoints: { s3: string; sqs: string }, region: string) {
  const credentials = { accessKeyId: "local", secretAccessKey: "local" };
  return {
    s3: new S3Client({ region, endpoint: endpoints.s3, forcePathStyle: true, credentials }),
    sqs: new SQSClient({ region, endpoint: endpoints.sqs, useQueueUrlAsEndpoint: false, credentials }),
  };
}

export async function getObjectBytes(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new Error(`no body for s3://${bucket}/${key}`);
  return Buffer.from(await object.Body.transformToByteArray());
}

/** SHA-256 of an object, streamed (large outputs stay out of memory). */
export async function objectSha256(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ sha256: string; size: number }> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}

export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "NotFound") return false;
    throw error;
  }
}

/** Keys of the objects under a prefix. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return Contents.map((object) => object.Key ?? "");
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
