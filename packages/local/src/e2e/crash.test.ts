import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type AwsClients, createAwsClients } from "@pixpipe/core/aws";
import { DynamoTenantRepository, generateApiKey } from "@pixpipe/core/tenant";
import { type RunningSimulator, startSimulator } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type DynamoDbLocal,
  freePort,
  type S3SqsEmulator,
  startDynamoDbLocal,
  startS3SqsEmulator,
} from "../emulators";
import { localRegion } from "../lambda";
import { createPipelineResources, type PipelineResources, pipelineEnvironment } from "../resources";
import {
  ApiClient,
  EventCollector,
  emulatorClients,
  listKeys,
  objectExists,
  objectSha256,
  sleep,
  TEXT_TO_VIDEO,
} from "../test-support/e2e-runtime";
import { PipelineProcess } from "../test-support/pipeline-child";

/**
 * Invariants 1 and 3 with real process deaths: the pipeline runs in a child process (api handler,
 * archiver, poller) that is SIGKILLed at the worst moments; DynamoDB Local, fauxqs and the simulator
 * live here and keep their state; a fresh child must finish the job with one generation.
 */

/** Archiver timeout = the archive queue's visibility timeout (a killed copy's message returns after it). */
const ARCHIVER_TIMEOUT_SECONDS = 20;

/**
 * A PixVerse front for the child: forwards every request to the simulator, but while `holdSubmits`
 * is on, a generation submit reaches PixVerse (which records and bills it) and its answer is never
 * passed back, as if the process died before reading it.
 */
class SubmitHoldingProxy {
  holdSubmits = false;
  /** Submits PixVerse answered that the child never got. */
  heldSubmits = 0;
  private readonly server: Server;
  url = "";

  constructor(private readonly target: string) {
    this.server = createServer((req, res) => {
      this.forward(req, res).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  async start(): Promise<void> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (["host", "connection", "content-length", "transfer-encoding"].includes(name)) continue;
      if (typeof value === "string") headers.set(name, value);
    }
    const upstream = await fetch(`${this.target}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (this.holdSubmits && /\/generate$/.test(req.url ?? "")) {
      this.heldSubmits++;
      return; // Never answered: the child waits until it is killed.
    }
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "text/plain" });
    res.end(body);
  }
}

let dynamo: DynamoDbLocal;
let s3sqs: S3SqsEmulator;
let clients: AwsClients;
let resources: PipelineResources;
let sim: RunningSimulator;
let proxy: SubmitHoldingProxy;
let events: EventCollector;
let testClients: ReturnType<typeof emulatorClients>;
let api: ApiClient;
let childEnv: Record<string, string>;

beforeAll(async () => {
  [dynamo, s3sqs] = await Promise.all([startDynamoDbLocal(), startS3SqsEmulator()]);
  const endpoints = { dynamodb: dynamo.endpoint, s3: s3sqs.endpoint, sqs: s3sqs.endpoint };
  clients = createAwsClients({ endpoints });
  resources = await createPipelineResources(clients, {
    archiveVisibilityTimeoutSeconds: ARCHIVER_TIMEOUT_SECONDS,
  });
  const apiKey = generateApiKey("crash");
  await new DynamoTenantRepository(clients.dynamo, resources.tableName).ensureApiKey("crash", apiKey, {
    scopes: ["jobs:write"],
  });

  const port = await freePort();
  sim = await startSimulator({
    generationMs: 300,
    timeFactor: 0.01,
    largeIds: true,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/pixverse`,
  });
  proxy = new SubmitHoldingProxy(sim.url);
  await proxy.start();

  testClients = emulatorClients(endpoints, localRegion());
  events = new EventCollector(testClients.sqs, resources.eventsQueue.url);
  events.start();
  api = new ApiClient(`http://127.0.0.1:${port}`, apiKey);
  childEnv = {
    AWS_REGION: localRegion(),
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: s3sqs.endpoint,
    AWS_ENDPOINT_URL_SQS: s3sqs.endpoint,
    ...pipelineEnvironment(resources, { ...sim, baseUrl: proxy.url }),
    // Polls, retries and the archive lease (15 min -> 9 s) on a test's scale.
    PIXPIPE_TIME_SCALE: "0.01",
    // The poller submits (a POST answers at once with the job queued).
    PIXPIPE_INLINE_SUBMIT_MS: "0",
    PIXPIPE_EVENT_SOURCE: "urn:pixpipe:e2e-crash",
    POWERTOOLS_LOG_LEVEL: "ERROR",
    PORT: String(port),
    E2E_POLL_INTERVAL_MS: "200",
    E2E_ARCHIVER_TIMEOUT_MS: String(ARCHIVER_TIMEOUT_SECONDS * 1000),
  };
});

afterEach(async () => {
  await PipelineProcess.killAll();
  proxy.holdSubmits = false;
  sim.control.clearFaults();
  sim.control.setOutputBytes(undefined);
});

afterAll(async () => {
  await PipelineProcess.killAll();
  await events?.stop();
  testClients?.s3.destroy();
  testClients?.sqs.destroy();
  clients?.destroy();
  await proxy?.stop();
  await sim?.stop();
  await Promise.all([dynamo?.stop(), s3sqs?.stop()]);
});

describe("a pipeline process killed mid-job", { timeout: 120_000 }, () => {
  it("between PixVerse accepting the submit and the job recording it: a fresh process finishes it with one generation", async () => {
    proxy.holdSubmits = true;
    const first = await PipelineProcess.start(childEnv);
    const job = await api.accepted(TEXT_TO_VIDEO);
    expect(job.status).toBe("queued");

    // PixVerse has the generation (and billed it); the job has not recorded it.
    await expect.poll(() => proxy.heldSubmits, { timeout: 20_000 }).toBeGreaterThan(0);
    const billed = sim.control.ledger().generations.filter((g) => g.traceId === job.pixverse.traceId);
    expect(billed).toHaveLength(1);
    expect((await api.getJob(job.id)).body).toMatchObject({
      status: "queued",
      pixverse: { traceId: job.pixverse.traceId },
    });
    expect((await api.getJob(job.id)).body.pixverse.videoId).toBeUndefined();
    await first.kill();

    proxy.holdSubmits = false;
    await PipelineProcess.start(childEnv);
    const done = await api.waitForStatus(job.id, ["succeeded", "failed", "cancelled"], 60_000);
    expect(done.status).toBe("succeeded");

    const generations = sim.control.ledger().generations.filter((g) => g.traceId === job.pixverse.traceId);
    expect(generations).toHaveLength(1);
    expect(generations[0]).toMatchObject({ id: done.pixverse.videoId, status: 1 });
    expect(generations[0]?.replays).toBeGreaterThanOrEqual(1); // The resubmit got the original video back.
    const expected = await sim.control.contentSha256(done.pixverse.videoId ?? "");
    expect((await objectSha256(testClients.s3, resources.mediaBucket, done.output?.key ?? "")).sha256).toBe(
      expected,
    );
    const received = await events.settled(job.id);
    expect
      .soft(
        received.map((r) => r.event.id),
        "one succeeded event",
      )
      .toEqual([`${job.id}:succeeded`]);
  });

  it("mid-copy of a 200 MB video into S3: a fresh process completes the object, with one generation and one event", async () => {
    const size = 200 * 1024 * 1024;
    sim.control.setOutputBytes(size);
    const first = await PipelineProcess.start(childEnv);
    const job = await api.accepted(TEXT_TO_VIDEO);
    const downloadsBefore = sim.control.ledger().requests.media_download ?? 0;

    await api.waitForStatus(job.id, "archiving", 30_000);
    // The archiver has started streaming the video.
    await expect
      .poll(() => sim.control.ledger().requests.media_download ?? 0, { timeout: 20_000, interval: 10 })
      .toBeGreaterThan(downloadsBefore);
    await sleep(300);
    const key = `videos/crash/${job.id}.mp4`;
    expect(
      await objectExists(testClients.s3, resources.mediaBucket, key),
      "killed before the copy finished",
    ).toBe(false);
    await first.kill();

    await PipelineProcess.start(childEnv);
    const done = await api.waitForStatus(job.id, ["succeeded", "failed", "cancelled"], 90_000);
    expect(done.status).toBe("succeeded");
    const videoId = done.pixverse.videoId ?? "";
    const expected = await sim.control.contentSha256(videoId);
    expect(done.output).toMatchObject({ key, size, sha256: expected });
    expect(await objectSha256(testClients.s3, resources.mediaBucket, key)).toEqual({
      sha256: expected,
      size,
    });
    expect(await listKeys(testClients.s3, resources.mediaBucket, `videos/crash/${job.id}`)).toEqual([key]);
    expect(sim.control.ledger().generations.filter((g) => g.traceId === job.pixverse.traceId)).toHaveLength(
      1,
    );
    const received = await events.settled(job.id);
    expect
      .soft(
        received.map((r) => r.event.id),
        "one succeeded event",
      )
      .toEqual([`${job.id}:succeeded`]);
  });
});
