import { isTerminal } from "@pixpipe/core/job";
import {
  IdempotencyConflictError,
  InvalidCursorError,
  JobHasNoOutputError,
  JobNotCancellableError,
  JobValidationError,
} from "@pixpipe/core/pipeline";
import type { ApiDeps, ApiLogger, Caller, JobsPort, WebhooksPort } from "../ports";
import type { CreateJobBody } from "../routes/createJob";
import type { UploadGrant, UploadRequest } from "../routes/createUpload";
import type { Balance } from "../routes/getBalance";
import type { CatalogKind, CatalogQuery } from "../routes/getCatalog";
import type { ListJobsQuery } from "../routes/listJobs";
import type { MaskSelection, MaskSelectionRequest } from "../routes/selectMasks";
import type { ErrorBody, Job, Problem } from "../schemas";

// Small in-memory stand-ins for @pixpipe/core/pipeline, for testing the HTTP layer only. They keep the
// service's rules that the API relies on (tenant scoping, idempotency, cursor errors, terminal jobs,
// tenant-owned uploads) and throw core's own error classes. End-to-end tests against the real pipeline
// live elsewhere.

export const CALLERS = {
  tenantA: { key: "key-tenant-a", caller: { tenantId: "tenant_a", admin: false } },
  tenantB: { key: "key-tenant-b", caller: { tenantId: "tenant_b", admin: false } },
  admin: { key: "key-admin", caller: { tenantId: "tenant_ops", admin: true } },
} satisfies Record<string, { key: string; caller: Caller }>;

/** The service's media check, as the double does it: an upload must be one of the caller's own. */
function foreignUploads(tenantId: string, value: unknown, path: string): { path: string; message: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => foreignUploads(tenantId, item, `${path}.${i}`));
  if (typeof value !== "object" || value === null) return [];
  const { upload } = value as { upload?: unknown };
  if (typeof upload === "string" && !upload.startsWith(`uploads/${tenantId}/`)) {
    return [{ path, message: "no such upload" }];
  }
  return Object.entries(value).flatMap(([key, item]) => foreignUploads(tenantId, item, `${path}.${key}`));
}

export class InMemoryJobs implements JobsPort {
  readonly jobs: Job[] = [];
  readonly calls: { method: string; args: unknown[] }[] = [];
  private readonly idempotency = new Map<string, { body: string; jobId: string }>();

  async createJob(caller: Caller, body: CreateJobBody, opts: { idempotencyKey?: string }) {
    this.calls.push({ method: "createJob", args: [caller, body, opts] });
    const issues = foreignUploads(caller.tenantId, body.input, "input");
    if (issues.length > 0) throw new JobValidationError(issues);
    const scopedKey = opts.idempotencyKey && `${caller.tenantId}:${opts.idempotencyKey}`;
    const seen = scopedKey ? this.idempotency.get(scopedKey) : undefined;
    if (seen) {
      if (seen.body !== JSON.stringify(body)) throw new IdempotencyConflictError(seen.jobId);
      return { job: this.find(seen.jobId)!, created: false };
    }
    const job = this.add(caller.tenantId, body);
    if (scopedKey) this.idempotency.set(scopedKey, { body: JSON.stringify(body), jobId: job.id });
    return { job, created: true };
  }

  async getJob(caller: Caller, id: string) {
    return this.owned(caller, id);
  }

  async listJobs(caller: Caller, query: ListJobsQuery) {
    this.calls.push({ method: "listJobs", args: [caller, query] });
    const offset = query.cursor === undefined ? 0 : Number.parseInt(query.cursor.replace(/^after:/, ""), 10);
    if (query.cursor !== undefined && (!query.cursor.startsWith("after:") || Number.isNaN(offset))) {
      throw new InvalidCursorError();
    }
    const matching = this.jobs
      .filter((job) => job.tenantId === caller.tenantId && (!query.status || job.status === query.status))
      .reverse();
    const jobs = matching.slice(offset, offset + query.limit);
    const next = offset + jobs.length;
    return { jobs, nextCursor: next < matching.length ? `after:${next}` : null };
  }

  async cancelJob(caller: Caller, id: string) {
    const job = this.owned(caller, id);
    if (!job) return null;
    if (isTerminal(job.status)) throw new JobNotCancellableError(job.id, job.status);
    job.status = "cancelled";
    return job;
  }

  async videoDownloadUrl(caller: Caller, id: string) {
    const job = this.owned(caller, id);
    if (!job) return null;
    if (!job.output) throw new JobHasNoOutputError(job.id, job.status);
    return {
      url: `https://media.test/${job.output.key}?X-Amz-Signature=abc`,
      expiresAt: "2030-01-01T00:00:00.000Z",
    };
  }

  async createUpload(caller: Caller, request: UploadRequest): Promise<UploadGrant> {
    this.calls.push({ method: "createUpload", args: [caller, request] });
    const key = `uploads/${caller.tenantId}/${this.calls.length}/${request.filename}`;
    return {
      key,
      uploadUrl: `https://media.test/${key}?X-Amz-Signature=abc`,
      expiresAt: "2030-01-01T00:00:00.000Z",
    };
  }

  async selectMasks(caller: Caller, request: MaskSelectionRequest): Promise<MaskSelection> {
    this.calls.push({ method: "selectMasks", args: [caller, request] });
    const keyframeId = request.keyframe_id ?? 1;
    return {
      keyframeId,
      keyframeUrl: `https://media.test/keyframes/${keyframeId}.png`,
      credits: 2,
      masks: [{ maskId: "m_1", maskName: "person", maskUrl: "https://media.test/masks/m_1.png" }],
    };
  }

  async catalog(kind: CatalogKind, query: CatalogQuery) {
    this.calls.push({ method: "catalog", args: [kind, query] });
    return { total: 1, items: [{ kind, page: query.page }] };
  }

  async balance(): Promise<Balance> {
    return { accountId: "627410861853514292", creditMonthly: 1069020, creditPackage: 3630 };
  }

  /** Test setup: a job of `tenantId` in the given state. */
  seed(tenantId: string, patch: Partial<Job> = {}): Job {
    const job = this.add(tenantId, {
      type: "text_to_video",
      input: { model: "v5", prompt: "seeded", duration: 5, quality: "540p", aspect_ratio: "16:9" },
    });
    Object.assign(job, patch);
    return job;
  }

  private add(tenantId: string, body: CreateJobBody): Job {
    const now = new Date(Date.UTC(2025, 0, 1, 12, 0, this.jobs.length)).toISOString();
    const job: Job = {
      id: `job_${String(this.jobs.length + 1).padStart(4, "0")}`,
      tenantId,
      type: body.type,
      status: "queued",
      input: body.input,
      metadata: body.metadata ?? {},
      createdAt: now,
      updatedAt: now,
      pixverse: { traceId: `trace-${this.jobs.length + 1}` },
    };
    this.jobs.push(job);
    return job;
  }

  private find(id: string): Job | undefined {
    return this.jobs.find((job) => job.id === id);
  }

  private owned(caller: Caller, id: string): Job | null {
    const job = this.find(id);
    return job && job.tenantId === caller.tenantId ? job : null;
  }
}

/** Accepts deliveries whose Webhook-Signature header is "valid"; a body it cannot parse is a 400. */
export class InMemoryWebhooks implements WebhooksPort {
  readonly deliveries: { rawBody: string; headers: Headers }[] = [];

  async receive(rawBody: string, headers: Headers) {
    this.deliveries.push({ rawBody, headers });
    if (headers.get("webhook-signature") !== "valid")
      return { status: 401 as const, body: "Signature mismatch." };
    try {
      JSON.parse(rawBody);
    } catch {
      return { status: 400 as const, body: "Body is not JSON." };
    }
    return { status: 200 as const, body: "ok" };
  }
}

export class RecordingLogger implements ApiLogger {
  readonly errors: { message: string; attributes: Record<string, unknown> }[] = [];
  error(message: string, attributes: Record<string, unknown>): void {
    this.errors.push({ message, attributes });
  }
}

export function inMemoryDeps() {
  const jobs = new InMemoryJobs();
  const webhooks = new InMemoryWebhooks();
  const logger = new RecordingLogger();
  const deps: ApiDeps = {
    authenticate: async (apiKey) =>
      Object.values(CALLERS).find((entry) => entry.key === apiKey)?.caller ?? null,
    jobs,
    webhooks,
    logger,
  };
  return { deps, jobs, webhooks, logger };
}

export const bearer = (who: keyof typeof CALLERS) => ({ Authorization: `Bearer ${CALLERS[who].key}` });

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** A response body read as the type the test expects (the test's assertions check it). */
export const readJson = async <T>(res: Response): Promise<T> => (await res.json()) as T;

export const readError = async (res: Response): Promise<ErrorBody["error"]> =>
  (await readJson<ErrorBody>(res)).error;

export const readProblems = async (res: Response): Promise<Problem[]> => (await readError(res)).details ?? [];
