import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { type AwsClients, createAwsClients } from "@pixpipe/core/aws";
import { DynamoJobRepository, type PublicJob } from "@pixpipe/core/job";
import { readSlotBoard, slotsInUse } from "@pixpipe/core/pipeline";
import { SLOTS_PARTITION } from "@pixpipe/core/table";
import { DynamoTenantRepository, generateApiKey } from "@pixpipe/core/tenant";
import {
  type Fault,
  type FaultStatus,
  generationPaths,
  type RunningSimulator,
  signedWebhookHeaders,
  solidPng,
  startSimulator,
} from "@pixpipe/simulator";
import type { S3Handler } from "aws-lambda";
import {
  type DynamoDbLocal,
  freePort,
  type S3SqsEmulator,
  startDynamoDbLocal,
  startS3SqsEmulator,
} from "../emulators";
import { localRegion } from "../lambda";
import { createPipelineResources, type PipelineResources, pipelineEnvironment } from "../resources";
import { LOCAL_FUNCTIONS } from "../runtime";
import { startS3Notifications } from "../s3-notifications";
import { EventCollector, emulatorClients, objectSha256, sleep } from "../test-support/observe";
import { PipelineProcess } from "../test-support/pipeline-child";
import { RetryingApi } from "./api-client";
import {
  awsOperation,
  type FaultCounts,
  FaultProxy,
  type FaultProxyOptions,
  type FaultRates,
  NO_FAULTS,
} from "./fault-proxy";
import { chaosFigures, type Figure, type Observed } from "./figures";
import { Dice } from "./random";
import {
  CHAOS_JOB_TYPES,
  type ChaosJobType,
  jobRequest,
  type PlannedJob,
  planWorkload,
  type TenantMedia,
} from "./workload";

export interface ChaosOptions {
  jobs: number;
  seed: number;
  /** SIGKILLs of the pipeline process during the run. */
  kills: number;
  /** pixpipe's limit of generations in flight (PIXVERSE_MAX_CONCURRENCY). */
  limit: number;
  /** The whole run, set-up included, must settle within this. */
  timeoutMs: number;
  /** Progress lines (what is going on; not figures). */
  log: (line: string) => void;
}

export interface ChaosResult {
  figures: Figure[];
  /** What was injected, one line per boundary. */
  injected: string[];
}

const TENANTS = 2;
/** The archiver's timeout and the archive queue's visibility timeout: a killed copy's message returns after it. */
const ARCHIVER_TIMEOUT_SECONDS = 10;
/** How long PixVerse takes for a generation. */
const GENERATION_MS = 2500;
/** PixVerse's output: big enough that a cut download is a real cut. */
const OUTPUT_BYTES = 256 * 1024;
/** How long after the last job is terminal its events may take (the poller sends an owed one after 10 s). */
const EVENT_SETTLE_MS = 45_000;

/** AWS calls (through the proxies) that fail: a 500/503, a reset before, or an answer lost after DynamoDB, S3 or SQS acted. */
const AWS_RATES: FaultRates = { error: 0.01, reset: 0.01, lost: 0.01 };
/**
 * PixVerse answers lost after PixVerse acted (held up to 2 s first), most often on generation submits,
 * where a lost answer tempts a second generation; PixVerse's own faults come from the simulator.
 */
const PIXVERSE_RATES = (request: IncomingMessage): FaultRates => ({
  error: 0,
  reset: 0,
  lost: request.url?.endsWith("/generate") ? 0.15 : 0.04,
});

/**
 * Faults of the simulator: on every PixVerse API call pixpipe makes (never on result downloads,
 * whose faults are cuts), on outcomes, and on webhook deliveries.
 */
function pixverseFaults(): Fault[] {
  const submits = CHAOS_JOB_TYPES.map((type) => generationPaths[type]);
  const calls = [...submits, "image_upload", "video_result", "image_result"];
  return [
    ...submits.map((target): Fault => ({ type: "error", errCode: 500044, target, rate: 0.08 })),
    ...calls.flatMap((target): Fault[] => [
      { type: "error", errCode: 500069, target, rate: 0.04 },
      { type: "http", status: 502, target, rate: 0.02 },
      { type: "http", status: 503, target, rate: 0.02 },
      { type: "reset", target, rate: 0.03 },
      { type: "latency", ms: 400, target, rate: 0.1 },
    ]),
    { type: "outcome", status: 8, rate: 0.03 },
    { type: "outcome", status: 7, rate: 0.01 },
    { type: "webhook-drop", rate: 0.1 },
    { type: "webhook-duplicate", rate: 0.08 },
    { type: "webhook-duplicate", replay: true, rate: 0.05 },
    { type: "webhook-delay", ms: 1500, rate: 0.1 },
    { type: "webhook-reorder", maxHoldMs: 2000, rate: 0.1 },
    // A retried delivery keeps its first timestamp: from the 5-minute retry on, it is stale.
    { type: "webhook-original-timestamp" },
    { type: "download-truncate", afterBytes: 64 * 1024, rate: 0.1 },
  ];
}

/** A PixVerse call by method and path, ids left out: `GET /openapi/v2/video/result/{id}`. */
function pixverseOperation(request: IncomingMessage): string {
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  return `${request.method} ${pathname.replace(/\/\d+(?=\/|$)/g, "/{id}")}`;
}

/** Everything a run starts, stopped in reverse order. */
class Stack {
  private readonly stops: (() => Promise<unknown> | unknown)[] = [];
  push(stop: () => Promise<unknown> | unknown): void {
    this.stops.push(stop);
  }
  async stopAll(): Promise<void> {
    for (const stop of this.stops.reverse()) await Promise.resolve(stop()).catch(() => {});
  }
}

/** One run: the world, the workload, the faults and kills, then what was observed. */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const dice = new Dice(options.seed);
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const stack = new Stack();
  try {
    const world = await startWorld(options, dice, stack);
    const driver = new Driver(world, options, dice, deadline);
    return await driver.run();
  } finally {
    await stack.stopAll();
  }
}

interface World {
  dynamo: DynamoDbLocal;
  s3sqs: S3SqsEmulator;
  clients: AwsClients;
  testClients: ReturnType<typeof emulatorClients>;
  resources: PipelineResources;
  sim: RunningSimulator;
  proxies: { dynamodb: FaultProxy; s3: FaultProxy; sqs: FaultProxy; pixverse: FaultProxy };
  events: EventCollector;
  tenants: { id: string; apiKey: string }[];
  apiUrl: string;
  childEnv: Record<string, string>;
}

/** The emulators' credentials, for this process's clients and the pipeline's alike. */
const LOCAL_AWS_ENV = {
  AWS_REGION: localRegion(),
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

async function startWorld(options: ChaosOptions, dice: Dice, stack: Stack): Promise<World> {
  // Before the first SDK client is built (the warning is printed at construction).
  Object.assign(process.env, LOCAL_AWS_ENV);
  const dataDir = await mkdtemp(path.join(tmpdir(), "pixpipe-chaos-"));
  stack.push(() => rm(dataDir, { recursive: true, force: true }));
  // Kept on disk as `run local` keeps it: the table outlives every pipeline process.
  const [dynamo, s3sqs] = await Promise.all([startDynamoDbLocal({ dbPath: dataDir }), startS3SqsEmulator()]);
  stack.push(() => Promise.all([dynamo.stop(), s3sqs.stop()]));
  const endpoints = { dynamodb: dynamo.endpoint, s3: s3sqs.endpoint, sqs: s3sqs.endpoint };
  const clients = createAwsClients({ endpoints });
  stack.push(() => clients.destroy());
  const resources = await createPipelineResources(clients, {
    archiveVisibilityTimeoutSeconds: ARCHIVER_TIMEOUT_SECONDS,
  });
  const tenantRepository = new DynamoTenantRepository(clients.dynamo, resources.tableName);
  const tenants: World["tenants"] = [];
  for (let i = 0; i < TENANTS; i++) {
    const id = `chaos-${String.fromCharCode(97 + i)}`;
    const tenant = { id, apiKey: generateApiKey(id) };
    await tenantRepository.ensureApiKey(tenant.id, tenant.apiKey, { scopes: ["jobs:write", "jobs:read"] });
    tenants.push(tenant);
  }

  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const sim = await startSimulator({
    // Generating is most of a slot's time, as with PixVerse (minutes there, against seconds of pixpipe's
    // own steps): so the limit is reached and kept there.
    generationMs: GENERATION_MS,
    timeFactor: 0.01,
    largeIds: true,
    // PixVerse's own limit stays out of the way: the peak it sees is pixpipe's doing alone.
    concurrencyLimit: 10_000,
    outputBytes: OUTPUT_BYTES,
    faultSeed: dice.stream("simulator").int(1, 2 ** 30),
    webhookUrl: `${apiUrl}/webhooks/pixverse`,
  });
  stack.push(() => sim.stop());

  const proxy = (name: string, target: string, rates: FaultProxyOptions["rates"]) =>
    new FaultProxy({
      name,
      target,
      rates,
      dice: dice.stream(`proxy:${name}`),
      ...(name === "pixverse"
        ? { lostHoldMs: 2000, operation: pixverseOperation }
        : { operation: awsOperation }),
    });
  const proxies = {
    dynamodb: proxy("dynamodb", dynamo.endpoint, AWS_RATES),
    s3: proxy("s3", s3sqs.endpoint, AWS_RATES),
    sqs: proxy("sqs", s3sqs.endpoint, AWS_RATES),
    pixverse: proxy("pixverse", sim.url, PIXVERSE_RATES),
  };
  for (const p of Object.values(proxies)) {
    await p.start();
    stack.push(() => p.stop());
  }

  const testClients = emulatorClients(endpoints, localRegion());
  stack.push(() => {
    testClients.s3.destroy();
    testClients.sqs.destroy();
  });
  const events = new EventCollector(testClients.sqs, resources.eventsQueue.url);
  events.start();
  stack.push(() => events.stop());

  const childEnv: Record<string, string> = {
    ...LOCAL_AWS_ENV,
    AWS_ENDPOINT_URL_DYNAMODB: proxies.dynamodb.url,
    AWS_ENDPOINT_URL_S3: proxies.s3.url,
    AWS_ENDPOINT_URL_SQS: proxies.sqs.url,
    ...pipelineEnvironment(resources, { ...sim, baseUrl: proxies.pixverse.url }),
    PIXVERSE_MAX_CONCURRENCY: String(options.limit),
    PIXVERSE_REQUESTS_PER_SECOND: "50",
    PIXPIPE_TIME_SCALE: "0.02",
    // A short head start: some jobs start inline, most through the scheduler, some both at once.
    PIXPIPE_INLINE_SUBMIT_MS: "1000",
    PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: "true",
    PIXPIPE_EVENT_SOURCE: "urn:pixpipe:chaos",
    POWERTOOLS_LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? "SILENT",
    PORT: String(port),
    E2E_POLL_INTERVAL_MS: "200",
    E2E_ARCHIVER_TIMEOUT_MS: String(ARCHIVER_TIMEOUT_SECONDS * 1000),
  };

  // The intake function runs in this process (fauxqs's notifications are in-process) under the same
  // environment, its calls through the same proxies; it only creates jobs, the pipeline starts them.
  Object.assign(process.env, childEnv, { PIXPIPE_INLINE_SUBMIT_MS: "0" });
  const intake: S3Handler = (await import("@pixpipe/functions/intake")).handler;
  const notifications = startS3Notifications({
    ...LOCAL_FUNCTIONS.intake,
    spy: s3sqs.server.spy,
    s3: testClients.s3,
    bucket: resources.mediaBucket,
    handler: intake,
    filterPrefix: "incoming/",
    configurationId: "IncomingObject",
    onFailure: { sqs: testClients.sqs, queueUrl: resources.intakeDlq.url },
    log: { info() {}, warn() {}, error() {} },
  });
  stack.push(() => notifications.stop());
  stack.push(() => PipelineProcess.killAll());

  return { dynamo, s3sqs, clients, testClients, resources, sim, proxies, events, tenants, apiUrl, childEnv };
}

/** Drives one run: sends the workload, kills the pipeline, re-sends stale webhooks, then observes. */
class Driver {
  private child: PipelineProcess | undefined;
  private readonly apis: RetryingApi[];
  private readonly accepted = new Map<number, string>();
  private readonly failures: string[] = [];
  private done = false;
  private kills = 0;
  private staleWebhooks = { sent: 0, answered: new Map<number, number>() };
  /** Per tenant, the source jobs seen succeeded (a succeeded job stays so). */
  private readonly sources = new Map<number, string[]>();

  constructor(
    private readonly world: World,
    private readonly options: ChaosOptions,
    private readonly dice: Dice,
    private readonly deadline: number,
  ) {
    this.apis = world.tenants.map((t) => new RetryingApi(world.apiUrl, t.apiKey, deadline));
  }

  async run(): Promise<ChaosResult> {
    const { log } = this.options;
    const plan = planWorkload(this.options.jobs, this.dice.stream("workload"), {
      tenants: TENANTS,
      s3Share: 0.15,
    });
    this.child = await PipelineProcess.start(this.world.childEnv);
    const media = await Promise.all(this.apis.map((api) => this.uploadMedia(api)));
    this.world.sim.control.setFaults(pixverseFaults(), {
      seed: this.dice.stream("simulator").int(1, 2 ** 30),
    });
    log(`${plan.length} jobs planned (${countTypes(plan)}); faults on; ${this.options.kills} kills to come`);

    const firstSent = Date.now();
    const kills = this.killLoop();
    const stale = this.staleWebhookLoop();
    const sending = this.send(plan, media);
    const allTerminal = await this.waitForTerminal(plan, sending);
    this.done = true;
    await Promise.all([kills, stale, sending.catch((error: unknown) => this.failures.push(String(error)))]);
    const timeToAllTerminalMs = allTerminal === null ? null : allTerminal - firstSent;
    log(
      timeToAllTerminalMs === null
        ? "the run timed out before every job was terminal"
        : `every job terminal after ${(timeToAllTerminalMs / 1000).toFixed(1)} s; faults off, waiting for the events`,
    );
    if (this.child === undefined || !this.child.alive)
      this.child = await PipelineProcess.start(this.world.childEnv);
    for (const p of Object.values(this.world.proxies)) p.setRates(NO_FAULTS);
    const simulatorFaults = this.world.sim.control.faults();
    this.world.sim.control.clearFaults();
    const observed = await this.observe(plan, timeToAllTerminalMs);
    const figures = chaosFigures(observed);
    if (this.failures.length > 0) {
      figures.push({ name: "driver", value: this.failures.slice(0, 5).join("; "), ok: false });
    }
    return { figures, injected: this.injected(simulatorFaults) };
  }

  /** Two images per tenant, uploaded as a user does (POST /v1/uploads, then PUT to the URL). */
  private async uploadMedia(api: RetryingApi): Promise<TenantMedia> {
    const upload = async (name: string, colour: [number, number, number]) => {
      const bytes = solidPng(320, 240, colour);
      for (;;) {
        const grant = await api.expect<{ key: string; uploadUrl: string }>("POST", "/v1/uploads", {
          json: { contentType: "image/png", filename: name, size: bytes.length },
        });
        const put = await fetch(grant.uploadUrl, {
          method: "PUT",
          headers: { "content-type": "image/png" },
          body: bytes,
        }).catch(() => undefined);
        if (put?.status === 200) return { upload: grant.key };
        if (Date.now() > this.deadline) throw new Error(`could not upload ${name}`);
      }
    };
    return {
      face: await upload("face.png", [200, 150, 120]),
      scene: await upload("scene.png", [20, 120, 60]),
    };
  }

  /** Sends the jobs in plan order, a few at a time with seeded gaps, each until it is accepted. */
  private async send(plan: PlannedJob[], media: TenantMedia[]): Promise<void> {
    const dice = this.dice.stream("sending");
    const gaps = plan.map(() => dice.int(0, 60));
    const sourceDice = this.dice.stream("sources");
    const inFlight = new Set<Promise<void>>();
    for (const job of plan) {
      if (Date.now() > this.deadline) throw new Error("the run's deadline passed while jobs were being sent");
      await sleep(gaps[job.index] ?? 0);
      const source = job.needsSource ? await this.succeededSource(plan, job.tenant, sourceDice) : undefined;
      const sent = this.sendOne(job, media[job.tenant]!, source).finally(() => inFlight.delete(sent));
      inFlight.add(sent);
      if (inFlight.size >= 8) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  private async sendOne(job: PlannedJob, media: TenantMedia, source: string | undefined): Promise<void> {
    const body = jobRequest(job, media, source);
    const tenant = this.world.tenants[job.tenant]!;
    if (job.entry === "s3") {
      const key = `incoming/${tenant.id}/chaos-${job.index}.job.json`;
      await this.world.testClients.s3.send(
        new PutObjectCommand({
          Bucket: this.world.resources.mediaBucket,
          Key: key,
          Body: JSON.stringify(body),
          ContentType: "application/json",
        }),
      );
      return;
    }
    const answer = await this.apis[job.tenant]!.request<PublicJob>("POST", "/v1/jobs", {
      json: body,
      headers: { "idempotency-key": `chaos-${this.options.seed}-${job.index}` },
    });
    if (answer.status !== 202 && answer.status !== 200) {
      throw new Error(
        `job ${job.index} (${job.type}) refused: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    this.accepted.set(job.index, answer.body.id);
  }

  /** A text_to_video job of the tenant that succeeded (waiting for one if none has yet). */
  private async succeededSource(plan: PlannedJob[], tenant: number, dice: Dice): Promise<string> {
    const candidates = plan.filter(
      (p) => p.tenant === tenant && p.type === "text_to_video" && p.entry === "api",
    );
    for (;;) {
      const known = this.sources.get(tenant);
      if (known?.length) return dice.pick(known);
      const jobs = await this.apis[tenant]!.allJobs();
      const ids = new Set(candidates.map((p) => this.accepted.get(p.index)));
      const succeeded = jobs.filter((j) => ids.has(j.id) && j.status === "succeeded").map((j) => j.id);
      this.sources.set(tenant, succeeded);
      if (Date.now() > this.deadline) throw new Error(`no text_to_video job of tenant ${tenant} succeeded`);
      await sleep(500);
    }
  }

  /**
   * SIGKILLs the pipeline process at seeded moments spread over the run's expected length (a slot's
   * worth of time per job and limit), restarting it after a seeded pause.
   */
  private async killLoop(): Promise<void> {
    const dice = this.dice.stream("kills");
    const expectedMs = (this.options.jobs * (GENERATION_MS + 2_000)) / this.options.limit;
    const meanGapMs = Math.max(4_000, expectedMs / (this.options.kills + 1));
    while (!this.done && this.kills < this.options.kills) {
      const waitMs = dice.int(Math.round(meanGapMs / 2), Math.round(meanGapMs * 1.5));
      const until = Date.now() + waitMs;
      while (!this.done && Date.now() < until) await sleep(100);
      if (this.done) return;
      await this.child?.kill();
      this.kills++;
      this.options.log(`kill ${this.kills}: pipeline process SIGKILLed`);
      await sleep(dice.int(0, 1_000));
      this.child = await PipelineProcess.start(this.world.childEnv);
    }
  }

  /** Re-sends real deliveries with a timestamp 10 minutes old (freshly signed): they may only cause a poll. */
  private async staleWebhookLoop(): Promise<void> {
    const dice = this.dice.stream("stale-webhooks");
    const { sim, apiUrl } = this.world;
    while (!this.done) {
      await sleep(dice.int(200, 1_000));
      const delivered = sim.control.webhookDeliveries().filter((d) => d.kind === "delivery");
      if (delivered.length === 0) continue;
      const original = dice.pick(delivered);
      const headers = signedWebhookHeaders(
        sim.webhookSecret,
        original.body,
        original.traceId,
        Date.now() - 600_000,
      );
      const answer = await fetch(`${apiUrl}/webhooks/pixverse`, {
        method: "POST",
        headers,
        body: original.body,
      }).catch(() => undefined);
      this.staleWebhooks.sent++;
      const status = answer?.status ?? 0;
      this.staleWebhooks.answered.set(status, (this.staleWebhooks.answered.get(status) ?? 0) + 1);
    }
  }

  /** Every planned job, by its `chaos` metadata, as the API lists it. */
  private async jobsByPlan(): Promise<Map<number, PublicJob[]>> {
    const byPlan = new Map<number, PublicJob[]>();
    for (const api of this.apis) {
      for (const job of await api.allJobs()) {
        const index = Number(job.metadata?.chaos);
        if (!Number.isInteger(index)) continue;
        byPlan.set(index, [...(byPlan.get(index) ?? []), job]);
      }
    }
    return byPlan;
  }

  /** When every planned job was first seen terminal; null at the deadline. */
  private async waitForTerminal(plan: PlannedJob[], sending: Promise<void>): Promise<number | null> {
    let sent = "sending" as "sending" | "all" | "failed";
    sending.then(
      () => {
        sent = "all";
      },
      () => {
        sent = "failed";
      },
    );
    let lastReport = 0;
    // A listing of every job is a few pages per hundred jobs: less often for a large run.
    const intervalMs = plan.length > 100 ? 3_000 : 1_000;
    while (Date.now() < this.deadline) {
      await sleep(intervalMs);
      const byPlan = await this.jobsByPlan().catch(() => undefined);
      if (!byPlan) continue;
      const terminal = plan.filter((p) =>
        ["succeeded", "failed", "cancelled"].includes(byPlan.get(p.index)?.[0]?.status ?? ""),
      );
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        this.options.log(`${terminal.length} of ${plan.length} jobs terminal, ${this.kills} kills so far`);
      }
      if (sent === "all" && terminal.length === plan.length) return Date.now();
      // A job the driver could not send is reported as such; the rest are waited for.
      if (sent === "failed" && terminal.length === plan.filter((p) => byPlan.has(p.index)).length)
        return null;
    }
    return null;
  }

  private async observe(plan: PlannedJob[], timeToAllTerminalMs: number | null): Promise<Observed> {
    const { world } = this;
    const jobsNow = await this.jobsByPlan();
    const expectEvents = [...jobsNow.values()]
      .flat()
      .filter((j) => ["succeeded", "failed", "cancelled"].includes(j.status));
    const settleUntil = Math.min(this.deadline, Date.now() + EVENT_SETTLE_MS);
    while (Date.now() < settleUntil && expectEvents.some((job) => world.events.of(job.id).length === 0)) {
      await sleep(250);
    }
    await sleep(2_000); // A duplicate would arrive by now.
    const jobs = await this.jobsByPlan();
    const ledger = world.sim.control.ledger();
    const eventIds = new Map<string, string[]>();
    for (const received of world.events.received) {
      const id = received.event.subject ?? "";
      eventIds.set(id, [...(eventIds.get(id) ?? []), received.event.id]);
    }
    const archives = new Map<string, { stored: string | null; recorded?: string; source: string }>();
    for (const job of [...jobs.values()].flat()) {
      if (job.status !== "succeeded" || !job.output || !job.pixverse.videoId) continue;
      const { key, sha256: recorded } = job.output;
      const stored = await objectSha256(world.testClients.s3, world.resources.mediaBucket, key).catch(
        () => null,
      );
      archives.set(job.id, {
        stored: stored?.sha256 ?? null,
        ...(recorded ? { recorded } : {}),
        source: await world.sim.control.contentSha256(job.pixverse.videoId),
      });
    }
    const board = readSlotBoard(
      await new DynamoJobRepository(world.clients.dynamo, world.resources.tableName).readItems(
        SLOTS_PARTITION,
      ),
    );
    const slotsHeld =
      slotsInUse(board) + [...board.tenants.values()].reduce((sum, held) => sum + held.size, 0);
    return {
      planned: plan,
      jobs,
      generations: ledger.generations,
      uploads: ledger.uploads.length,
      peakInFlight: ledger.peakInFlight,
      limit: this.options.limit,
      eventIds,
      archives,
      slotsHeld,
      timeToAllTerminalMs,
    };
  }

  /** What the run injected, per boundary. */
  private injected(simulatorFaults: FaultStatus[]): string[] {
    const { proxies } = this.world;
    const proxyLine = (name: string, counts: FaultCounts) =>
      `${name}: ${counts.requests} requests, ${counts.faults.error} answered 500/503, ${counts.faults.reset} reset, ${counts.faults.lost} answers lost after acting${
        Object.keys(counts.byOperation).length
          ? ` (${Object.entries(counts.byOperation)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([op, f]) => `${op} ${Object.values(f).reduce((s, n) => s + (n ?? 0), 0)}`)
              .join(", ")})`
          : ""
      }`;
    const hits = new Map<string, number>();
    for (const { fault, hits: n } of simulatorFaults)
      hits.set(faultName(fault), (hits.get(faultName(fault)) ?? 0) + n);
    return [
      `pixverse (simulator): ${[...hits].map(([name, n]) => `${name} ${n}`).join(", ")}`,
      proxyLine("pixverse (proxy)", proxies.pixverse.counts),
      proxyLine("dynamodb", proxies.dynamodb.counts),
      proxyLine("s3", proxies.s3.counts),
      proxyLine("sqs", proxies.sqs.counts),
      `webhooks re-sent 10 min stale: ${this.staleWebhooks.sent} (answers ${[...this.staleWebhooks.answered].map(([s, n]) => `${s || "none"}: ${n}`).join(", ")})`,
      `pipeline process SIGKILLed: ${this.kills}; API requests sent again by the client: ${this.apis.reduce((s, a) => s + a.retries, 0)}`,
    ];
  }
}

/** A simulator fault as the report names it: `error 500044`, `http 502`, `outcome 8`, `webhook-replay`. */
function faultName(fault: Fault): string {
  switch (fault.type) {
    case "error":
      return `error ${fault.errCode}`;
    case "http":
      return `http ${fault.status}`;
    case "outcome":
      return `outcome ${fault.status}`;
    case "webhook-duplicate":
      return fault.replay ? "webhook-replay" : fault.type;
    default:
      return fault.type;
  }
}

function countTypes(plan: readonly PlannedJob[]): string {
  const counts = new Map<ChaosJobType, number>();
  for (const job of plan) counts.set(job.type, (counts.get(job.type) ?? 0) + 1);
  const s3 = plan.filter((p) => p.entry === "s3").length;
  return `${[...counts].map(([type, n]) => `${type} ${n}`).join(", ")}; ${s3} through S3`;
}
