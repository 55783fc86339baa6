/**
 * Benchmark (not a test): how live pixpipe is, through the whole local runtime (HTTP, the real
 * handlers, DynamoDB Local, fauxqs, the simulator) at AWS's cadences (PIXPIPE_TIME_SCALE=1, the poller
 * every 2 s as `run local` runs it), each figure beside a floor measured in the same run:
 *
 * 1. Long-poll wake-up (issue 9): a client waits in GET /v1/jobs/{id}?wait=25 while the job generates;
 *    at a random moment its generation finishes and the webhook moves the job to archiving. The time
 *    to the long poll's answer, beside the floor: the same change seen by a tight loop of GetItem on
 *    the job's item, on the same DynamoDB Local. Then the DynamoDB requests one full 25 s wait costs,
 *    counted from the SDK calls the API handler made while serving it.
 * 2. Time to fail (issue 9): jobs whose media can never work, from the POST to the job's `failed` commit
 *    and to its event on JobEvents, per case, beside the floor: the bare failing fetch (or S3 read).
 * 3. Fair start (issue 10): a job of tenant B posted while tenant A's flood holds every PixVerse slot
 *    (PIXVERSE_MAX_CONCURRENCY=2), from its POST to its submit at PixVerse, beside the same job posted
 *    on an idle pipeline, and beside when A's backlog was drained.
 *
 *   npx -y pnpm@10 run bench:live [--jobs 24] [--media-jobs 5] [--flood 12] [--rounds 3]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import type { PublicJob } from "@pixpipe/core/job";
import { MEDIA_LIMIT_BYTES } from "@pixpipe/core/limits";
import { mediaMismatch } from "@pixpipe/core/media";
import { backoffDelayMs, DEFAULT_TIMINGS } from "@pixpipe/core/pipeline";
import { itemKeys } from "@pixpipe/core/table";
import { TEXT_TO_VIDEO } from "../src/test-support/jobs";
import { EventCollector, emulatorClients, sleep } from "../src/test-support/observe";
import { DynamoRequestCounter, READ_OPERATIONS } from "./dynamo-requests";
import { type BenchApi, machine, percentile, printPercentiles, Samples, startBenchRuntime } from "./support";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    jobs: { type: "string", default: "24" },
    "media-jobs": { type: "string", default: "5" },
    flood: { type: "string", default: "12" },
    rounds: { type: "string", default: "3" },
  },
});
const count = (name: keyof typeof values, least: number) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < least)
    throw new Error(`--${name} is a whole number of ${least} or more`);
  return value;
};
const LONG_POLL_JOBS = count("jobs", 2);
const MEDIA_JOBS = count("media-jobs", 1);
const FLOOD = count("flood", 3);
const ROUNDS = count("rounds", 1);

const WAIT_SECONDS = 25;
const GLOBAL_LIMIT = 2;
const POLL_INTERVAL_MS = 2_000;
/** Generations the benchmark finishes itself stay generating this long (longer than any section). */
const HELD_MS = 30 * 60_000;
/** A generation of the fairness section, as PixVerse takes a few seconds (the simulator's default). */
const GENERATION_MS = 3_000;

const counter = new DynamoRequestCounter();
const bench = await startBenchRuntime({
  pollIntervalMs: POLL_INTERVAL_MS,
  env: {
    PIXPIPE_TIME_SCALE: "1",
    PIXVERSE_MAX_CONCURRENCY: String(GLOBAL_LIMIT),
    // The media server below is on 127.0.0.1 (never allowed in AWS).
    PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: "true",
  },
});
const { runtime, api } = bench;
if (!runtime.simulator) throw new Error("the local runtime should run the simulator");
const sim = runtime.simulator;
const { s3, sqs } = emulatorClients(runtime.info.endpoints, runtime.info.region);
const dynamo = new DynamoDBClient({
  region: runtime.info.region,
  endpoint: runtime.info.endpoints.dynamodb,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const events = new EventCollector(sqs, runtime.info.queues.jobEvents.url);
events.start();

const isEnded = (job: PublicJob) => ["succeeded", "failed", "cancelled"].includes(job.status);

/** Polls GET /v1/jobs/{id} (without a wait) until `done` holds. */
async function until(client: BenchApi, id: string, done: (job: PublicJob) => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await client.call<PublicJob>("GET", `/v1/jobs/${id}`);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${JSON.stringify(job)}`);
    await sleep(50);
  }
}

/** The job item's version, read straight from DynamoDB Local (consistent, as the API reads it). */
async function itemVersion(jobId: string): Promise<string | undefined> {
  const key = itemKeys.job(jobId);
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: runtime.info.tableName,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
      ProjectionExpression: "version",
    }),
  );
  return Item?.version?.N;
}

/** The floor of a long poll: GetItem back to back until the item changes; when it was seen, and the reads. */
async function tightLoopUntilChanged(jobId: string, from: string | undefined) {
  let reads = 0;
  const started = performance.now();
  for (;;) {
    reads++;
    if ((await itemVersion(jobId)) !== from) return { seenAt: performance.now(), reads, started };
  }
}

function ratio(figure: number, floor: number): string {
  return `${(figure / floor).toFixed(1)}x`;
}

// ---------------------------------------------------------------------------------------------------
async function longPollWake(): Promise<number> {
  const samples = new Samples();
  let wokeEarly = 0;
  let loopReads = 0;
  let loopMs = 0;
  sim.control.setGenerationMs(HELD_MS);
  for (let i = 0; i < LONG_POLL_JOBS; i++) {
    const created = await api.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO);
    const job = await until(api, created.id, (j) => j.status === "generating");
    await samples.timed("floor: GET /v1/jobs/{id}, no wait", () => api.call("GET", `/v1/jobs/${job.id}`));
    const before = await itemVersion(job.id);
    const longPoll = api
      .request<PublicJob>("GET", `/v1/jobs/${job.id}?wait=${WAIT_SECONDS}`)
      .then((answer) => ({ answer, at: performance.now(), epochMs: Date.now() }));
    // The change lands anywhere in the wait's read schedule, not at one phase of it.
    await sleep(500 + Math.random() * 4_500);
    const floor = tightLoopUntilChanged(job.id, before);
    const changedAt = performance.now();
    sim.control.finish(job.pixverse.videoId ?? "", 1);
    const [seen, woke] = await Promise.all([floor, longPoll]);
    loopReads += seen.reads;
    loopMs += seen.seenAt - seen.started;
    if (woke.answer.status !== 200 || woke.answer.body.status === "generating") {
      wokeEarly++;
      console.error(
        `long poll of ${job.id} answered ${woke.answer.status}: ${JSON.stringify(woke.answer.body)}`,
      );
      continue;
    }
    samples.record("floor: tight GetItem loop sees the change", seen.seenAt - changedAt);
    samples.record("long poll answers", woke.at - changedAt);
    samples.record("long poll after the floor saw it", woke.at - seen.seenAt);
    samples.record(
      "long poll after the commit (updatedAt)",
      woke.epochMs - Date.parse(woke.answer.body.updatedAt),
    );
    await until(api, job.id, isEnded);
  }
  printPercentiles(
    `1a. long-poll wake-up: GET /v1/jobs/{id}?wait=${WAIT_SECONDS} while the job generates, the generation finished at a random moment (0.5-5 s into the wait), the webhook moves the job to archiving; times from the finish, ${LONG_POLL_JOBS} jobs`,
    samples,
  );
  const p50 = (name: string) => percentile(samples.get(name), 50);
  console.log(
    `ratio long poll / floor (p50): ${ratio(p50("long poll answers"), p50("floor: tight GetItem loop sees the change"))}; answers that were not the change: ${wokeEarly}`,
  );
  return loopReads / (loopMs / 1000);
}

// ---------------------------------------------------------------------------------------------------
async function readsPerWait(loopReadsPerSecond: number): Promise<void> {
  // A job that nothing moves for the whole wait: its tenant's one in-flight slot is held.
  const tenant = await api.call<{ id: string }>("POST", "/v1/admin/tenants", {
    name: "bench: one at a time",
    limits: { maxInFlight: 1 },
  });
  const key = await api.call<{ secret: string }>("POST", `/v1/admin/tenants/${tenant.id}/keys`, {
    label: "bench",
  });
  const client = api.withKey(key.secret);
  sim.control.setGenerationMs(HELD_MS);
  const holder = await client.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO);
  const generating = await until(client, holder.id, (j) => j.status === "generating");
  const waiting = await client.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO);
  const stage = (await until(client, waiting.id, (j) => j.progress?.stage === "waiting_for_tenant_limit"))
    .progress?.stage;

  const WAITS = 5;
  const answers = await Promise.all(
    Array.from({ length: WAITS }, async () => {
      const started = performance.now();
      const answer = await client.request<PublicJob>("GET", `/v1/jobs/${waiting.id}?wait=${WAIT_SECONDS}`);
      return { answer, ms: performance.now() - started };
    }),
  );
  const served = counter.requests("GET", new RegExp(`^/v1/jobs/${waiting.id}\\?wait=`));
  const perWait = served.map((request) => {
    const reads = [...request.operations].filter(([operation]) => READ_OPERATIONS.has(operation));
    return {
      reads: reads.reduce((sum, [, n]) => sum + n, 0),
      byOperation: Object.fromEntries(request.operations),
    };
  });
  const samples = new Samples();
  for (const wait of perWait) samples.record("DynamoDB reads per wait", wait.reads);
  for (const { ms } of answers) samples.record("wait answered after (ms)", ms);
  printPercentiles(
    `1b. cost of one full wait: ${WAITS} concurrent GET /v1/jobs/{id}?wait=${WAIT_SECONDS} on a job that nothing moves (${stage}), DynamoDB requests the API handler sent while serving each`,
    samples,
    "",
  );
  console.log(
    `per wait by operation: ${JSON.stringify(perWait[0]?.byOperation)}; answers: ${answers.map((a) => `${a.answer.status} ${a.answer.body.status}`).join(", ")}`,
  );
  console.log(
    `floor: the tight GetItem loop of 1a made ${loopReadsPerSecond.toFixed(0)} reads/s, ${(loopReadsPerSecond * WAIT_SECONDS).toFixed(0)} reads in ${WAIT_SECONDS} s`,
  );
  sim.control.finish(generating.pixverse.videoId ?? "", 1);
  await client.call("POST", `/v1/jobs/${waiting.id}/cancel`);
  await until(client, holder.id, isEnded);
}

// ---------------------------------------------------------------------------------------------------
/** Media that can never work, served from 127.0.0.1 (and one host that does not resolve). */
async function startMediaServer() {
  const oversized = Buffer.alloc(MEDIA_LIMIT_BYTES.image + 1);
  const server = createServer((req, res) => {
    switch (req.url) {
      case "/empty.png":
        res.writeHead(200, { "content-type": "image/png", "content-length": 0 }).end();
        return;
      case "/text.png":
        res.writeHead(200, { "content-type": "image/png" }).end("this is a text file, not a PNG\n");
        return;
      case "/huge.png":
        res
          .writeHead(200, { "content-type": "image/png", "content-length": oversized.length })
          .end(oversized);
        return;
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The floor of a URL case: fetching it as pixpipe does (status, size, first bytes), until it is known bad. */
async function bareFailingFetch(url: string): Promise<string> {
  try {
    const response = await fetch(url, { redirect: "manual" });
    if (response.status !== 200) {
      await response.body?.cancel();
      return `HTTP ${response.status}`;
    }
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    if (length > MEDIA_LIMIT_BYTES.image) {
      await response.body?.cancel();
      return `${length} bytes`;
    }
    return mediaMismatch(new Uint8Array(await response.arrayBuffer()), "image") ?? "no problem found";
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

const imageToVideo = (image: unknown) => ({
  type: "image_to_video",
  input: { prompt: "the fox runs", model: "v5", duration: 5, quality: "540p", image },
});

interface MediaCase {
  name: string;
  /** The job's image reference. */
  image: unknown;
  /** The bare check that finds the same problem. */
  floor: () => Promise<unknown>;
}

async function timeToFail(): Promise<void> {
  const media = await startMediaServer();
  const upload = async (bytes: Buffer | undefined) => {
    const grant = await api.call<{ key: string; uploadUrl: string }>("POST", "/v1/uploads", {
      contentType: "image/png",
      filename: "still.png",
      size: bytes?.length ?? 1024,
    });
    if (bytes) {
      const put = await fetch(grant.uploadUrl, {
        method: "PUT",
        headers: { "content-type": "image/png" },
        body: bytes,
      });
      if (!put.ok) throw new Error(`PUT of the upload answered ${put.status}`);
    }
    return grant.key;
  };
  const bucket = runtime.info.mediaBucket;
  // The floors of the upload cases: the object's first bytes sniffed, and a HEAD of one never put.
  const sniffUpload = (key: string) => async () => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: "bytes=0-63" }));
    return mediaMismatch(await object.Body!.transformToByteArray(), "image");
  };
  const statUpload = (key: string) => () =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((error: Error) => error.name);
  const textUpload = await upload(Buffer.from("this is a text file, not a PNG\n"));
  const neverPut = await upload(undefined);
  const urlCase = (name: string, url: string): MediaCase => ({
    name,
    image: { url },
    floor: () => bareFailingFetch(url),
  });
  const jobCases: MediaCase[] = [
    urlCase("URL answers 404", `${media.base}/missing.png`),
    urlCase("URL's host does not resolve", "http://no-such-host.invalid/still.png"),
    urlCase("URL is a zero-byte file", `${media.base}/empty.png`),
    urlCase("URL is not an image (text)", `${media.base}/text.png`),
    urlCase("URL is over the size limit", `${media.base}/huge.png`),
  ];
  const doorCases: MediaCase[] = [
    {
      name: "upload is not an image (text)",
      image: { upload: textUpload },
      floor: sniffUpload(textUpload),
    },
    { name: "upload never PUT", image: { upload: neverPut }, floor: statUpload(neverPut) },
  ];

  const samples = new Samples();
  const outcomes = new Map<string, string>();
  const floors = new Samples();
  for (const spec of [...jobCases, ...doorCases]) {
    for (let i = 0; i < MEDIA_JOBS; i++) await floors.timed(spec.name, spec.floor);
  }
  // Every case's jobs at once: the cases that retry take their backoff, not the benchmark's patience.
  const pending: Promise<void>[] = [];
  for (let i = 0; i < MEDIA_JOBS; i++) {
    for (const spec of jobCases) {
      const postedAt = Date.now();
      const created = await api.request<PublicJob>("POST", "/v1/jobs", {
        json: imageToVideo(spec.image),
      });
      if (created.status !== 202) throw new Error(`${spec.name}: POST answered ${created.status}`);
      pending.push(
        (async () => {
          while (events.of(created.body.id).length === 0) await sleep(10);
          const eventAt = Date.now();
          const job = await api.call<PublicJob>("GET", `/v1/jobs/${created.body.id}`);
          outcomes.set(spec.name, `${job.status} ${job.error?.code}: ${job.error?.message}`);
          samples.record(`${spec.name}: to failed`, Date.parse(job.updatedAt) - postedAt);
          samples.record(`${spec.name}: to its event`, eventAt - postedAt);
        })(),
      );
    }
    for (const spec of doorCases) {
      const started = performance.now();
      const refused = await api.request<{ error: { code: string; details?: { message: string }[] } }>(
        "POST",
        "/v1/jobs",
        { json: imageToVideo(spec.image) },
      );
      samples.record(`${spec.name}: to the ${refused.status}`, performance.now() - started);
      outcomes.set(
        spec.name,
        `${refused.status} ${refused.body.error.code}: ${refused.body.error.details?.[0]?.message}`,
      );
    }
  }
  await Promise.all(pending);
  await media.stop();

  const attempts = DEFAULT_TIMINGS.mediaMaxAttempts;
  const worstBackoffMs = Array.from({ length: attempts - 1 }, (_, attempt) =>
    backoffDelayMs(DEFAULT_TIMINGS.mediaRetry, attempt, () => 1),
  ).reduce((sum, ms) => sum + ms, POLL_INTERVAL_MS * (attempts - 1));
  console.log(
    `\n2. time to fail: image_to_video jobs whose image can never work, POST to the job's failed commit (its updatedAt) and to its event received from JobEvents; ${MEDIA_JOBS} jobs per case, all at once. A host that does not resolve and a 404 look gone for good but get ${attempts} attempts (backoff ${DEFAULT_TIMINGS.mediaRetry.initialMs / 1000} s x${DEFAULT_TIMINGS.mediaRetry.factor} ±20%, retried by the poller every ${POLL_INTERVAL_MS / 1000} s: at most ${(worstBackoffMs / 1000).toFixed(0)} s); the rest fail at the first; uploads are refused at the door.`,
  );
  const width = 52;
  console.log(`${"case".padEnd(width)} ${"p50 ms".padStart(9)} ${"floor p50".padStart(10)}  outcome`);
  for (const spec of [...jobCases, ...doorCases]) {
    const floor = percentile(floors.get(spec.name), 50);
    for (const [name, values] of samples.byName) {
      if (!name.startsWith(`${spec.name}:`)) continue;
      console.log(
        `${name.padEnd(width)} ${percentile(values, 50).toFixed(0).padStart(9)} ${floor.toFixed(1).padStart(10)}  ${outcomes.get(spec.name)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------
async function fairStart(): Promise<void> {
  const tenant = await api.call<{ id: string }>("POST", "/v1/admin/tenants", { name: "bench: tenant B" });
  const key = await api.call<{ secret: string }>("POST", `/v1/admin/tenants/${tenant.id}/keys`, {
    label: "bench",
  });
  const b = api.withKey(key.secret);
  sim.control.setGenerationMs(GENERATION_MS);
  const generationOf = (job: PublicJob) =>
    sim.control.ledger().generations.find((g) => g.traceId === job.pixverse.traceId);
  const submittedAt = async (job: PublicJob) => {
    for (;;) {
      const generation = generationOf(job);
      if (generation) return Date.parse(generation.createdAt);
      await sleep(10);
    }
  };
  const samples = new Samples();
  let aheadOfB = 0;
  for (let round = 0; round < ROUNDS * 2; round++) {
    const postedAt = Date.now();
    const job = await b.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO);
    samples.record("floor: B's job on an idle pipeline", (await submittedAt(job)) - postedAt);
    await until(b, job.id, isEnded);
  }
  for (let round = 0; round < ROUNDS; round++) {
    const flood: PublicJob[] = [];
    for (let i = 0; i < FLOOD; i++) flood.push(await api.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO));
    const postedAt = Date.now();
    const job = await b.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO);
    const bSubmitted = await submittedAt(job);
    const aSubmitted = await Promise.all(flood.map(submittedAt));
    const slotFreed = Math.min(
      ...flood.map((a) => Date.parse(generationOf(a)?.finishedAt ?? "")).filter((at) => at > postedAt),
    );
    aheadOfB += aSubmitted.filter((at) => at > postedAt && at < bSubmitted).length;
    samples.record(`B's job behind A's flood of ${FLOOD}`, bSubmitted - postedAt);
    samples.record("  of which after the first slot freed", bSubmitted - slotFreed);
    samples.record("A's backlog submitted (FIFO's wait for B)", Math.max(...aSubmitted) - postedAt);
    for (const a of flood) await until(api, a.id, isEnded);
    await until(b, job.id, isEnded);
  }
  printPercentiles(
    `3. fair start: time from tenant B's POST to its submit at PixVerse (simulator's ledger), PIXVERSE_MAX_CONCURRENCY=${GLOBAL_LIMIT}, generations of ${GENERATION_MS / 1000} s, poller every ${POLL_INTERVAL_MS / 1000} s; ${ROUNDS} floods`,
    samples,
  );
  console.log(
    `A's jobs submitted after B's POST and before B's job: ${aheadOfB} in ${ROUNDS} floods (slots that free in one round go first to the tenant with the fewest in flight, ties to the one waiting longest)`,
  );
}

try {
  console.log(`bench:live through the local runtime (${machine()})`);
  // Warm-up: the handlers' modules, the SDK's connections, DynamoDB Local's JIT.
  for (let i = 0; i < 3; i++)
    await until(api, (await api.call<PublicJob>("POST", "/v1/jobs", TEXT_TO_VIDEO)).id, isEnded);
  const loopReadsPerSecond = await longPollWake();
  await readsPerWait(loopReadsPerSecond);
  await timeToFail();
  await fairStart();
  console.log(`\ndone (${machine()})`);
} finally {
  counter.stop();
  await events.stop();
  dynamo.destroy();
  s3.destroy();
  sqs.destroy();
  await bench.stop();
}
