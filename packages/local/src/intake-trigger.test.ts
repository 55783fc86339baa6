import { randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { type AwsClients, createAwsClients } from "@pixpipe/core/aws";
import type { JobCloudEvent } from "@pixpipe/core/events";
import type { PublicJob } from "@pixpipe/core/job";
import type { Pipeline } from "@pixpipe/core/wiring";
import { type RunningSimulator, solidPng, startSimulator } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type S3SqsEmulator, startS3SqsEmulator } from "./emulators";
import { createPipelineResources, type PipelineResources, pipelineEnvironment } from "./resources";
import { type S3Notifications, startS3Notifications } from "./s3-notifications";

// S3 -> the local notification bridge -> the real `intake` Lambda handler -> the pipeline, as in
// local mode and AWS. The bridge reads fauxqs's in-process spy, so this file runs its own fauxqs
// (DynamoDB Local comes from the global setup).
const tenantId = "s3-trigger";
const caller = { tenantId, admin: false };
const quiet = { info() {}, warn() {}, error: console.error };

let emulator: S3SqsEmulator;
let clients: AwsClients;
let sim: RunningSimulator;
let resources: PipelineResources;
let pipeline: Pipeline;
let notifications: S3Notifications;

beforeAll(async () => {
  emulator = await startS3SqsEmulator();
  process.env.AWS_ENDPOINT_URL_S3 = emulator.endpoint;
  process.env.AWS_ENDPOINT_URL_SQS = emulator.endpoint;
  clients = createAwsClients();
  const suffix = randomUUID().slice(0, 8);
  resources = await createPipelineResources(clients, {
    names: {
      table: `s3-trigger-${suffix}`,
      mediaBucket: `s3-trigger-${suffix}`,
      archiveQueue: `s3-trigger-archive-${suffix}`,
      archiveDlq: `s3-trigger-archive-dlq-${suffix}`,
      eventsQueue: `s3-trigger-events-${suffix}`,
      eventsDlq: `s3-trigger-events-dlq-${suffix}`,
      webhookQueue: `s3-trigger-webhooks-${suffix}`,
      webhookDlq: `s3-trigger-webhooks-dlq-${suffix}`,
      intakeDlq: `s3-trigger-intake-dlq-${suffix}`,
    },
    archiveVisibilityTimeoutSeconds: 60,
  });
  sim = await startSimulator({ generationMs: 600_000 });
  // What the handlers' module-scope config reads, set before they are imported.
  Object.assign(process.env, {
    ...pipelineEnvironment(resources, {
      baseUrl: sim.url,
      apiKey: sim.apiKey,
      webhookSecret: sim.webhookSecret,
    }),
    PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: "true",
    POWERTOOLS_LOG_LEVEL: "ERROR",
    PIXPIPE_METRICS_FORMAT: "none",
    // PixVerse's cadence (first poll after 20 s) in milliseconds.
    PIXPIPE_TIME_SCALE: "0.001",
  });
  const { handler } = await import("@pixpipe/functions/intake");
  pipeline = (await import("@pixpipe/functions/pipeline")).loadPipeline([]);
  await pipeline.tenants.ensureTenant({ id: tenantId, name: "S3 trigger" });
  notifications = startS3Notifications({
    functionName: "pixpipe-intake",
    timeoutMs: 60_000,
    spy: emulator.server.spy,
    s3: clients.s3,
    bucket: resources.mediaBucket,
    handler,
    filterPrefix: "incoming/",
    retryDelaysMs: [10, 10],
    onFailure: { sqs: clients.sqs, queueUrl: resources.intakeDlq.url },
    log: quiet,
  });
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.close();
  await sim?.stop();
  clients?.destroy();
  await emulator?.stop();
});

async function jobFrom(key: string): Promise<PublicJob> {
  let found: PublicJob | undefined;
  await vi.waitFor(
    async () => {
      const { jobs } = await pipeline.jobService.listJobs(caller, { limit: 100 });
      found = jobs.find((job) => job.metadata.s3Object === `s3://${resources.mediaBucket}/${key}`);
      expect(found).toBeDefined();
    },
    { timeout: 15_000, interval: 100 },
  );
  return found!;
}

async function nextEvent(): Promise<JobCloudEvent<PublicJob>> {
  for (let polls = 0; polls < 10; polls++) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: resources.eventsQueue.url,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 1,
      }),
    );
    const [message] = Messages;
    if (message) {
      await clients.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: resources.eventsQueue.url,
          ReceiptHandle: message.ReceiptHandle!,
        }),
      );
      return JSON.parse(message.Body!) as JobCloudEvent<PublicJob>;
    }
  }
  throw new Error("no event on JobEvents");
}

describe("dropping a file into incoming/{tenantId}/", () => {
  it("an image with a prompt: a job, an archived video and its succeeded event", async () => {
    const key = `incoming/${tenantId}/holiday photos/beach day.png`;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: resources.mediaBucket,
        Key: key,
        Body: solidPng(64, 36),
        ContentType: "image/png",
        Metadata: { prompt: "waves roll onto the beach" },
      }),
    );

    const job = await jobFrom(key);
    expect(job).toMatchObject({ type: "image_to_video", input: { image: { upload: key } } });
    // The job is stored before the handler's inline submit finishes.
    await vi.waitFor(
      async () => expect((await pipeline.jobService.getJob(caller, job.id))?.status).toBe("generating"),
      { timeout: 15_000, interval: 100 },
    );
    const generating = await pipeline.jobService.getJob(caller, job.id);
    sim.control.finish(generating!.pixverse.videoId!, 1);
    await pipeline.poller.tick({ budgetMs: 5_000 });
    await pipeline.archiver.archive(job.id);

    const done = await pipeline.jobService.getJob(caller, job.id);
    expect(done).toMatchObject({
      status: "succeeded",
      output: { bucket: resources.mediaBucket, key: `videos/${tenantId}/${job.id}.mp4` },
    });
    expect(await nextEvent()).toMatchObject({ type: "pixpipe.job.succeeded", subject: job.id });
  });

  it("an unsupported file: a failed job and its failed event", async () => {
    const key = `incoming/${tenantId}/notes.txt`;
    await clients.s3.send(new PutObjectCommand({ Bucket: resources.mediaBucket, Key: key, Body: "hello" }));

    const job = await jobFrom(key);

    expect(job).toMatchObject({ status: "failed", error: { code: "invalid_request" } });
    expect(job.error?.message).toMatch(/^unsupported file type/);
    expect(await nextEvent()).toMatchObject({ type: "pixpipe.job.failed", subject: job.id });
  });
});
