import type { JobStatus } from "@pixpipe/core/job";
import {
  createInMemoryPipeline,
  type InMemoryPipelineOptions,
  TEXT_TO_VIDEO,
} from "@pixpipe/core/test-support";
import { createApp } from "../app";
import type { ErrorBody, Job, Problem } from "../contract";
import { apiDepsFromPipeline } from "../pipeline-deps";
import type { ApiDeps, ApiKeyScope, ApiLogger, Caller } from "../ports";

// The HTTP layer over the real services (@pixpipe/core's createPipeline) on in-memory adapters: the
// API's tests exercise the same rules the Lambdas run, without an emulator.

const JOBS: ApiKeyScope[] = ["jobs:write", "jobs:read"];

export const CALLERS = {
  tenantA: { key: "key-tenant-a", caller: { tenantId: "tenant_a", admin: false }, scopes: JOBS },
  tenantB: { key: "key-tenant-b", caller: { tenantId: "tenant_b", admin: false }, scopes: JOBS },
  /** tenant_a's read-only key. */
  readerA: { key: "key-reader-a", caller: { tenantId: "tenant_a", admin: false }, scopes: ["jobs:read"] },
  admin: { key: "key-admin", caller: { tenantId: "tenant_ops", admin: true }, scopes: ["admin", ...JOBS] },
} satisfies Record<string, { key: string; caller: Caller; scopes: ApiKeyScope[] }>;

export type Who = keyof typeof CALLERS;

type LoggedLine = { message: string; attributes: Record<string, unknown> };

export class RecordingLogger implements ApiLogger {
  readonly infos: LoggedLine[] = [];
  readonly warnings: LoggedLine[] = [];
  readonly errors: LoggedLine[] = [];
  info(message: string, attributes: Record<string, unknown>): void {
    this.infos.push({ message, attributes });
  }
  warn(message: string, attributes: Record<string, unknown>): void {
    this.warnings.push({ message, attributes });
  }
  error(message: string, attributes: Record<string, unknown>): void {
    this.errors.push({ message, attributes });
  }
}

/** The app over an in-memory pipeline with three API keys; POST /v1/jobs answers before any submit. */
export async function apiWorld(options: InMemoryPipelineOptions = {}) {
  const world = createInMemoryPipeline({ ...options, config: { inlineSubmitMs: 0, ...options.config } });
  const { pipeline } = world;
  for (const { key, caller, scopes } of Object.values(CALLERS)) {
    await world.tenants.ensureApiKey(caller.tenantId, key, { scopes });
  }
  const logger = new RecordingLogger();
  const deps: ApiDeps = { ...apiDepsFromPipeline(pipeline), logger };

  /** A job of `who`, moved through the real pipeline (against the fake PixVerse) until it is `status`. */
  async function jobIn(who: Who, status: JobStatus): Promise<Job> {
    const { caller } = CALLERS[who];
    const { job } = await pipeline.jobService.createJob(caller, TEXT_TO_VIDEO);
    const record = async () => (await world.jobs.getById(job.id))!;
    if (status === "cancelled") await pipeline.jobService.cancelJob(caller, job.id);
    if (status === "failed") {
      await pipeline.lifecycle.fail(await record(), { code: "generation_failed", message: "it failed" });
    }
    if (["generating", "archiving", "succeeded"].includes(status)) await pipeline.steps.start(await record());
    if (["archiving", "succeeded"].includes(status)) {
      world.pixverse.finish((await record()).pixverseId!, 1);
      await pipeline.steps.advance(await record());
    }
    if (status === "succeeded") await world.archiveQueued();
    const current = await pipeline.jobService.getJob(caller, job.id);
    if (current?.status !== status) throw new Error(`job ${job.id} is ${current?.status}, not ${status}`);
    return current;
  }

  /** Every job of `who`, newest first. */
  async function jobsOf(who: Who): Promise<Job[]> {
    return (await pipeline.jobService.listJobs(CALLERS[who].caller, { limit: 100 })).jobs;
  }

  return { ...world, deps, logger, app: createApp(deps), jobIn, jobsOf };
}

export type ApiWorld = Awaited<ReturnType<typeof apiWorld>>;

export const bearer = (who: Who) => ({ Authorization: `Bearer ${CALLERS[who].key}` });

export const json = (body: unknown, headers: Record<string, string> = {}, method = "POST"): RequestInit => ({
  method,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** A response body read as the type the test expects (the test's assertions check it). */
export const readJson = async <T>(res: Response): Promise<T> => (await res.json()) as T;

export const readError = async (res: Response): Promise<ErrorBody["error"]> =>
  (await readJson<ErrorBody>(res)).error;

export const readProblems = async (res: Response): Promise<Problem[]> => (await readError(res)).details ?? [];
