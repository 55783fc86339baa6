import {
  isTerminal,
  type JobError,
  type JobRecord,
  type JobRepository,
  type JobStatus,
  jobMetadataSchema,
  jobRetrySchema,
  type PublicJob,
  requestHash,
  toPublicJob,
} from "../job";
import { type InputIssue, type JobType, mediaSlots, parseJobRequest } from "../job/input";
import {
  type Clock,
  type JobLifecycle,
  type JobRequest,
  type JobSteps,
  jobLogKeys,
  type Logger,
  type MediaResolver,
} from "../pipeline";
import type { MediaStore } from "../storage";
import { issuesOf } from "../validation";
import {
  jobWebhookOf,
  type WebhookRequest,
  WebhookUrlError,
  type WebhookUrlGuard,
  webhookRequestSchema,
} from "../webhooks";
import type { Caller } from "./caller";
import type { CatalogKind, CatalogService } from "./catalog-service";
import type { CreditBudget } from "./credit-budget";
import {
  JobHasNoOutputError,
  JobNotCancellableError,
  JobValidationError,
  QuotaExceededError,
} from "./errors";
import { type WatchUntil, watchJob } from "./job-watch";

/** A job request as it came in (HTTP body, S3 manifest): nothing in it is trusted yet. */
export interface JobRequestBody {
  type: unknown;
  input: unknown;
  metadata?: unknown;
  retry?: unknown;
  /** Where to POST the job's events (`{ url, events? }`; the URL also passes the SSRF guard). */
  webhook?: unknown;
}

/** The catalogue ids a job input names, checked at the door (a stale cache is read again once). */
const CATALOG_FIELDS: readonly { field: string; kind: CatalogKind; see: string }[] = [
  { field: "lip_sync_tts_speaker_id", kind: "voices", see: "GET /v1/catalog/voices" },
  { field: "template_id", kind: "templates", see: "GET /v1/catalog/templates" },
  { field: "restyle_id", kind: "restyles", see: "GET /v1/catalog/restyles" },
];

/** How long a request may wait on its job (at most MAX_JOB_WAIT_MS), and the caller going away. */
export interface WaitOptions {
  waitMs?: number;
  signal?: AbortSignal;
}

export interface JobServiceDeps {
  lifecycle: JobLifecycle;
  /** Checks catalogue ids (voices, templates, restyles) before a job is accepted. */
  catalog: Pick<CatalogService, "knows">;
  /** The tenant's credit budgets: no new job once one is spent. */
  budget: Pick<CreditBudget, "spent">;
  /** Read only: jobs as the tenant sees them. */
  jobs: Pick<JobRepository, "get" | "getById" | "list">;
  steps: Pick<JobSteps, "start" | "slotChoice" | "runClaimed">;
  media: Pick<MediaResolver, "check">;
  /** The SSRF guard a webhook URL passes before the job is accepted. */
  webhookUrls: Pick<WebhookUrlGuard, "check">;
  store: Pick<MediaStore, "presignDownload">;
  clock: Clock;
  logger: Logger;
  /** Time POST /v1/jobs spends moving a new job along before answering; the poller does the rest. */
  inlineBudgetMs?: number;
  downloadUrlSeconds?: number;
  /** Unknown scalar input fields: passed to PixVerse with a warning (default), or refused (strict mode). */
  unknownInputFields?: "pass" | "refuse";
}

const DEFAULT_INLINE_BUDGET_MS = 5_000;

/**
 * A job request as both ways in (HTTP, S3) fingerprint it for their idempotency keys; the webhook is
 * part of the body (and left out when absent, so fingerprints of requests without one stay as they were).
 */
const fingerprint = (body: JobRequestBody) =>
  requestHash({
    type: body.type,
    input: body.input,
    metadata: body.metadata ?? {},
    ...(body.retry !== undefined ? { retry: body.retry } : {}),
    ...(body.webhook ? { webhook: body.webhook } : {}),
  });

/** Jobs as the public API sees them: create, read, list, cancel and download, scoped to the caller. */
export class JobService {
  constructor(private readonly deps: JobServiceDeps) {}

  /**
   * Validates and stores a job, then gives it a head start within a short budget. Nothing is stored
   * or sent to PixVerse for an invalid request.
   */
  async createJob(
    caller: Caller,
    body: JobRequestBody,
    options: { idempotencyKey?: string } & WaitOptions = {},
  ): Promise<{ job: PublicJob; created: boolean }> {
    const startedAt = this.deps.clock.now().getTime();
    // A job that may start is created started, in slots chosen without reading the board (the
    // create's conditional put decides; one that meets a held slot chooses again on the board).
    const startsInline = this.inlineBudgetMs() > 0;
    const [request, spent, start] = await Promise.all([
      this.validate(caller, body),
      this.deps.budget.spent(caller),
      startsInline ? this.deps.steps.slotChoice(caller.tenantId, { readBoard: false }) : undefined,
    ]);
    if (spent) throw new QuotaExceededError(spent);
    const { job, created } = await this.deps.lifecycle.accept(
      request,
      {
        requestHash: fingerprint(body),
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      },
      start,
      () => this.deps.steps.slotChoice(caller.tenantId, { readBoard: true }),
    );
    if (!created) return { job: toPublicJob(job), created };
    const started = toPublicJob(await this.headStart(job));
    if (!options.waitMs) return { job: started, created };
    const waitMs = options.waitMs - (this.deps.clock.now().getTime() - startedAt);
    const finished = await this.watch(caller, started, { ...options, waitMs, until: "finished" });
    return { job: finished ?? started, created };
  }

  /**
   * Records a request that cannot start (an S3 object that is not a valid job) as a failed job with
   * its event; the same idempotency key as `createJob` makes a redelivered object one job.
   */
  async recordRejected(
    caller: Caller,
    request: Omit<JobRequest, "tenantId">,
    error: JobError,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ job: PublicJob; created: boolean }> {
    const { job, created } = await this.deps.lifecycle.recordRejected(
      { ...request, tenantId: caller.tenantId },
      error,
      {
        requestHash: requestHash({ ...request, error }),
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      },
    );
    return { job: toPublicJob(job), created };
  }

  /**
   * Every problem with a request at once: the input rules of its type, its metadata, its retry options
   * and its webhook's shape; then its media references, catalogue ids and where the webhook's URL leads.
   */
  async validate(caller: Caller, body: JobRequestBody): Promise<JobRequest> {
    const parsed = parseJobRequest(
      { type: body.type, input: body.input },
      { unknownFields: this.deps.unknownInputFields ?? "pass" },
    );
    const metadata = jobMetadataSchema.safeParse(body.metadata ?? {});
    const retry = jobRetrySchema.optional().safeParse(body.retry);
    const webhook = webhookRequestSchema.optional().safeParse(body.webhook);
    const shapeIssues = [
      ...(parsed.ok ? [] : parsed.issues),
      ...(metadata.success ? [] : issuesOf(metadata.error, ["metadata"])),
      ...(retry.success ? [] : issuesOf(retry.error, ["retry"])),
      ...(webhook.success ? [] : issuesOf(webhook.error, ["webhook"])),
    ];
    if (!parsed.ok || !metadata.success || !retry.success || !webhook.success) {
      throw new JobValidationError(shapeIssues);
    }
    const [mediaIssues, catalogIssues, webhookIssues] = await Promise.all([
      this.deps.media.check(caller.tenantId, mediaSlots(parsed.type, parsed.input)),
      this.catalogIssues(parsed.input),
      this.webhookIssues(webhook.data),
    ]);
    const issues = [
      ...mediaIssues.map((issue) => ({ ...issue, path: `input.${issue.path}` })),
      ...catalogIssues,
      ...webhookIssues,
    ];
    if (issues.length > 0) throw new JobValidationError(issues);
    return {
      tenantId: caller.tenantId,
      type: parsed.type,
      input: parsed.input,
      metadata: metadata.data,
      ...(webhook.data ? { webhook: jobWebhookOf(webhook.data) } : {}),
      ...(parsed.warnings.length > 0 ? { warnings: parsed.warnings } : {}),
      ...(retry.data ? { retry: retry.data } : {}),
    };
  }

  /** Why pixpipe would not send to a webhook URL: its scheme, credentials, or where it resolves to. */
  private async webhookIssues(webhook: WebhookRequest | undefined): Promise<InputIssue[]> {
    if (!webhook) return [];
    try {
      await this.deps.webhookUrls.check(webhook.url);
      return [];
    } catch (error) {
      if (!(error instanceof WebhookUrlError)) throw error;
      return [{ path: "webhook.url", message: error.message }];
    }
  }

  /** Ids PixVerse's catalogues do not know; an id it cannot check now passes (PixVerse decides). */
  private async catalogIssues(input: Record<string, unknown>): Promise<InputIssue[]> {
    const checks = CATALOG_FIELDS.filter(({ field }) => input[field] !== undefined).map(
      async ({ field, kind, see }) => {
        const known = await this.deps.catalog.knows(kind, String(input[field]));
        return known === false
          ? [{ path: `input.${field}`, message: `PixVerse has no such id; see ${see}` }]
          : [];
      },
    );
    return (await Promise.all(checks)).flat();
  }

  /** The job; with `waitMs`, once its status or progress changes (a long poll), or at the wait's end. */
  async getJob(caller: Caller, id: string, options: WaitOptions = {}): Promise<PublicJob | null> {
    const job = await this.deps.jobs.get(caller.tenantId, id);
    if (!job) return null;
    const first = toPublicJob(job);
    return options.waitMs
      ? this.watch(caller, first, { ...options, waitMs: options.waitMs, until: "changed" })
      : first;
  }

  private watch(
    caller: Caller,
    first: PublicJob,
    options: { waitMs: number; until: WatchUntil; signal?: AbortSignal },
  ): Promise<PublicJob | null> {
    const read = async () => {
      const job = await this.deps.jobs.get(caller.tenantId, first.id);
      return job ? toPublicJob(job) : null;
    };
    return watchJob({ read, clock: this.deps.clock }, first, options);
  }

  async listJobs(
    caller: Caller,
    query: {
      status?: JobStatus;
      type?: JobType;
      /** ISO-8601 instants; the API has checked them. */
      createdAfter?: string;
      createdBefore?: string;
      limit: number;
      cursor?: string | null;
    },
  ): Promise<{ jobs: PublicJob[]; nextCursor: string | null }> {
    const { createdAfter, createdBefore, ...rest } = query;
    const page = await this.deps.jobs.list(caller.tenantId, {
      ...rest,
      ...(createdAfter ? { createdAfter: new Date(createdAfter) } : {}),
      ...(createdBefore ? { createdBefore: new Date(createdBefore) } : {}),
    });
    return { jobs: page.jobs.map(toPublicJob), nextCursor: page.nextCursor };
  }

  async cancelJob(caller: Caller, id: string): Promise<PublicJob | null> {
    const job = await this.deps.jobs.get(caller.tenantId, id);
    if (!job) return null;
    if (isTerminal(job.status)) throw new JobNotCancellableError(job.id, job.status);
    const cancelled = await this.deps.lifecycle.cancel(job);
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
    return this.deps.store.presignDownload(job.output.key, {
      expiresInSeconds: this.deps.downloadUrlSeconds ?? 300,
      ...(filename ? { filename } : {}),
    });
  }

  private inlineBudgetMs(): number {
    return this.deps.inlineBudgetMs ?? DEFAULT_INLINE_BUDGET_MS;
  }

  /**
   * Carries a job created started (holding its slots and claimed) through its uploads and submit; a job
   * that found no slot free waits for the scheduler, and the caller is not kept waiting behind others.
   * The start stops at the budget: it gives its claim up, and the poller carries on from where it
   * stopped.
   */
  private async headStart(job: JobRecord): Promise<JobRecord> {
    const budget = this.inlineBudgetMs();
    if (budget <= 0 || job.stage === "waiting_for_capacity" || job.stage === "waiting_for_tenant_limit")
      return job;
    const budgetOver = new AbortController();
    const { signal } = budgetOver;
    let started: JobRecord | undefined;
    try {
      const outcome = await Promise.race([
        job.claimedUntil ? this.deps.steps.runClaimed(job, signal) : this.deps.steps.start(job, { signal }),
        this.deps.clock.sleep(budget, signal),
      ]);
      started = outcome?.job;
    } catch (error) {
      this.deps.logger.warn("inline submit did not finish; the poller takes over", {
        ...jobLogKeys(job),
        error: String(error),
      });
    } finally {
      budgetOver.abort();
    }
    // Submitted: the job as that write left it. Otherwise it is read, wherever the start left it.
    if (started) return started;
    return (await this.deps.jobs.getById(job.id)) ?? job;
  }
}
