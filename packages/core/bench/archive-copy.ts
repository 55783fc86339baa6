/**
 * Benchmark (not a test): copies one simulated PixVerse video of --size bytes (default 1 GiB) into
 * fauxqs S3 with copyUrlToS3 and prints size, throughput, elapsed time and peak RSS, beside a floor
 * measured after it in the same run: the same bytes from the same URL (a bare node:http GET) streamed
 * into the same S3 by lib-storage alone, at the same part size (no metering, hashing or checks). Issue 13's goal is a
 * copy at 0.9 of the floor's throughput or better, written once.
 *
 *   npx tsx packages/core/bench/archive-copy.ts [--size 1GiB]
 *
 * fauxqs keeps objects in memory and the simulator generates the video's bytes, so each runs as a
 * child process: this process does nothing but the copy, and its RSS is the copier's. The children's
 * peaks are printed too. Exit code 1 when the copy is wrong or peak RSS reaches the 200 MB target.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { get as httpGet, type IncomingMessage } from "node:http";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { ARCHIVE_PART_SIZE, ARCHIVE_QUEUE_SIZE, copyUrlToS3 } from "../src/archive";

const MiB = 1024 * 1024;
const RSS_TARGET_BYTES = 200 * 1000 * 1000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)?$/i.exec(text.trim());
  if (!match) throw new Error(`cannot read size ${JSON.stringify(text)} (e.g. 1GiB, 256MiB, 1000000)`);
  const units: Record<string, number> = {
    b: 1,
    kib: 1024,
    mib: MiB,
    gib: 1024 * MiB,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
  };
  return Math.round(Number(match[1]) * units[(match[2] ?? "b").toLowerCase()]!);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** Starts a child process and resolves with the first stdout match of `ready` (e.g. its URL). */
async function startChild(
  name: string,
  command: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, command, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  process.once("exit", () => child.kill("SIGKILL"));
  let output = "";
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve(found);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
  // Keep draining so a chatty child never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  return { child, match };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

/** Peak resident set of another process so far (Linux /proc); undefined elsewhere. */
function peakRssOf(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** Asks the simulator for one text-to-video generation and waits for its result URL. */
async function simulatedVideoUrl(baseUrl: string, apiKey: string): Promise<{ videoId: string; url: string }> {
  const headers = { "API-KEY": apiKey, "Ai-trace-id": randomUUID(), "Content-Type": "application/json" };
  const submitted = await fetch(`${baseUrl}/openapi/v2/video/text/generate`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      prompt: "benchmark",
      model: "v5",
      duration: 5,
      quality: "540p",
      aspect_ratio: "16:9",
    }),
  });
  const submitText = await submitted.text();
  // Read the id as digits: PixVerse ids may exceed 2^53.
  const videoId = /"video_id"\s*:\s*(\d+)/.exec(submitText)?.[1];
  if (!videoId) throw new Error(`simulator refused the generation: ${submitText}`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const result = await fetch(`${baseUrl}/openapi/v2/video/result/${videoId}`, { headers });
    const body = (await result.json()) as { Resp?: { status?: number; url?: string } };
    if (body.Resp?.status === 1 && body.Resp.url) return { videoId, url: body.Resp.url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`simulated video ${videoId} did not finish in 30 s`);
}

async function sha256OfObject(s3: S3Client, bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash("sha256");
  for await (const chunk of object.Body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest("hex");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: { size: { type: "string", default: "1GiB" } },
  });
  const size = parseSize(values.size);

  // fauxqs is the local package's dependency; its CLI is the package's `bin`.
  const fauxqsDir = path.join(repoRoot, "packages/local/node_modules/fauxqs");
  const fauxqsBin = (
    JSON.parse(readFileSync(path.join(fauxqsDir, "package.json"), "utf8")) as { bin: { fauxqs: string } }
  ).bin.fauxqs;
  const fauxqs = await startChild(
    "fauxqs",
    [path.join(fauxqsDir, fauxqsBin)],
    { FAUXQS_PORT: "0", FAUXQS_LISTEN_HOST: "127.0.0.1" },
    /Server listening at (http:\/\/127\.0\.0\.1:\d+)/,
  );
  const apiKey = `sk-bench-${randomUUID()}`;
  const simulator = await startChild(
    "simulator",
    [
      "--import",
      "tsx",
      "packages/simulator/src/cli.ts",
      "--port",
      "0",
      "--api-key",
      apiKey,
      "--generation-ms",
      "0",
      "--output-bytes",
      String(size),
    ],
    {},
    /PIXVERSE_BASE_URL=(\S+)/,
  );

  const s3 = new S3Client({
    endpoint: fauxqs.match[1],
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    forcePathStyle: true,
  });
  // Where the time goes: the wire time of each S3 call, summed per command.
  const s3Calls = new Map<string, { count: number; ms: number; maxMs: number }>();
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        const ms = performance.now() - started;
        const name = (context.commandName ?? "?").replace(/Command$/, "");
        const calls = s3Calls.get(name) ?? { count: 0, ms: 0, maxMs: 0 };
        s3Calls.set(name, { count: calls.count + 1, ms: calls.ms + ms, maxMs: Math.max(calls.maxMs, ms) });
      }
    },
    { step: "initialize", name: "timeS3Calls" },
  );

  try {
    const bucket = `bench-${randomUUID()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const video = await simulatedVideoUrl(simulator.match[1]!, apiKey);
    const key = `videos/bench/${video.videoId}.mp4`;

    const loadBefore = loadavg()[0]!;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let peakArrayBuffers = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakArrayBuffers = Math.max(peakArrayBuffers, usage.arrayBuffers);
    }, 50);
    s3Calls.clear();
    const started = performance.now();
    const archived = await copyUrlToS3({
      s3,
      url: video.url,
      bucket,
      key,
      contentType: "video/mp4",
      maxBytes: size,
    });
    const elapsedMs = performance.now() - started;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const callTimes = [...s3Calls].map(
      ([name, c]) =>
        `${name} ${c.count}x ${(c.ms / c.count / 1000).toFixed(2)} s avg, ${(c.maxMs / 1000).toFixed(2)} s max`,
    );
    const fauxqsPeak = peakRssOf(fauxqs.child.pid);
    const simulatorPeak = peakRssOf(simulator.child.pid);

    // Verification happens after measuring: hashing again must not count against the copier.
    // Imported only now so the simulator's code does not weigh on the copier's RSS.
    const { expectedContentSha256 } = await import("@pixpipe/simulator");
    const expected = await expectedContentSha256({ videoId: video.videoId, outputBytes: size });
    const stored = await sha256OfObject(s3, bucket, key);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const correct =
      archived.size === size &&
      archived.sha256 === expected &&
      stored === expected &&
      head.ContentLength === size &&
      head.ETag === archived.etag;
    const withinTarget = peakRss < RSS_TARGET_BYTES && maxRss < RSS_TARGET_BYTES;

    // The floor, once the copy is measured and checked (so the copier's RSS is its own), with the
    // copy's object deleted first so the S3 emulator holds as much as during the copy.
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const floorStarted = performance.now();
    const source = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet(video.url, resolve).once("error", reject),
    );
    if (source.statusCode !== 200) throw new Error(`floor GET answered ${source.statusCode}`);
    await new Upload({
      client: s3,
      params: { Bucket: bucket, Key: key, Body: source, ContentType: "video/mp4" },
      partSize: ARCHIVE_PART_SIZE,
      queueSize: ARCHIVE_QUEUE_SIZE,
    }).done();
    const floorMs = performance.now() - floorStarted;

    const rows: [string, string][] = [
      ["size", `${archived.size} bytes (${mib(archived.size)})`],
      ["part size / queue", `${mib(ARCHIVE_PART_SIZE)} x ${ARCHIVE_QUEUE_SIZE}`],
      ["elapsed", `${(elapsedMs / 1000).toFixed(2)} s`],
      ["throughput", `${(archived.size / MiB / (elapsedMs / 1000)).toFixed(1)} MiB/s`],
      [
        "floor: the same bytes, lib-storage alone",
        `${(size / MiB / (floorMs / 1000)).toFixed(1)} MiB/s (${(floorMs / 1000).toFixed(2)} s)`,
      ],
      [
        "copy / floor throughput (goal >= 0.9)",
        `${(floorMs / elapsedMs).toFixed(2)} ${floorMs / elapsedMs >= 0.9 ? "met" : "NOT MET"}`,
      ],
      // Three processes share the CPUs: throughput means little on a busy machine.
      [
        "load average (1 min) before/after",
        `${loadBefore.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
      ],
      ...callTimes.map((line, i): [string, string] => [i === 0 ? "S3 wire time per call" : "", line]),
      ["copier RSS before copy", mb(rssBefore)],
      ["copier peak RSS (50 ms samples)", mb(peakRss)],
      ["copier maxRSS (getrusage, whole process)", mb(maxRss)],
      ["copier peak arrayBuffers", mb(peakArrayBuffers)],
      ["fauxqs child peak RSS", fauxqsPeak === undefined ? "n/a" : mb(fauxqsPeak)],
      ["simulator child peak RSS", simulatorPeak === undefined ? "n/a" : mb(simulatorPeak)],
      ["sha256 (copier)", archived.sha256],
      ["sha256 (expected, regenerated)", expected],
      ["sha256 (read back from S3)", stored],
      ["object written once (its ETag is the upload's)", head.ETag === archived.etag ? "yes" : "NO"],
      ["bytes and sha256", correct ? "OK" : "MISMATCH"],
      ["peak RSS < 200 MB", withinTarget ? "OK" : "MISSED"],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(`archive-copy benchmark: ${mib(size)} from the PixVerse simulator into fauxqs S3`);
    for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
    return correct && withinTarget ? 0 : 1;
  } finally {
    s3.destroy();
    await Promise.all([stopChild(fauxqs.child), stopChild(simulator.child)]);
  }
}

process.exitCode = await main();
