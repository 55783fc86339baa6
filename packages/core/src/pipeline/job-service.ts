import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { ulid } from "ulid";
import { presignGetObject, presignPutObject } from "../archive";
import {
  isTerminal,
  type JobRecord,
  type JobRepository,
  type JobStatus,
  newJobId,
  type PublicJob,
  requestHash,
  toPublicJob,
} from "../job";
import { type MediaRef, mediaSlots, parseJobRequest } from "../job/input";
import type { MaskSelection } from "../pixverse";
import { JobHasNoOutputError, JobNotCancellableError, JobValidationError } from "./errors";
import type { GenerationSlots, JobSteps } from "./job-steps";
import type { MediaResolver } from "./media-resolver";
import type { Logger, PixverseApi } from "./ports";

/** Who is calling: the tenant of the API key, and whether the key is an admin key. */
export interface Caller {
  tenantId: string;
  admin: boolean;
}

export interface JobRequestBody {
  type: string;
  input: unknown;
  metadata?: Record<string, string>;
}

export type CatalogKind = "templates" | "restyles" | "voices";

export interface JobServiceDeps {
  jobs: JobRepository;
  steps: JobSteps;
  media: MediaResolver;
  pixverse: PixverseApi;
  s3: S3Client;
  bucket: string;
  logger: Logger;
  /** Time POST /v1/jobs spends moving a new job along before answering; the poller does the rest. */
  inlineBudgetMs?: number;
  catalogTtlMs?: number;
  downloadUrlSeconds?: number;
  uploadUrlSeconds?: number;
}

const DEFAULT_INLINE_BUDGET_MS = 5_000;

/** The operations behind the public HTTP API (ARCHITECTURE §2). */
export class JobService {
  private readonly catalogCache = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(private readonly deps: JobServiceDeps) {}

  /**
   * Validates and stores a job, then gives it a head start within a short budget. Nothing is stored
   * or sent to PixVerse for an invalid request.
   */
  async createJob(
    caller: Caller,
    body: JobRequestBody,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ job: PublicJob; created: boolean }> {
    const input = await this.validate(caller, body);
    const { job, created } = await this.deps.jobs.create(
      {
        id: newJobId(),
        tenantId: caller.tenantId,
        type: input.type,
        input: input.input,
        metadata: body.metadata ?? {},
        traceId: randomUUID(),
        // The poller leaves the job to the inline head start until that has had its chance.
        nextCheckAt: new Date(Date.now() + this.inlineBudgetMs()).toISOString(),
      },
      {
        requestHash: requestHash({ type: body.type, input: body.input, metadata: body.metadata ?? {} }),
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      },
    );
    if (!created) return { job: toPublicJob(job), created };
    const advanced = await this.headStart(job);
    return { job: toPublicJob(advanced), created };
  }

  /** Every problem with a request: the input rules of its type, then its media references. */
  async validate(caller: Caller, body: JobRequestBody) {
    const parsed = parseJobRequest({ type: body.type, input: body.input });
    if (!parsed.ok) throw new JobValidationError(parsed.issues);
    const mediaIssues = await this.deps.media.check(caller.tenantId, mediaSlots(parsed.type, parsed.input));
    if (mediaIssues.length > 0) throw new JobValidationError(mediaIssues);
    return parsed;
  }

  async getJob(caller: Caller, id: string): Promise<PublicJob | null> {
    const job = await this.deps.jobs.get(caller.tenantId, id);
    return job ? toPublicJob(job) : null;
  }

  async listJobs(
    caller: Caller,
    query: { status?: JobStatus; limit: number; cursor?: string | null },
  ): Promise<{ jobs: PublicJob[]; nextCursor: string | null }> {
    const page = await this.deps.jobs.list(caller.tenantId, query);
    return { jobs: page.jobs.map(toPublicJob), nextCursor: page.nextCursor };
  }

  async cancelJob(caller: Caller, id: string): Promise<PublicJob | null> {
    const job = await this.deps.jobs.get(caller.tenantId, id);
    if (!job) return null;
    if (isTerminal(job.status)) throw new JobNotCancellableError(job.id, job.status);
    const cancelled = await this.deps.steps.cancel(job);
    if (cancelled) return toPublicJob(cancelled);
    // It ended while we looked: report what it is now.
    const current = await this.deps.jobs.get(caller.tenantId, id);
    if (current && current.status !== "cancelled")
      throw new JobNotCancellableError(current.id, current.status);
    return current ? toPublicJob(current) : null;
  }

  async videoDownloadUrl(caller: Caller, id: string): Promise<{ url: string; expiresAt: string } | null> {
    const job = await this.deps.jobs.get(caller.tenantId, id);
    if (!job) return null;
    if (!job.output) throw new JobHasNoOutputError(job.id, job.status);
    const filename = job.output.key.split("/").pop();
    return presignGetObject(this.deps.s3, {
      bucket: job.output.bucket,
      key: job.output.key,
      expiresInSeconds: this.deps.downloadUrlSeconds ?? 300,
      ...(filename ? { filename } : {}),
    });
  }

  /** A presigned PUT bound to the declared type and size; the key works as `{ "upload": key }`. */
  async createUpload(
    caller: Caller,
    request: { contentType: string; filename: string; size: number },
  ): Promise<{ key: string; uploadUrl: string; expiresAt: string }> {
    const key = `uploads/${caller.tenantId}/${ulid()}/${safeFilename(request.filename)}`;
    const presigned = await presignPutObject(this.deps.s3, {
      bucket: this.deps.bucket,
      key,
      contentType: request.contentType,
      contentLength: request.size,
      expiresInSeconds: this.deps.uploadUrlSeconds ?? 900,
    });
    return { key, uploadUrl: presigned.url, expiresAt: presigned.expiresAt };
  }

  /** Swap step 1, synchronous and billed by PixVerse: the keyframe and the masks to pick from. */
  async selectMasks(
    caller: Caller,
    request: { video: MediaRef; keyframe_id?: number },
  ): Promise<MaskSelection> {
    const slot = { path: "video", ref: request.video, kind: "video" as const };
    const issues = await this.deps.media.check(caller.tenantId, [slot]);
    if (issues.length > 0) throw new JobValidationError(issues);
    const video = await this.deps.media.resolveSlot(caller.tenantId, slot);
    const body = {
      ...("sourceVideoId" in video ? { source_video_id: video.sourceVideoId } : {}),
      ...("mediaId" in video ? { video_media_id: video.mediaId } : {}),
      ...(request.keyframe_id !== undefined ? { keyframe_id: request.keyframe_id } : {}),
    };
    return this.deps.pixverse.selectMask(body);
  }

  /** PixVerse's catalogues change rarely; each Lambda instance keeps them for a few minutes. */
  catalog(
    kind: CatalogKind,
    query: { type?: 1 | 2; page?: number; pageSize?: number } = {},
  ): Promise<unknown> {
    const cacheKey = `${kind}:${JSON.stringify(query)}`;
    const cached = this.catalogCache.get(cacheKey);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value =
      kind === "templates"
        ? this.deps.pixverse.listTemplates(query)
        : kind === "restyles"
          ? this.deps.pixverse.listRestyles(query)
          : this.deps.pixverse.listTtsSpeakers(query);
    this.catalogCache.set(cacheKey, { expires: Date.now() + (this.deps.catalogTtlMs ?? 5 * 60_000), value });
    value.catch(() => this.catalogCache.delete(cacheKey));
    return value;
  }

  balance() {
    return this.deps.pixverse.getBalance();
  }

  /** Runs the next step of a job now (best effort; the poller covers whatever does not happen). */
  async advance(jobId: string, slots?: GenerationSlots): Promise<void> {
    const job = await this.deps.jobs.getById(jobId);
    if (job) await this.deps.steps.advance(job, slots);
  }

  private inlineBudgetMs(): number {
    return this.deps.inlineBudgetMs ?? DEFAULT_INLINE_BUDGET_MS;
  }

  private async headStart(job: JobRecord): Promise<JobRecord> {
    const budget = this.inlineBudgetMs();
    if (budget <= 0) return job;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.deps.steps.advance(job),
        new Promise((resolve) => {
          timer = setTimeout(resolve, budget);
        }),
      ]);
    } catch (error) {
      this.deps.logger.warn("inline submit did not finish; the poller takes over", {
        jobId: job.id,
        error: String(error),
      });
    } finally {
      clearTimeout(timer);
    }
    return (await this.deps.jobs.getById(job.id)) ?? job;
  }
}

/** Keeps the user's file name readable in the key while removing path and control characters. */
function safeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 100);
  return cleaned || "upload";
}
