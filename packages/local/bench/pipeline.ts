/**
 * Benchmark (not a test): the pipeline end to end on the local runtime against the PixVerse simulator
 * (webhooks on), each figure beside a floor measured in the same run with the same parts (the same
 * DynamoDB Local, fauxqs S3/SQS and simulator, driven directly with the AWS SDK behind a bare node HTTP
 * server: see pipeline/floor.ts). Medians and ranges over --rounds rounds; one line per measure, then a
 * summary line. Issue 13 states the goals.
 *
 *   npx -y pnpm@10 run bench:pipeline [--rounds 3]
 *
 * Everything runs in this process (the runtime is in-process, as `run local` is), so pixpipe and its
 * floor share the event loop and the machine the same way.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { CreateQueueCommand, PurgeQueueCommand } from "@aws-sdk/client-sqs";
import { createAwsClients } from "@pixpipe/core/aws";
import type { Pipeline } from "@pixpipe/core/wiring";
import type { LedgerGeneration } from "@pixpipe/simulator";
import { startLocalRuntime } from "../src/runtime";
import { type BundleFigures, type ImportTime, measureBundles } from "./pipeline/bundles";
import { FLOOR_WORK, type FloorEvent, startFloorServer } from "./pipeline/floor";
import { QueueInbox } from "./pipeline/inbox";
import { formatLines, type MeasureLine, median, overRounds, percentile } from "./pipeline/stats";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { rounds: { type: "string", default: "3" } },
});
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error("--rounds is a whole number of 1 or more");

const MiB = 1024 * 1024;
/** Generations in flight allowed (pixpipe's PIXVERSE_MAX_CONCURRENCY) during the burst. */
const CONCURRENCY_LIMIT = 250;
const BURST_JOBS = 200;
/** PixVerse requests per second the poller is configured to. */
const POLLER_RPS = 20;
const WEBHOOK_VIDEO_BYTES = 3 * MiB;
/** How long a burst's generations take at the simulator. */
const BURST_GENERATION_MS = 2_000;
/** Long enough that no generation ends by itself during a phase (the bench finishes them). */
const PARKED_GENERATION_MS = 60 * 60_000;
/** How long a burst's job may take to its succeeded event before it counts as lost. */
const BURST_TIMEOUT_MS = 180_000;
const POSTS_AT_1 = 40;
const POSTS_AT_10 = 150;
const WEBHOOK_SAMPLES = 8;
const POLLER_BACKLOG_JOBS = 240;
const POLLER_WINDOW_MS = 5_000;
/**
 * The poller's pace is read at the simulator, on ms timestamps taken as requests arrive: a few ms of
 * network jitter over a second of gaps shows as up to this share over the configured rate.
 */
const POLLER_RATE_JITTER = 0.02;

const TEXT_TO_VIDEO_INPUT = {
  prompt: "a red fox running through snow",
  model: "v5",
  duration: 5,
  quality: "540p",
  aspect_ratio: "16:9",
};

const loadBefore = loadavg();
const benchStarted = performance.now();
const stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-bench-"));
const quiet = { info() {}, warn() {}, error: console.error };

/**
 * DynamoDB requests sent: the API pipeline's by command, with their time summed; and every
 * pipeline's (API, poller, archiver) together, for the whole lifecycle of a job.
 */
const apiDynamoCalls = new Map<string, number>();
let apiDynamoMs = 0;
let allDynamoCalls = 0;
function countDynamoCalls(pipeline: Pipeline, role: "api" | "worker"): void {
  pipeline.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      allDynamoCalls++;
      if (role === "worker") return next(args);
      const name = String(context.commandName ?? "unknown").replace(/Command$/, "");
      apiDynamoCalls.set(name, (apiDynamoCalls.get(name) ?? 0) + 1);
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        apiDynamoMs += performance.now() - started;
      }
    },
    { step: "initialize", name: "benchCountCalls" },
  );
}

const runtime = await startLocalRuntime({
  port: 0,
  stateDir,
  log: quiet,
  simulator: { concurrencyLimit: 100_000, generationMs: PARKED_GENERATION_MS },
  env: {
    POWERTOOLS_LOG_LEVEL: "ERROR",
    PIXPIPE_METRICS_FORMAT: "none",
    // As `run local` runs against the simulator.
    PIXPIPE_TIME_SCALE: "0.1",
    PIXVERSE_MAX_CONCURRENCY: String(CONCURRENCY_LIMIT),
    PIXVERSE_REQUESTS_PER_SECOND: String(POLLER_RPS),
  },
  handlers: {
    api: async () => {
      const api = await import("@pixpipe/functions/api");
      countDynamoCalls(api.pipeline, "api");
      return api.handler;
    },
    poller: async () => {
      const poller = await import("@pixpipe/functions/poller");
      countDynamoCalls(poller.pipeline, "worker");
      return poller.handler;
    },
    archiver: async () => {
      const archiver = await import("@pixpipe/functions/archiver");
      countDynamoCalls(archiver.pipeline, "worker");
      return archiver.handler;
    },
    intake: async () => (await import("@pixpipe/functions/intake")).handler,
    // The bench's jobs ask for no webhooks: the worker only waits on its queue.
    deliveries: async () => (await import("@pixpipe/functions/deliveries")).handler,
  },
});
const sim = runtime.simulator!.control;
const { info } = runtime;
const clients = createAwsClients();

const floorQueueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: "bench-floor-events" })))
  .QueueUrl!;
const floor = await startFloorServer({
  dynamo: clients.dynamo,
  s3: clients.s3,
  sqs: clients.sqs,
  tableName: info.tableName,
  bucket: info.mediaBucket,
  eventsQueueUrl: floorQueueUrl,
  pixverse: { baseUrl: info.pixverseBaseUrl, apiKey: runtime.simulator!.apiKey },
  webhookSecret: () => runtime.simulator!.webhookSecret,
});
const pixpipeWebhookUrl = `${info.apiUrl}/webhooks/pixverse`;
const floorWebhookUrl = `${floor.url}/webhook`;

const pixpipeEvents = new QueueInbox(clients.sqs, info.queues.jobEvents.url, (body) => {
  const event = JSON.parse(body) as { subject: string; type: string };
  return `${event.subject}:${event.type}`;
});
const floorEvents = new QueueInbox(
  clients.sqs,
  floorQueueUrl,
  (body) => (JSON.parse(body) as FloorEvent).videoId,
);

interface PublicJob {
  id: string;
  status: string;
  pixverse?: { videoId?: string; traceId?: string };
}

async function call<T>(
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${info.apiUrl}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${info.apiKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${urlPath} answered ${response.status}: ${text}`);
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

interface Posted {
  ms: number;
  job: PublicJob;
}

/** `count` POSTs over `concurrency` callers, each timed from request to full answer. */
async function runConcurrently<T>(count: number, concurrency: number, one: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        results.push(await one());
      }
    }),
  );
  return results;
}

/** Every promise's value, and the errors of those that failed: a burst reports its failures instead of stopping. */
async function settleAll<T>(promises: readonly Promise<T>[]): Promise<{ ok: T[]; failures: string[] }> {
  const settled = await Promise.allSettled(promises);
  return {
    ok: settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    failures: settled.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : [])),
  };
}

/** "3x: Error: POST /v1/jobs answered 503 ..., 1x: ...": failures by message. */
function tally(failures: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const failure of failures)
    counts.set(failure.slice(0, 120), (counts.get(failure.slice(0, 120)) ?? 0) + 1);
  return [...counts].map(([message, n]) => `${n}x ${message}`).join("; ");
}

async function postPixpipe(): Promise<Posted> {
  const started = performance.now();
  const { json } = await call<PublicJob>("POST", "/v1/jobs", {
    type: "text_to_video",
    input: TEXT_TO_VIDEO_INPUT,
  });
  return { ms: performance.now() - started, job: json };
}

async function postFloor(): Promise<{ ms: number; videoId: string }> {
  const started = performance.now();
  const response = await fetch(`${floor.url}/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(TEXT_TO_VIDEO_INPUT),
  });
  const answer = (await response.json()) as { videoId: string };
  if (response.status !== 202) throw new Error(`floor POST answered ${response.status}`);
  return { ms: performance.now() - started, videoId: answer.videoId };
}

/** Cancels jobs that were only created to be timed, so their slots free for the next phase. */
async function cancelAll(jobs: readonly PublicJob[]): Promise<void> {
  const queue = [...jobs];
  await runConcurrently(queue.length, 10, async () => {
    const job = queue.shift()!;
    await call("POST", `/v1/jobs/${job.id}/cancel`).catch(() => {});
  });
}

const pixverseSubmits = () => sim.ledger().requests.text_to_video ?? 0;
const pixverseRequests = () => Object.values(sim.ledger().requests).reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const lines: MeasureLine[] = [];

/** What `during` added to each of the API's DynamoDB request counts, and to their summed time. */
async function dynamoCallsDuring<T>(
  during: () => Promise<T>,
  into: { calls: Map<string, number>; ms: number },
): Promise<T> {
  const before = new Map(apiDynamoCalls);
  const msBefore = apiDynamoMs;
  const result = await during();
  for (const [name, n] of apiDynamoCalls) {
    into.calls.set(name, (into.calls.get(name) ?? 0) + n - (before.get(name) ?? 0));
  }
  into.ms += apiDynamoMs - msBefore;
  return result;
}

/** POST /v1/jobs at a concurrency, pixpipe then the floor in each round. */
async function measurePosts(concurrency: number, perRound: number) {
  const p50: number[] = [];
  const p99: number[] = [];
  const floorP50: number[] = [];
  const floorP99: number[] = [];
  let generating = 0;
  let posted = 0;
  let submits = 0;
  let otherPixverse = 0;
  const dynamo = { calls: new Map<string, number>(), ms: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const submitsBefore = pixverseSubmits();
    const requestsBefore = pixverseRequests();
    const pixpipe = await dynamoCallsDuring(
      () => runConcurrently(perRound, concurrency, postPixpipe),
      dynamo,
    );
    submits += pixverseSubmits() - submitsBefore;
    otherPixverse += pixverseRequests() - requestsBefore - (pixverseSubmits() - submitsBefore);
    const floorPosts = await runConcurrently(perRound, concurrency, postFloor);
    const times = pixpipe.map((p) => p.ms);
    const floorTimes = floorPosts.map((p) => p.ms);
    p50.push(percentile(times, 50));
    p99.push(percentile(times, 99));
    floorP50.push(percentile(floorTimes, 50));
    floorP99.push(percentile(floorTimes, 99));
    generating += pixpipe.filter((p) => p.job.status === "generating").length;
    posted += pixpipe.length;
    await cancelAll(pixpipe.map((p) => p.job));
  }
  const byCommand = [...dynamo.calls]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => [name, n / posted] as const);
  return {
    p50: overRounds(p50),
    p99: overRounds(p99),
    floorP50: overRounds(floorP50),
    floorP99: overRounds(floorP99),
    generating,
    posted,
    dynamoPerPost: byCommand.reduce((sum, [, perPost]) => sum + perPost, 0),
    dynamoMsPerPost: dynamo.ms / posted,
    byCommand,
    submitsPerPost: submits / posted,
    otherPixversePerPost: otherPixverse / posted,
  };
}

/** The job once PixVerse has it (at once when the head start submitted it, else when the poller has). */
async function generating(job: PublicJob): Promise<{ id: string; videoId: string }> {
  const deadline = performance.now() + 30_000;
  for (let current = job; ; current = (await call<PublicJob>("GET", `/v1/jobs/${job.id}`)).json) {
    if (current.status === "generating" && current.pixverse?.videoId)
      return { id: job.id, videoId: current.pixverse.videoId };
    if (performance.now() > deadline)
      throw new Error(`job ${job.id} is still ${current.status} 30 s after its POST`);
    await sleep(100);
  }
}

/** From a PixVerse webhook sent (the generation finished) to the succeeded event receivable. */
async function measureWebhooks() {
  const pixpipeP50: number[] = [];
  const floorP50: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    sim.setWebhookUrl(pixpipeWebhookUrl);
    const samples: number[] = [];
    for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
      const job = await generating((await postPixpipe()).job);
      const sent = performance.now();
      sim.finish(job.videoId, 1, { outputBytes: WEBHOOK_VIDEO_BYTES });
      samples.push((await pixpipeEvents.arrival(`${job.id}:pixpipe.job.succeeded`)) - sent);
    }
    pixpipeP50.push(median(samples));
    sim.setWebhookUrl(floorWebhookUrl);
    const floorSamples: number[] = [];
    for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
      const { videoId } = await postFloor();
      const sent = performance.now();
      sim.finish(videoId, 1, { outputBytes: WEBHOOK_VIDEO_BYTES });
      floorSamples.push((await floorEvents.arrival(videoId)) - sent);
    }
    floorP50.push(median(floorSamples));
  }
  sim.setWebhookUrl(pixpipeWebhookUrl);
  return { pixpipe: overRounds(pixpipeP50), floor: overRounds(floorP50) };
}

/** The most generations in status 5 at once among these. */
function peakInFlight(generations: readonly LedgerGeneration[]): number {
  const edges = generations.flatMap((g) => [
    { at: Date.parse(g.createdAt), delta: 1 },
    ...(g.finishedAt ? [{ at: Date.parse(g.finishedAt), delta: -1 }] : []),
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let inFlight = 0;
  let peak = 0;
  for (const edge of edges) {
    inFlight += edge.delta;
    peak = Math.max(peak, inFlight);
  }
  return peak;
}

/** BURST_JOBS POSTs at once; done when every succeeded event is receivable. */
async function measureBursts() {
  const pixpipeJobsPerSecond: number[] = [];
  const floorJobsPerSecond: number[] = [];
  const answerP50: number[] = [];
  const answerP99: number[] = [];
  const floorAnswerP50: number[] = [];
  const floorAnswerP99: number[] = [];
  const submitsPerJob: number[] = [];
  const dynamoPerJob: number[] = [];
  /** DynamoDB Local's pace meanwhile: every pipeline's requests over the burst's duration. */
  const dynamoPerSecond: number[] = [];
  const lost: number[] = [];
  const floorLost: number[] = [];
  const failures: string[] = [];
  const floorFailures: string[] = [];
  const peaks: number[] = [];
  const floorPeaks: number[] = [];
  let submittedTwice = 0;
  let neverSubmitted = 0;
  sim.setGenerationMs(BURST_GENERATION_MS);
  for (let round = 0; round < ROUNDS; round++) {
    sim.setWebhookUrl(pixpipeWebhookUrl);
    const submitsBefore = sim.ledger().requests.text_to_video ?? 0;
    const dynamoBefore = allDynamoCalls;
    const started = performance.now();
    const posts = await settleAll(Array.from({ length: BURST_JOBS }, postPixpipe));
    const posted = posts.ok;
    const succeeded = await settleAll(
      posted.map((p) => pixpipeEvents.arrival(`${p.job.id}:pixpipe.job.succeeded`, BURST_TIMEOUT_MS)),
    );
    const burstSeconds = (Math.max(...succeeded.ok) - started) / 1000;
    dynamoPerJob.push((allDynamoCalls - dynamoBefore) / BURST_JOBS);
    dynamoPerSecond.push((allDynamoCalls - dynamoBefore) / burstSeconds);
    failures.push(...posts.failures, ...succeeded.failures);
    lost.push(BURST_JOBS - succeeded.ok.length);
    pixpipeJobsPerSecond.push(succeeded.ok.length / burstSeconds);
    const answers = posted.map((p) => p.ms);
    answerP50.push(percentile(answers, 50));
    answerP99.push(percentile(answers, 99));
    const traces = new Map(
      posted.map((p) => [p.job.pixverse?.traceId ?? "", p.job.id] as const).filter(([trace]) => trace),
    );
    const ledger = sim.ledger();
    const generations = ledger.generations.filter((g) => traces.has(g.traceId));
    for (const g of generations) if (g.replays > 0) submittedTwice++;
    neverSubmitted += BURST_JOBS - generations.length;
    submitsPerJob.push(((ledger.requests.text_to_video ?? 0) - submitsBefore) / BURST_JOBS);
    peaks.push(peakInFlight(generations));

    sim.setWebhookUrl(floorWebhookUrl);
    const floorStarted = performance.now();
    const floorPosts = await settleAll(Array.from({ length: BURST_JOBS }, postFloor));
    const floorPosted = floorPosts.ok;
    const floorStored = await settleAll(
      floorPosted.map((p) => floorEvents.arrival(p.videoId, BURST_TIMEOUT_MS)),
    );
    floorFailures.push(...floorPosts.failures, ...floorStored.failures);
    floorLost.push(BURST_JOBS - floorStored.ok.length);
    floorJobsPerSecond.push(floorStored.ok.length / ((Math.max(...floorStored.ok) - floorStarted) / 1000));
    const floorAnswers = floorPosted.map((p) => p.ms);
    floorAnswerP50.push(percentile(floorAnswers, 50));
    floorAnswerP99.push(percentile(floorAnswers, 99));
    const floorIds = new Set(floorPosted.map((p) => p.videoId));
    floorPeaks.push(peakInFlight(sim.ledger().generations.filter((g) => floorIds.has(g.id))));
  }
  sim.setGenerationMs(PARKED_GENERATION_MS);
  sim.setWebhookUrl(pixpipeWebhookUrl);
  return {
    pixpipe: overRounds(pixpipeJobsPerSecond),
    floor: overRounds(floorJobsPerSecond),
    answerP50: overRounds(answerP50),
    answerP99: overRounds(answerP99),
    floorAnswerP50: overRounds(floorAnswerP50),
    floorAnswerP99: overRounds(floorAnswerP99),
    submitsPerJob: overRounds(submitsPerJob),
    dynamoPerJob: overRounds(dynamoPerJob),
    dynamoPerSecond: overRounds(dynamoPerSecond),
    lost: overRounds(lost),
    floorLost: overRounds(floorLost),
    failures,
    floorFailures,
    submittedTwice,
    neverSubmitted,
    peaks: overRounds(peaks),
    floorPeaks: overRounds(floorPeaks),
  };
}

/**
 * The poller alone with more due work than its rate allows: generations whose webhooks never come
 * (the simulator sends none), so every look is a poll. Consecutive windows over one backlog.
 */
async function measurePoller() {
  sim.setWebhookUrl(undefined);
  const posted = await runConcurrently(POLLER_BACKLOG_JOBS, 10, postPixpipe);
  // Let the poller's first looks come due (the first poll is 2 s after a submit at time scale 0.1).
  await sleep(3_000);
  const rates: number[] = [];
  const peaks: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const from = Date.now();
    await sleep(POLLER_WINDOW_MS);
    const to = Date.now();
    const times = sim
      .requests()
      .map((r) => Date.parse(r.at))
      .filter((at) => at >= from && at < to)
      .sort((a, b) => a - b);
    rates.push(times.length / (POLLER_WINDOW_MS / 1000));
    // The fastest second of the window: POLLER_RPS consecutive gaps between requests, as a rate.
    let peak = 0;
    for (let i = POLLER_RPS; i < times.length; i++) {
      peak = Math.max(peak, POLLER_RPS / ((times[i]! - times[i - POLLER_RPS]!) / 1000));
    }
    peaks.push(peak);
  }
  await cancelAll(posted.map((p) => p.job));
  sim.setWebhookUrl(pixpipeWebhookUrl);
  return { rates: overRounds(rates), peaks: overRounds(peaks) };
}

async function mediaBucketBytes(): Promise<{ objects: number; bytes: number }> {
  let objects = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: info.mediaBucket, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      objects++;
      bytes += object.Size ?? 0;
    }
    token = page.NextContinuationToken;
  } while (token);
  return { objects, bytes };
}

const once = (value: number) => overRounds([value]);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const importTimes = (times: readonly ImportTime[]) =>
  `${ms(median(times.map((t) => t.cpuMs)))} / ${ms(median(times.map((t) => t.wallMs)))}`;

let bundles: BundleFigures[] = [];
try {
  await clients.sqs.send(new PurgeQueueCommand({ QueueUrl: info.queues.jobEvents.url }));
  // Warm-up: modules, connections, DynamoDB Local's JIT, for pixpipe and the floor alike.
  const warm = await runConcurrently(20, 2, postPixpipe);
  await runConcurrently(20, 2, postFloor);
  await cancelAll(warm.map((w) => w.job));

  const at1 = await measurePosts(1, POSTS_AT_1);
  const at10 = await measurePosts(10, POSTS_AT_10);
  const webhooks = await measureWebhooks();
  const rssBefore = process.memoryUsage();
  const bursts = await measureBursts();
  const rssAfter = process.memoryUsage();
  const held = await mediaBucketBytes();
  const poller = await measurePoller();
  await pixpipeEvents.stop();
  await floorEvents.stop();
  await floor.stop();
  await runtime.stop();
  clients.destroy();
  bundles = await measureBundles(ROUNDS);

  lines.push(
    {
      measure: "webhook sent -> job.succeeded receivable (3 MiB), p50",
      unit: "ms",
      pixpipe: webhooks.pixpipe,
      floor: webhooks.floor,
      better: "lower",
      goal: { text: "<= 1.3 x floor", met: webhooks.pixpipe.median <= 1.3 * webhooks.floor.median },
    },
    {
      measure: "POST /v1/jobs, concurrency 1, p50",
      unit: "ms",
      pixpipe: at1.p50,
      floor: at1.floorP50,
      better: "lower",
    },
    {
      measure: "POST /v1/jobs, concurrency 1, p99",
      unit: "ms",
      pixpipe: at1.p99,
      floor: at1.floorP99,
      better: "lower",
      goal: { text: "<= 1.5 x floor", met: at1.p99.median <= 1.5 * at1.floorP99.median },
    },
    {
      measure: "POST /v1/jobs, concurrency 10, p50",
      unit: "ms",
      pixpipe: at10.p50,
      floor: at10.floorP50,
      better: "lower",
    },
    {
      measure: "POST /v1/jobs, concurrency 10, p99",
      unit: "ms",
      pixpipe: at10.p99,
      floor: at10.floorP99,
      better: "lower",
      goal: { text: "<= 1.5 x floor", met: at10.p99.median <= 1.5 * at10.floorP99.median },
    },
    {
      measure: `burst of ${BURST_JOBS} (limit ${CONCURRENCY_LIMIT}): throughput to all succeeded`,
      unit: "jobs/s",
      pixpipe: bursts.pixpipe,
      floor: bursts.floor,
      better: "higher",
      goal: { text: ">= 0.8 x floor", met: bursts.pixpipe.median >= 0.8 * bursts.floor.median },
    },
    {
      measure: "same burst: POST answer time, p50",
      unit: "ms",
      pixpipe: bursts.answerP50,
      floor: bursts.floorAnswerP50,
      better: "lower",
    },
    {
      measure: "same burst: POST answer time, p99",
      unit: "ms",
      pixpipe: bursts.answerP99,
      floor: bursts.floorAnswerP99,
      better: "lower",
      goal: { text: "<= 1000 ms", met: bursts.answerP99.max <= 1000 },
    },
    {
      measure: "same burst: jobs lost (POST failed, or no succeeded event)",
      unit: "jobs",
      pixpipe: bursts.lost,
      floor: bursts.floorLost,
      better: "lower",
      goal: { text: "none", met: bursts.lost.max === 0 },
    },
    {
      measure: "same burst: PixVerse submits per job (simulator's ledger)",
      unit: "submits",
      pixpipe: bursts.submitsPerJob,
      floor: once(1),
      better: "lower",
      goal: {
        text: `exactly 1 (${bursts.submittedTwice} jobs submitted twice, ${bursts.neverSubmitted} never)`,
        met: bursts.submitsPerJob.max === 1 && bursts.submittedTwice === 0 && bursts.neverSubmitted === 0,
      },
    },
    {
      measure: "same burst: peak generations in flight",
      unit: "gens",
      pixpipe: bursts.peaks,
      floor: bursts.floorPeaks,
      better: "higher",
      goal: { text: `<= limit ${CONCURRENCY_LIMIT}`, met: bursts.peaks.max <= CONCURRENCY_LIMIT },
    },
    {
      measure: `poller, PixVerse requests/s while backlogged (configured ${POLLER_RPS})`,
      unit: "req/s",
      pixpipe: poller.rates,
      floor: once(POLLER_RPS),
      better: "higher",
      goal: {
        text: `>= ${0.95 * POLLER_RPS}, never above (fastest 1 s: ${poller.peaks.max.toFixed(2)} req/s; ${POLLER_RATE_JITTER * 100}% allowed for arrival jitter)`,
        met:
          poller.rates.median >= 0.95 * POLLER_RPS &&
          poller.peaks.max <= POLLER_RPS * (1 + POLLER_RATE_JITTER),
      },
    },
  );
  for (const bundle of bundles) {
    lines.push({
      measure: `bundle ${bundle.name}: minified size`,
      unit: "KiB",
      pixpipe: once(bundle.bytes / 1024),
      better: "lower",
      goal: { text: "<= 400 KiB", met: bundle.bytes <= 400 * 1024 },
    });
  }
  for (const bundle of bundles) {
    lines.push({
      measure: `bundle ${bundle.name}: cold import, CPU (floor: its SDK packages only)`,
      unit: "ms",
      pixpipe: overRounds(bundle.bundleImport.map((t) => t.cpuMs)),
      floor: overRounds(bundle.floorImport.map((t) => t.cpuMs)),
      better: "lower",
    });
  }
  const rssGrowth = rssAfter.rss - rssBefore.rss;
  lines.push({
    measure: `RSS after ${ROUNDS * BURST_JOBS} burst jobs, less fauxqs-held S3 bytes`,
    unit: "MB",
    pixpipe: once((rssAfter.rss - held.bytes) / 1e6),
    better: "lower",
  });

  const loadAfter = loadavg();
  console.log(
    `bench:pipeline — ${ROUNDS} rounds, ${cpus().length} cores, load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}, ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
  );
  console.log(
    `runtime: local (in-process API, poller every 2 s, archiver on SQS, time scale 0.1), simulator with webhooks; PIXVERSE_MAX_CONCURRENCY ${CONCURRENCY_LIMIT}, PIXVERSE_REQUESTS_PER_SECOND ${POLLER_RPS}; tenant without limits or budgets; text_to_video jobs`,
  );
  console.log("floors (same DynamoDB Local, fauxqs, simulator; AWS SDK behind a bare node HTTP server):");
  console.log(`  POST:    ${FLOOR_WORK.post}`);
  console.log(`  webhook: ${FLOOR_WORK.webhook}`);
  console.log(
    `  burst:   ${BURST_JOBS} floor POSTs at once, then each webhook's work as above; generations take ${BURST_GENERATION_MS} ms`,
  );
  console.log(
    "  poller:  the configured rate; bundles: no floor (the goal is a size); cold import: the SDK packages the function uses, CPU time of a fresh process (wall time in details)",
  );
  console.log("figures: per-round medians/percentiles, then the median over rounds [range over rounds]");
  for (const line of formatLines(lines)) console.log(line);
  console.log("details:");
  for (const [concurrency, posts] of [
    [1, at1],
    [10, at10],
  ] as const) {
    console.log(
      `  POST at concurrency ${concurrency}: ${posts.dynamoPerPost.toFixed(2)} DynamoDB requests per POST from the API (${posts.byCommand.map(([n, c]) => `${n} ${c.toFixed(2)}`).join(", ")}; floor 1) taking ${ms(posts.dynamoMsPerPost)} summed per POST, ${posts.submitsPerPost.toFixed(2)} PixVerse submits per POST (floor 1) and ${posts.otherPixversePerPost.toFixed(2)} other PixVerse requests meanwhile (the poller's looks), ${posts.generating}/${posts.posted} answered generating`,
    );
  }
  console.log(
    `  burst: ${bursts.dynamoPerJob.median.toFixed(1)} DynamoDB requests per job from POST to succeeded event, API, poller and archiver together (the floor: 1), ${bursts.dynamoPerSecond.median.toFixed(0)} requests/s sustained by DynamoDB Local over the burst`,
  );
  if (bursts.failures.length > 0) console.log(`  burst failures, pixpipe: ${tally(bursts.failures)}`);
  if (bursts.floorFailures.length > 0) console.log(`  burst failures, floor: ${tally(bursts.floorFailures)}`);
  console.log(
    `  memory (one process: API, poller, archiver, simulator, fauxqs, floor; DynamoDB Local is its own java process): RSS ${mb(rssBefore.rss)} before the bursts, ${mb(rssAfter.rss)} after (+${mb(rssGrowth)}); heap used ${mb(rssAfter.heapUsed)}, array buffers ${mb(rssAfter.arrayBuffers)}; fauxqs holds ${held.objects} objects, ${mb(held.bytes)}`,
  );
  for (const bundle of bundles) {
    console.log(
      `  bundle ${bundle.name}: ${kib(bundle.bytes)} (zipped ~${kib(bundle.zippedBytes)}), largest ${bundle.largest.map((l) => `${l.name} ${kib(l.bytes)}`).join(", ")}; SDK imported at load: ${bundle.sdkImports.map((p) => p.replace("@aws-sdk/", "")).join(", ")}; cold import CPU / wall: bundle ${importTimes(bundle.bundleImport)}, its SDK imports at load alone ${importTimes(bundle.sdkAtLoadImport)}, the SDK packages it uses (floor) ${importTimes(bundle.floorImport)}`,
    );
  }
  const goals = lines.filter((line) => line.goal);
  const met = goals.filter((line) => line.goal?.met);
  console.log(
    `summary: ${met.length} of ${goals.length} goals met${
      met.length < goals.length
        ? `; not met: ${goals
            .filter((line) => !line.goal?.met)
            .map((line) => line.measure)
            .join("; ")}`
        : ""
    }`,
  );
} finally {
  await pixpipeEvents.stop().catch(() => {});
  await floorEvents.stop().catch(() => {});
  await floor.stop().catch(() => {});
  await runtime.stop();
  clients.destroy();
  await rm(stateDir, { recursive: true, force: true });
}
