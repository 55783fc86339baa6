import { randomUUID } from "node:crypto";
import { CreateBucketCommand, PutObjectCommand, type PutObjectCommandInput } from "@aws-sdk/client-s3";
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { Upload } from "@aws-sdk/lib-storage";
import { type RunningSimulator, solidPng, startSimulator } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsClients, createAwsClients } from "../aws";
import type { Config } from "../config";
import type { JobCloudEvent } from "../events";
import type { PublicJob } from "../job";
import type { Logger } from "../pipeline";
import type { Caller } from "../services";
import { DynamoTenantRepository } from "../tenant";
import { encodeKeyForEvent, objectCreatedRecord, s3Event } from "../test-support/s3-event-fixture";
import { createTestTable } from "../test-support/test-table";
import { createPipeline, type Pipeline } from "../wiring";
import { INTAKE_LIMITS } from "./incoming-object";
import {
  createS3Intake,
  type IntakeOutcome,
  IntakeRetryError,
  S3Intake,
  SOURCE_METADATA_KEY,
} from "./s3-intake";

const tenant = "t1";
const caller: Caller = { tenantId: tenant, admin: false };
const bucket = `intake-${randomUUID()}`;

let clients: AwsClients;
let sim: RunningSimulator;
let pipeline: Pipeline;
let intake: S3Intake;
let config: Config;
let tableName: string;
let eventsQueueUrl: string;
/** Every S3 command the pipeline and the intake sent, in order. */
const s3Calls: { command: string; key: string | undefined }[] = [];
const logs: { level: string; message: unknown; extra: unknown[] }[] = [];

function recordingLogger(): Logger {
  const log =
    (level: string) =>
    (message: unknown, ...extra: unknown[]) => {
      logs.push({ level, message, extra });
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

beforeAll(async () => {
  const table = await createTestTable("intake");
  clients = table.clients;
  tableName = table.tableName;
  clients.s3.middlewareStack.add(
    (next, context) => (args) => {
      s3Calls.push({ command: String(context.commandName), key: (args.input as { Key?: string }).Key });
      return next(args);
    },
    { step: "initialize", name: "recordS3Calls" },
  );
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const queue = async (name: string) =>
    (await clients.sqs.send(new CreateQueueCommand({ QueueName: `${name}-${randomUUID()}` }))).QueueUrl!;
  sim = await startSimulator({ generationMs: 600_000 });
  eventsQueueUrl = await queue("intake-events");
  config = {
    tableName: table.tableName,
    mediaBucket: bucket,
    archiveQueueUrl: await queue("intake-archive"),
    eventsQueueUrl,
    pixverse: {
      baseUrl: sim.url,
      apiKey: sim.apiKey,
      webhookSecret: sim.webhookSecret,
      maxConcurrency: 50,
      requestsPerSecond: 50,
    },
    jobDeadlineSeconds: 3600,
    archiveMaxBytes: 100 * 1024 * 1024,
    timeScale: 1,
    inlineSubmitMs: 10_000,
    allowPrivateMediaUrls: true,
    eventSource: "pixpipe-intake-test",
    unknownInputFields: "pass",
    mediaAttempts: 4,
    metricsFormat: "emf",
  };
  pipeline = createPipeline(config, { clients, logger: recordingLogger() });
  await pipeline.tenants.ensureTenant({ id: tenant, name: "Tenant One" });
  intake = createS3Intake(pipeline);
});

afterAll(async () => {
  await pipeline.close();
  await sim.stop();
  clients.destroy();
});

/** Puts an object and returns the record S3 would deliver for it. */
async function put(
  key: string,
  body: Buffer | string,
  options: Partial<PutObjectCommandInput> = {},
): Promise<Record<string, unknown>> {
  const { ETag } = await clients.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...options }),
  );
  return objectCreatedRecord({
    bucket,
    encodedKey: encodeKeyForEvent(key),
    size: Buffer.byteLength(body),
    eTag: ETag!.replaceAll('"', ""),
  });
}

const png = () => solidPng(64, 36);
const manifest = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

async function only(outcomes: IntakeOutcome[]): Promise<IntakeOutcome> {
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
}

async function job(outcome: IntakeOutcome, tenantId = tenant): Promise<PublicJob> {
  if (!("jobId" in outcome)) throw new Error(`no job in ${JSON.stringify(outcome)}`);
  const found = await pipeline.jobService.getJob({ tenantId, admin: false }, outcome.jobId);
  if (!found) throw new Error(`job ${outcome.jobId} not found`);
  return found;
}

const receivedEvents: JobCloudEvent[] = [];
/** The events on JobEvents for a job, waiting (long polls) until `count` arrived. */
async function eventsOf(jobId: string, count = 1): Promise<JobCloudEvent[]> {
  const mine = () => receivedEvents.filter((event) => event.subject === jobId);
  for (let polls = 0; mine().length < count && polls < 5; polls++) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: eventsQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of Messages) {
      receivedEvents.push(JSON.parse(message.Body!) as JobCloudEvent);
      await clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: eventsQueueUrl, ReceiptHandle: message.ReceiptHandle! }),
      );
    }
  }
  return mine();
}

/** The failed job an outcome names, after checking its one `pixpipe.job.failed` event. */
async function failedJobWithEvent(outcome: IntakeOutcome): Promise<PublicJob> {
  expect(outcome.outcome).toBe("job_failed");
  const failed = await job(outcome);
  expect(failed.status).toBe("failed");
  const events = await eventsOf(failed.id);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    type: "pixpipe.job.failed",
    subject: failed.id,
    data: { error: failed.error },
  });
  return failed;
}

describe("an image with a prompt in its metadata", () => {
  it("starts an image_to_video job of the image, submitted to PixVerse", async () => {
    const key = "incoming/t1/cat.png";
    const record = await put(key, png(), {
      ContentType: "image/png",
      Metadata: { prompt: "the cat jumps onto the sofa", model: "v5.5", duration: "8", quality: "720p" },
    });

    const report = await intake.handle(s3Event(record));

    const outcome = await only(report.outcomes);
    expect(outcome).toMatchObject({ outcome: "job_created", key, status: "generating" });
    expect(report).toMatchObject({ jobsCreated: 1, failedJobs: 0, unknownTenantObjects: 0, errors: 0 });
    expect(await job(outcome)).toMatchObject({
      type: "image_to_video",
      status: "generating",
      input: {
        image: { upload: key },
        prompt: "the cat jumps onto the sofa",
        model: "v5.5",
        duration: 8,
        quality: "720p",
      },
      metadata: { [SOURCE_METADATA_KEY]: `s3://${bucket}/${key}` },
    });
  });

  it("uses v5, 5 s and 540p when the metadata names only the prompt", async () => {
    const record = await put("incoming/t1/dog.JPG", png(), { Metadata: { prompt: "the dog runs" } });
    const outcome = await only((await intake.handle(s3Event(record))).outcomes);
    expect((await job(outcome)).input).toMatchObject({ model: "v5", duration: 5, quality: "540p" });
  });

  it("decodes keys with spaces, plus signs and non-ASCII characters as S3 encodes them in events", async () => {
    const key = "incoming/t1/Urlaub 2024/Kätzchen + 猫.png";
    const record = await put(key, png(), { Metadata: { prompt: "kitten in the snow" } });
    expect((record.s3 as { object: { key: string } }).object.key).toBe(
      "incoming/t1/Urlaub+2024/K%C3%A4tzchen+%2B+%E7%8C%AB.png",
    );

    const outcome = await only((await intake.handle(s3Event(record))).outcomes);

    expect(outcome).toMatchObject({ outcome: "job_created", key, status: "generating" });
    expect((await job(outcome)).input.image).toEqual({ upload: key });
  });

  it("without a prompt becomes a failed job that says so, with its event", async () => {
    const record = await put("incoming/t1/no-prompt.png", png(), { Metadata: { duration: "12" } });
    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));
    expect(failed.error?.code).toBe("invalid_request");
    expect(failed.error?.message).toContain("prompt (x-amz-meta-prompt): missing");
    expect(failed.error?.message).toContain("duration (x-amz-meta-duration): model v5 supports 5, 8 s");
  });

  it("that is empty, or not an image by its bytes, becomes a failed job PixVerse never sees", async () => {
    const uploadsBefore = sim.control.ledger().uploads.length;
    for (const [name, body] of [
      ["empty.png", Buffer.alloc(0)],
      ["text.png", Buffer.from("definitely not a picture")],
    ] as const) {
      const record = await put(`incoming/t1/${name}`, body, { Metadata: { prompt: "move" } });
      const report = await intake.handle(s3Event(record));
      expect(report.outcomes).toEqual([
        expect.objectContaining({
          outcome: "job_failed",
          error: {
            code: "invalid_request",
            message: expect.stringMatching(
              name === "empty.png" ? /the file is empty/ : /is not an image PixVerse takes/,
            ),
          },
        }),
      ]);
    }
    expect(sim.control.ledger().uploads.length).toBe(uploadsBefore);
  });

  it("over 20 MB becomes a failed job, refused by size before anything downloads it", async () => {
    const key = "incoming/t1/huge.png";
    // Multipart, as any client uploads files this size.
    const { ETag } = await new Upload({
      client: clients.s3,
      params: {
        Bucket: bucket,
        Key: key,
        Body: Buffer.alloc(INTAKE_LIMITS.imageBytes + 1),
        Metadata: { prompt: "too big" },
      },
    }).done();
    const record = objectCreatedRecord({
      bucket,
      encodedKey: key,
      size: INTAKE_LIMITS.imageBytes + 1,
      eTag: ETag!.replaceAll('"', ""),
      eventName: "ObjectCreated:CompleteMultipartUpload",
    });
    s3Calls.length = 0;

    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));

    expect(failed.error?.message).toMatch(
      /^the image is 20971521 bytes; PixVerse accepts images up to 20971520 bytes/,
    );
    expect(s3Calls.filter((call) => call.key === key).map((call) => call.command)).toEqual([
      "HeadObjectCommand",
    ]);
  });
});

describe("a job manifest", () => {
  it("referencing two presigned uploads starts a transition job that PixVerse receives", async () => {
    const upload = async (name: string) => {
      const image = png();
      const { key, uploadUrl } = await pipeline.uploadService.createUpload(caller, {
        contentType: "image/png",
        filename: name,
        size: image.length,
      });
      const response = await fetch(uploadUrl, {
        method: "PUT",
        headers: { "content-type": "image/png" },
        body: image,
      });
      expect(response.status).toBe(200);
      return key;
    };
    const [first, last] = [await upload("first.png"), await upload("last.png")];
    const record = await put(
      "incoming/t1/morph.job.json",
      manifest({
        type: "transition",
        input: {
          prompt: "day turns to night",
          model: "v5",
          duration: 5,
          quality: "540p",
          first_frame: { upload: first },
          last_frame: { upload: last },
        },
        metadata: { orderId: "A-1042" },
      }),
    );

    const outcome = await only((await intake.handle(s3Event(record))).outcomes);

    expect(outcome).toMatchObject({ outcome: "job_created", status: "generating" });
    expect(await job(outcome)).toMatchObject({
      type: "transition",
      input: { first_frame: { upload: first }, last_frame: { upload: last } },
      metadata: { orderId: "A-1042", [SOURCE_METADATA_KEY]: `s3://${bucket}/incoming/t1/morph.job.json` },
      pixverse: { videoId: expect.stringMatching(/^\d+$/) },
    });
  });

  it("that is not JSON becomes a failed job with its pixpipe.job.failed event", async () => {
    const record = await put("incoming/t1/broken.job.json", '{ "type": "text_to_video", "input": {');
    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));
    expect(failed.error).toEqual({
      code: "invalid_request",
      message: expect.stringMatching(/^the job manifest is invalid: manifest: is not valid JSON/),
    });
    expect(failed.metadata).toEqual({ [SOURCE_METADATA_KEY]: `s3://${bucket}/incoming/t1/broken.job.json` });
  });

  it("with invalid input becomes a failed job listing every problem, keeping what was asked", async () => {
    const input = { prompt: "a lighthouse", model: "v5", duration: 7, quality: "4k", aspect_ratio: "16:9" };
    const record = await put(
      "incoming/t1/invalid.job.json",
      manifest({ type: "text_to_video", input, colour: 1 }),
    );

    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));

    expect(failed).toMatchObject({ type: "text_to_video", input });
    expect(failed.error?.message).toContain("colour: is not a known field");
    expect(failed.error?.message).toContain("input.duration: model v5 supports 5, 8 s");
    expect(failed.error?.message).toContain("input.quality:");
  });

  it("naming an upload that does not exist (or another tenant's) becomes a failed job", async () => {
    const input = {
      prompt: "p",
      model: "v5",
      duration: 5,
      quality: "540p",
      first_frame: { upload: "uploads/t1/nothing-here.png" },
      last_frame: { upload: "uploads/t2/theirs.png" },
    };
    const record = await put("incoming/t1/missing.job.json", manifest({ type: "transition", input }));

    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));

    expect(failed.error?.message).toContain(
      "input.first_frame: no uploaded object uploads/t1/nothing-here.png",
    );
    expect(failed.error?.message).toContain(
      "input.last_frame: upload uploads/t2/theirs.png is not one of this tenant's uploads",
    );
  });

  it("over the size limit becomes a failed job without being downloaded", async () => {
    const key = "incoming/t1/large.job.json";
    const record = await put(key, manifest({ type: "text_to_video", input: { prompt: "x".repeat(70_000) } }));
    s3Calls.length = 0;

    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));

    expect(failed.error?.message).toMatch(/a manifest may have at most 65536 bytes/);
    expect(s3Calls.filter((call) => call.key === key).map((call) => call.command)).toEqual([
      "HeadObjectCommand",
    ]);
  });
});

describe("any other file", () => {
  it("becomes a failed job with invalid_request 'unsupported file type', without reading it", async () => {
    const key = "incoming/t1/notes.txt";
    const record = await put(key, "hello");
    s3Calls.length = 0;

    const failed = await failedJobWithEvent(await only((await intake.handle(s3Event(record))).outcomes));

    expect(failed.error).toEqual({
      code: "invalid_request",
      message: expect.stringMatching(/^unsupported file type: notes\.txt is neither a job manifest/),
    });
    expect(s3Calls.filter((call) => call.key === key)).toEqual([]);
  });
});

describe("duplicate notifications", () => {
  it("of one object start one job, within a batch and across deliveries", async () => {
    const record = await put("incoming/t1/twice.png", png(), { Metadata: { prompt: "twice" } });

    const first = await intake.handle(s3Event(record, record));
    const again = await intake.handle(s3Event(record));

    const jobIds = [...first.outcomes, ...again.outcomes].map(
      (outcome) => (outcome as { jobId: string }).jobId,
    );
    expect(new Set(jobIds).size).toBe(1);
    expect([...first.outcomes, ...again.outcomes].map((o) => o.outcome).sort()).toEqual([
      "duplicate",
      "duplicate",
      "job_created",
    ]);
    const listed = await pipeline.jobService.listJobs(caller, { limit: 100 });
    expect(listed.jobs.filter((j) => j.metadata[SOURCE_METADATA_KEY]?.endsWith("/twice.png"))).toHaveLength(
      1,
    );
  });

  it("of a bad object make one failed job and one event", async () => {
    const record = await put("incoming/t1/twice.txt", "x");
    const first = await only((await intake.handle(s3Event(record))).outcomes);
    const again = await only((await intake.handle(s3Event(record))).outcomes);
    expect(again).toEqual({
      outcome: "duplicate",
      key: "incoming/t1/twice.txt",
      jobId: (first as { jobId: string }).jobId,
    });
    await failedJobWithEvent(first);
  });

  it("keep the first verdict even when the object would now pass (its media appeared since)", async () => {
    const key = "uploads/t1/late.png";
    const input = { prompt: "p", model: "v5", duration: 5, quality: "540p", image: { upload: key } };
    const record = await put("incoming/t1/early.job.json", manifest({ type: "image_to_video", input }));
    const first = await only((await intake.handle(s3Event(record))).outcomes);
    expect(first.outcome).toBe("job_failed");

    await put(key, png());
    const again = await only((await intake.handle(s3Event(record))).outcomes);

    expect(again).toEqual({
      outcome: "duplicate",
      key: "incoming/t1/early.job.json",
      jobId: (first as { jobId: string }).jobId,
    });
  });

  it("of a new version of the same key start a new job", async () => {
    const key = "incoming/t1/revised.png";
    const v1 = await only(
      (await intake.handle(s3Event(await put(key, png(), { Metadata: { prompt: "v1" } })))).outcomes,
    );
    const v2 = await only(
      (await intake.handle(s3Event(await put(key, solidPng(32, 32), { Metadata: { prompt: "v2" } }))))
        .outcomes,
    );
    expect(v2.outcome).toBe("job_created");
    expect((v2 as { jobId: string }).jobId).not.toBe((v1 as { jobId: string }).jobId);
  });
});

describe("objects that start no job", () => {
  it("under an unknown tenant: logged and counted, no job", async () => {
    const record = await put("incoming/nobody/cat.png", png(), { Metadata: { prompt: "p" } });
    logs.length = 0;

    const report = await intake.handle(s3Event(record));

    expect(report.outcomes).toEqual([
      { outcome: "ignored", key: "incoming/nobody/cat.png", reason: "unknown_tenant" },
    ]);
    expect(report.unknownTenantObjects).toBe(1);
    expect(
      (await pipeline.jobService.listJobs({ tenantId: "nobody", admin: false }, { limit: 10 })).jobs,
    ).toEqual([]);
    expect(logs).toContainEqual({
      level: "warn",
      message: "S3 object starts no job",
      extra: [
        expect.objectContaining({
          key: "incoming/nobody/cat.png",
          reason: "unknown_tenant",
          tenantId: "nobody",
        }),
      ],
    });
    expect(logs).toContainEqual({
      level: "info",
      message: "S3 intake processed an event",
      extra: [expect.objectContaining({ records: 1, unknownTenantObjects: 1, jobsCreated: 0 })],
    });
  });

  it("outside incoming/{tenantId}/, folder markers, other buckets and other events: ignored and logged", async () => {
    const records = [
      objectCreatedRecord({ bucket, encodedKey: "uploads/t1/a.png", size: 1, eTag: "e" }),
      objectCreatedRecord({ bucket, encodedKey: "incoming/a.png", size: 1, eTag: "e" }),
      objectCreatedRecord({ bucket, encodedKey: "incoming/t1/shoot/", size: 0, eTag: "e" }),
      objectCreatedRecord({ bucket: "another-bucket", encodedKey: "incoming/t1/a.png", size: 1, eTag: "e" }),
      objectCreatedRecord({
        bucket,
        encodedKey: "incoming/t1/a.png",
        size: 1,
        eTag: "e",
        eventName: "ObjectRemoved:Delete",
      }),
      { not: "an S3 record" },
    ];
    logs.length = 0;

    const report = await intake.handle(s3Event(...records));

    expect(report.outcomes.map((o) => (o.outcome === "ignored" ? o.reason : o.outcome))).toEqual([
      "outside_incoming",
      "outside_incoming",
      "folder_marker",
      "other_bucket",
      "not_object_created",
      "malformed_record",
    ]);
    expect(report).toMatchObject({ ignored: 6, jobsCreated: 0, failedJobs: 0, errors: 0 });
    expect(logs.filter((log) => log.message !== "S3 intake processed an event")).toHaveLength(6);
  });

  it("deleted or overwritten before they were read", async () => {
    const gone = objectCreatedRecord({ bucket, encodedKey: "incoming/t1/gone.png", size: 10, eTag: "abc" });
    const replaced = await put("incoming/t1/replaced.job.json", "{}");
    await put("incoming/t1/replaced.job.json", manifest({ newer: true }));

    const report = await intake.handle(s3Event(gone, replaced));

    expect(report.outcomes).toEqual([
      { outcome: "ignored", key: "incoming/t1/gone.png", reason: "object_gone" },
      { outcome: "ignored", key: "incoming/t1/replaced.job.json", reason: "object_replaced" },
    ]);
  });

  it("S3's test event (no Records) is accepted", async () => {
    const report = await intake.handle({ Service: "Amazon S3", Event: "s3:TestEvent" } as {
      Records?: unknown[];
    });
    expect(report.outcomes).toEqual([]);
  });
});

describe("infrastructure failures", () => {
  it("fail the invocation after every other record was processed, and a retry completes the event", async () => {
    const good = await put("incoming/t1/retry-good.png", png(), { Metadata: { prompt: "fine" } });
    const blocked = await put("incoming/t2/retry-blocked.png", png(), { Metadata: { prompt: "fine" } });
    await pipeline.tenants.ensureTenant({ id: "t2", name: "Tenant Two" });
    const real = pipeline.tenants;
    let tenantStoreDown = true;
    const flaky = new S3Intake({
      jobService: pipeline.jobService,
      // DynamoDB failing for one record's read only: the other record must not suffer.
      tenants: {
        getTenant: (id) =>
          id === "t2" && tenantStoreDown
            ? Promise.reject(new Error("ProvisionedThroughputExceededException"))
            : real.getTenant(id),
      },
      s3: clients.s3,
      bucket,
      logger: recordingLogger(),
    });

    const failure = await flaky.handle(s3Event(good, blocked)).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(IntakeRetryError);
    const report = (failure as IntakeRetryError).report;
    expect(report.outcomes.map((o) => o.outcome)).toEqual(["job_created", "error"]);
    expect((failure as Error).message).toContain(
      "incoming/t2/retry-blocked.png: ProvisionedThroughputExceededException",
    );

    tenantStoreDown = false;
    const retried = await flaky.handle(s3Event(good, blocked));
    expect(retried.outcomes.map((o) => o.outcome)).toEqual(["duplicate", "job_created"]);
  });

  it("with DynamoDB unreachable, reject the whole event", async () => {
    const unreachable = createAwsClients({ endpoints: { dynamodb: "http://127.0.0.1:9" }, maxAttempts: 1 });
    try {
      const down = new S3Intake({
        jobService: pipeline.jobService,
        tenants: new DynamoTenantRepository(unreachable.dynamo, tableName),
        s3: clients.s3,
        bucket,
        logger: recordingLogger(),
      });
      const record = await put("incoming/t1/down.png", png(), { Metadata: { prompt: "p" } });
      await expect(down.handle(s3Event(record))).rejects.toBeInstanceOf(IntakeRetryError);
    } finally {
      unreachable.destroy();
    }
  });
});
