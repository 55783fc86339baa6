import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { JobStatus, PublicJob } from "@pixpipe/core/job";
import type { RunningSimulator, SimulatorOptions } from "@pixpipe/simulator";
import { expect } from "vitest";
import type { LocalRuntime, LocalRuntimeOptions } from "../runtime";
import { startLocalRuntime } from "../runtime";
import { REAL_HANDLERS } from "./handlers";
import { EventCollector, emulatorClients, listKeys, objectSha256, sleep } from "./observe";

export { TEXT_TO_VIDEO } from "./jobs";
export {
  EventCollector,
  emulatorClients,
  getObjectBytes,
  listKeys,
  objectExists,
  objectSha256,
  type ReceivedEvent,
  sha256Hex,
  sleep,
} from "./observe";

/**
 * End-to-end test support: the whole pipeline through the local runtime (DynamoDB Local, fauxqs, the
 * simulator, the real Lambda handlers), driven and observed only from outside — HTTP to the API, SQS
 * receives from JobEvents, S3 reads from the media bucket, the simulator's control API.
 */

/** Seconds of PixVerse's and AWS's cadence become a few hundred milliseconds. */
export const FAST_ENV = {
  PIXPIPE_TIME_SCALE: "0.02",
  PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: "true",
  PIXPIPE_EVENT_SOURCE: "urn:pixpipe:e2e",
  // Powertools: only what goes wrong reaches the test output; metrics only when asked for.
  POWERTOOLS_LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "ERROR",
  PIXPIPE_METRICS_FORMAT: process.env.E2E_METRICS_FORMAT ?? "none",
};

export const FAST_SIMULATOR: Omit<SimulatorOptions, "webhookUrl"> = {
  generationMs: 300,
  timeFactor: 0.01,
  largeIds: true,
};

const quiet = { info() {}, warn() {}, error: console.error };

/** The API's one error shape (ARCHITECTURE §2). */
export interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string; location?: string }[] };
}

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A tiny client of the public API over real HTTP. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string | null,
  ) {}

  withKey(apiKey: string | null): ApiClient {
    return new ApiClient(this.baseUrl, apiKey);
  }

  async request<T = unknown>(
    method: string,
    urlPath: string,
    options: { json?: unknown; headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.apiKey !== null) headers.authorization = `Bearer ${this.apiKey}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.baseUrl}${urlPath}`, { method, headers, body, redirect: "manual" });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get("content-type")?.includes("json")) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** POST /v1/uploads, then PUT the bytes to the presigned URL; the key works as `{ upload: key }`. */
  async upload(contentType: string, filename: string, bytes: Buffer): Promise<string> {
    const grant = await this.request<{ key: string; uploadUrl: string }>("POST", "/v1/uploads", {
      json: { contentType, filename, size: bytes.length },
    });
    expect(grant.status).toBe(201);
    const put = await fetch(grant.body.uploadUrl, {
      method: "PUT",
      headers: { "content-type": contentType },
      body: bytes,
    });
    expect(put.status).toBe(200);
    return grant.body.key;
  }

  /** POST /v1/jobs; `T` is what the caller expects back (the job, or ErrorBody for a refusal). */
  createJob<T = PublicJob>(body: unknown, headers: Record<string, string> = {}) {
    return this.request<T>("POST", "/v1/jobs", { json: body, headers });
  }

  getJob(id: string) {
    return this.request<PublicJob>("GET", `/v1/jobs/${encodeURIComponent(id)}`);
  }

  listJobs(query = "") {
    return this.request<{ jobs: PublicJob[]; nextCursor: string | null }>("GET", `/v1/jobs${query}`);
  }

  /** Every job of the key's tenant (all pages). */
  async allJobs(): Promise<PublicJob[]> {
    const jobs: PublicJob[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.listJobs(`?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      jobs.push(...page.body.jobs);
      cursor = page.body.nextCursor;
    } while (cursor);
    return jobs;
  }

  /** Creates a job and expects it accepted (202). */
  async accepted(body: unknown, headers: Record<string, string> = {}): Promise<PublicJob> {
    const answer = await this.createJob(body, headers);
    if (answer.status !== 202) throw new Error(`POST /v1/jobs answered ${answer.status}: ${answer.text}`);
    return answer.body;
  }

  /** Polls GET /v1/jobs/{id} until the job is in one of `statuses`. */
  async waitForStatus(id: string, statuses: JobStatus | JobStatus[], timeoutMs = 20_000): Promise<PublicJob> {
    const wanted = Array.isArray(statuses) ? statuses : [statuses];
    let last: PublicJob | undefined;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const answer = await this.getJob(id);
      if (answer.status !== 200)
        throw new Error(`GET /v1/jobs/${id} answered ${answer.status}: ${answer.text}`);
      last = answer.body;
      if (wanted.includes(last.status)) return last;
      await sleep(25);
    }
    throw new Error(
      `job ${id} did not reach ${wanted.join("/")} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
    );
  }

  /** The statuses GET /v1/jobs/{id} reports, in order without repeats, until the job is terminal. */
  async watchStatuses(
    id: string,
    first: JobStatus,
    timeoutMs = 30_000,
  ): Promise<{ seen: JobStatus[]; job: PublicJob }> {
    const seen: JobStatus[] = [first];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const answer = await this.getJob(id);
      const job = answer.body;
      if (seen.at(-1) !== job.status) seen.push(job.status);
      if (["succeeded", "failed", "cancelled"].includes(job.status)) return { seen, job };
      await sleep(10);
    }
    throw new Error(`job ${id} did not end within ${timeoutMs} ms; seen ${seen.join(" -> ")}`);
  }
}

export interface E2eRuntime {
  runtime: LocalRuntime;
  sim: RunningSimulator;
  api: ApiClient;
  events: EventCollector;
  s3: S3Client;
  sqs: SQSClient;
  bucket: string;
  /** The simulator's generations for a job's trace id. */
  generationsOf(
    job: Pick<PublicJob, "pixverse">,
  ): ReturnType<RunningSimulator["control"]["ledger"]>["generations"];
  /**
   * The job ended succeeded exactly once: one generation for its trace id, one S3 object with the
   * simulator's bytes, one succeeded event.
   */
  expectSucceededOnce(jobId: string, options?: { timeoutMs?: number }): Promise<PublicJob>;
  /** Cancels every job of the dev tenant that has not ended, so that none holds a generation slot. */
  cancelUnfinished(): Promise<void>;
  /** The job ended failed with this error code: nothing in S3, one failed event carrying the error. */
  expectFailedOnce(jobId: string, code: string, options?: { timeoutMs?: number }): Promise<PublicJob>;
  stop(): Promise<void>;
}

/**
 * Starts one local runtime with the real handlers for a test file (handlers build their pipeline at
 * module scope from env, so a file keeps one runtime and varies behaviour with simulator faults).
 */
export async function startE2eRuntime(
  options: Partial<
    Pick<
      LocalRuntimeOptions,
      | "env"
      | "simulator"
      | "pollIntervalMs"
      | "functions"
      | "stateDir"
      | "apiKey"
      | "dynamoDbPath"
      | "dashboardDir"
    >
  > = {},
): Promise<E2eRuntime> {
  const runtime = await startLocalRuntime({
    handlers: REAL_HANDLERS,
    port: 0,
    stateDir: options.stateDir ?? (await mkdtemp(path.join(tmpdir(), "pixpipe-e2e-"))),
    pollIntervalMs: options.pollIntervalMs ?? 200,
    simulator: { ...FAST_SIMULATOR, ...options.simulator },
    env: { ...FAST_ENV, ...options.env },
    ...(options.functions ? { functions: options.functions } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.dynamoDbPath ? { dynamoDbPath: options.dynamoDbPath } : {}),
    ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
    log: quiet,
  });
  const sim = runtime.simulator;
  if (!sim) throw new Error("the local runtime should run the simulator");
  const { s3, sqs } = emulatorClients(runtime.info.endpoints, runtime.info.region);
  const events = new EventCollector(sqs, runtime.info.queues.jobEvents.url);
  events.start();
  const api = new ApiClient(runtime.info.apiUrl, runtime.info.apiKey);
  const bucket = runtime.info.mediaBucket;
  const generationsOf = (job: Pick<PublicJob, "pixverse">) =>
    sim.control.ledger().generations.filter((g) => g.traceId === job.pixverse.traceId);
  return {
    runtime,
    sim,
    api,
    events,
    s3,
    sqs,
    bucket,
    generationsOf,
    async expectSucceededOnce(jobId, { timeoutMs } = {}) {
      const job = await api.waitForStatus(jobId, ["succeeded", "failed", "cancelled"], timeoutMs);
      expect(job).toMatchObject({ status: "succeeded" });
      const videoId = job.pixverse.videoId ?? "";
      expect(generationsOf(job)).toMatchObject([{ id: videoId, status: 1 }]);
      const key = job.output?.key ?? "";
      expect(key).toMatch(new RegExp(`^videos/${job.tenantId}/${job.id}\\.(mp4|png)$`));
      expect(await listKeys(s3, bucket, `videos/${job.tenantId}/${job.id}`)).toEqual([key]);
      const expected = await sim.control.contentSha256(videoId);
      expect(job.output?.sha256).toBe(expected);
      expect((await objectSha256(s3, bucket, key)).sha256).toBe(expected);
      const received = await events.settled(job.id);
      // Soft: a duplicate event fails the test but lets the other checks of the caller run.
      expect
        .soft(
          received.map((r) => r.event.id),
          "one succeeded event",
        )
        .toEqual([`${job.id}:succeeded`]);
      // As it stays from now on (sending the event is the last write).
      return (await api.getJob(job.id)).body;
    },
    async cancelUnfinished() {
      for (const job of await api.allJobs()) {
        if (["queued", "generating", "archiving"].includes(job.status)) {
          await api.request("POST", `/v1/jobs/${job.id}/cancel`);
        }
      }
    },
    async expectFailedOnce(jobId, code, { timeoutMs } = {}) {
      const job = await api.waitForStatus(jobId, ["succeeded", "failed", "cancelled"], timeoutMs);
      expect(job).toMatchObject({ status: "failed", error: { code } });
      expect(job.output).toBeUndefined();
      expect(await listKeys(s3, bucket, `videos/${job.tenantId}/${job.id}`)).toEqual([]);
      const received = await events.settled(job.id);
      expect
        .soft(
          received.map((r) => r.event.id),
          "one failed event",
        )
        .toEqual([`${job.id}:failed`]);
      expect(received[0]).toMatchObject({
        event: {
          type: "pixpipe.job.failed",
          subject: job.id,
          data: { id: job.id, status: "failed", error: job.error },
        },
        attributes: { type: "pixpipe.job.failed", tenantId: job.tenantId },
      });
      return (await api.getJob(job.id)).body;
    },
    async stop() {
      await events.stop();
      s3.destroy();
      sqs.destroy();
      await runtime.stop();
    },
  };
}
