import { createHash, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
} from "@aws-sdk/client-sqs";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@pixpipe/simulator";
import { type AwsClients, createAwsClients } from "../aws";
import type { Config } from "../config";
import type { JobCloudEvent } from "../events";
import { DynamoJobRepository, type JobRecord, type JobStatus, type PublicJob } from "../job";
import { MetricsRecorder } from "../metrics";
import { archiveMessageSchema, type PollerReport, type Timings } from "../pipeline";
import type { Caller } from "../services";
import { ensureTable } from "../table";
import { createPipeline, type Pipeline } from "../wiring";
import { silentLogger } from "./recording-adapters";
import { type ConfigOverrides, FAST_TIMINGS, testConfig } from "./test-config";

export { TEXT_TO_VIDEO } from "./test-config";

/** What the harness's webhook endpoint answered PixVerse (the API route's mapping of an outcome). */
export interface WebhookAnswer {
  status: 200 | 400 | 401;
  body: string;
}

/**
 * Test support for the pipeline: a real pipeline (createPipeline) against DynamoDB Local and fauxqs
 * from the vitest global setup, the PixVerse simulator over HTTP, and a webhook endpoint that hands
 * the simulator's raw callbacks to `pipeline.webhooks.receive` like the API route does.
 */

export interface ReceivedEvent {
  event: JobCloudEvent<PublicJob>;
  attributes: Record<string, string | undefined>;
}

/** Polls `read` until `done` holds for its value; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 5_000, intervalMs = 20, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** What one test world owns in the emulators. */
export interface WorldResources {
  tableName: string;
  mediaBucket: string;
  archiveQueueUrl: string;
  eventsQueueUrl: string;
}

/** One test's isolated pipeline: its own table, bucket, queues and tenants, on the shared simulator. */
export class TestWorld {
  readonly jobs: DynamoJobRepository;
  readonly tenant: Caller = { tenantId: `tenant-${randomUUID().slice(0, 8)}`, admin: false };
  readonly otherTenant: Caller = { tenantId: `tenant-${randomUUID().slice(0, 8)}`, admin: false };
  /** What the webhook endpoint answered the simulator, in order. */
  readonly webhookAnswers: WebhookAnswer[] = [];
  private readonly pipelines: Pipeline[] = [];
  pipeline: Pipeline;

  constructor(
    readonly sim: RunningSimulator,
    readonly clients: AwsClients,
    readonly resources: WorldResources,
    readonly config: Config,
    private readonly timings: Timings,
  ) {
    this.jobs = new DynamoJobRepository(clients.dynamo, resources.tableName);
    this.pipeline = this.createPipeline();
  }

  /** Another pipeline on the same resources (e.g. another process, or one with a different setting). */
  createPipeline(overrides: ConfigOverrides = {}, timings: Partial<Timings> = {}): Pipeline {
    const pipeline = createPipeline(testConfig(this.config, overrides), {
      clients: this.clients,
      logger: silentLogger(),
      metrics: new MetricsRecorder(),
      timings: { ...this.timings, ...timings },
    });
    this.pipelines.push(pipeline);
    return pipeline;
  }

  async record(jobId: string): Promise<JobRecord> {
    const job = await this.jobs.getById(jobId);
    if (!job) throw new Error(`job ${jobId} does not exist`);
    return job;
  }

  /** Waits until the job is in `status` (webhooks arrive on their own). */
  waitForStatus(jobId: string, status: JobStatus, timeoutMs = 5_000): Promise<JobRecord> {
    return waitFor(
      () => this.record(jobId),
      (job) => job.status === status,
      { timeoutMs, what: `job ${jobId} to be ${status}` },
    );
  }

  /** One poller tick that sees everything due within `aheadMs` from now. */
  tick(aheadMs = 0, pipeline: Pipeline = this.pipeline): Promise<PollerReport> {
    return pipeline.poller.tick({ horizon: () => new Date(Date.now() + aheadMs) });
  }

  /** Waits until the webhook endpoint has answered `count` callbacks and the simulator has logged the answers. */
  waitForWebhookAnswers(count: number): Promise<unknown> {
    return waitFor(
      async () => ({
        answered: this.webhookAnswers.length,
        logged: this.sim.control.webhookDeliveries().filter((d) => d.responseStatus !== undefined).length,
      }),
      ({ answered, logged }) => answered >= count && logged >= count,
      { what: `${count} webhook answers` },
    );
  }

  /** Takes every message off ArchiveQueue (as the archiver's event source would) and returns the job ids. */
  async takeArchiveRequests(): Promise<string[]> {
    const bodies = await this.drain(this.resources.archiveQueueUrl);
    return bodies.map(({ body }) => archiveMessageSchema.parse(JSON.parse(body)).jobId);
  }

  /** Waits for archive requests that were queued with a delay (a retry's backoff) and takes them. */
  async waitForArchiveRequests(): Promise<string[]> {
    return waitFor(
      () => this.takeArchiveRequests(),
      (jobIds) => jobIds.length > 0,
      { timeoutMs: 10_000, intervalMs: 200, what: "a delayed archive request" },
    );
  }

  /** Runs the archiver for every queued archive request, like the SQS-triggered Lambda. */
  async archiveQueued(): Promise<string[]> {
    const jobIds = await this.takeArchiveRequests();
    for (const jobId of jobIds) await this.pipeline.archiver.archive(jobId);
    return jobIds;
  }

  /** Takes every event off JobEvents. */
  async takeEvents(): Promise<ReceivedEvent[]> {
    const messages = await this.drain(this.resources.eventsQueueUrl);
    return messages.map(({ body, attributes }) => ({
      event: JSON.parse(body) as JobCloudEvent<PublicJob>,
      attributes,
    }));
  }

  async putObject(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.clients.s3.send(
      new PutObjectCommand({
        Bucket: this.resources.mediaBucket,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
  }

  async getObject(key: string): Promise<Uint8Array> {
    const object = await this.clients.s3.send(
      new GetObjectCommand({ Bucket: this.resources.mediaBucket, Key: key }),
    );
    if (!object.Body) throw new Error(`no body for ${key}`);
    return object.Body.transformToByteArray();
  }

  /** Generations the simulator holds for this job's trace id. */
  generationsOf(job: { traceId: string }) {
    return this.sim.control.ledger().generations.filter((g) => g.traceId === job.traceId);
  }

  async close(): Promise<void> {
    await Promise.all(this.pipelines.map((pipeline) => pipeline.close()));
    for (const queueUrl of [this.resources.archiveQueueUrl, this.resources.eventsQueueUrl]) {
      await this.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => {});
    }
  }

  private async drain(
    queueUrl: string,
  ): Promise<{ body: string; attributes: Record<string, string | undefined> }[]> {
    const messages: { body: string; attributes: Record<string, string | undefined> }[] = [];
    for (;;) {
      const received = await this.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ["All"],
        }),
      );
      if (!received.Messages?.length) return messages;
      for (const message of received.Messages) {
        messages.push({
          body: message.Body ?? "",
          attributes: Object.fromEntries(
            Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]),
          ),
        });
        await this.clients.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
      }
    }
  }
}

/**
 * One simulator and one webhook endpoint per test file; `world()` builds a fresh pipeline per test
 * and routes the simulator's callbacks to it.
 */
export class PipelineHarness {
  private current: TestWorld | undefined;

  private constructor(
    readonly sim: RunningSimulator,
    readonly clients: AwsClients,
    private readonly webhookServer: Server,
  ) {}

  static async start(options: SimulatorOptions = {}): Promise<PipelineHarness> {
    let harness: PipelineHarness | undefined;
    const webhookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const world = harness?.current;
        if (!world) {
          res.writeHead(503).end("no pipeline");
          return;
        }
        world.pipeline.webhooks.receive(Buffer.concat(chunks).toString("utf8"), req.headers).then(
          (outcome) => {
            const answer: WebhookAnswer =
              outcome.outcome !== "refused"
                ? { status: 200, body: "ok" }
                : { status: outcome.reason === "malformed" ? 400 : 401, body: outcome.message };
            world.webhookAnswers.push(answer);
            res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
          },
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
      });
    });
    await new Promise<void>((resolve) => webhookServer.listen(0, "127.0.0.1", resolve));
    const { port } = webhookServer.address() as AddressInfo;
    const sim = await startSimulator({
      generationMs: 100,
      largeIds: true,
      timeFactor: 0.001,
      ...options,
      webhookUrl: `http://127.0.0.1:${port}/webhooks/pixverse`,
    });
    harness = new PipelineHarness(sim, createAwsClients(), webhookServer);
    return harness;
  }

  /** A fresh table, bucket and queues with a pipeline over them; the simulator's webhooks go to it. */
  async world(overrides: ConfigOverrides = {}, timings: Partial<Timings> = {}): Promise<TestWorld> {
    const id = randomUUID();
    const tableName = `pipeline-${id}`;
    const mediaBucket = `pipeline-${id}`;
    const [archiveQueue, eventsQueue] = await Promise.all([
      this.clients.sqs.send(new CreateQueueCommand({ QueueName: `archive-${id}` })),
      this.clients.sqs.send(new CreateQueueCommand({ QueueName: `events-${id}` })),
      this.clients.s3.send(new CreateBucketCommand({ Bucket: mediaBucket })),
      ensureTable(this.clients.dynamo, tableName),
    ]);
    const resources: WorldResources = {
      tableName,
      mediaBucket,
      archiveQueueUrl: archiveQueue.QueueUrl!,
      eventsQueueUrl: eventsQueue.QueueUrl!,
    };
    const config = testConfig(
      {
        ...resources,
        pixverse: {
          baseUrl: this.sim.url,
          apiKey: this.sim.apiKey,
          webhookSecret: this.sim.webhookSecret,
          maxConcurrency: 5,
          requestsPerSecond: 10_000,
        },
      },
      overrides,
    );
    this.current = new TestWorld(this.sim, this.clients, resources, config, { ...FAST_TIMINGS, ...timings });
    return this.current;
  }

  /** Ends the current world and puts the simulator back to its starting state. */
  async endWorld(): Promise<void> {
    const world = this.current;
    this.current = undefined;
    this.sim.control.reset();
    await world?.close();
  }

  async stop(): Promise<void> {
    await this.endWorld();
    await this.sim.stop();
    this.webhookServer.closeAllConnections();
    await new Promise((resolve) => this.webhookServer.close(resolve));
    this.clients.destroy();
  }
}
