import type { Caller } from "@pixpipe/core/pipeline";
import type { CreateJobBody } from "./routes/createJob";
import type { UploadGrant, UploadRequest } from "./routes/createUpload";
import type { Balance } from "./routes/getBalance";
import type { CatalogKind, CatalogQuery } from "./routes/getCatalog";
import type { ListJobsQuery } from "./routes/listJobs";
import type { MaskSelection, MaskSelectionRequest } from "./routes/selectMasks";
import type { Job } from "./schemas";

// The narrow ports the HTTP layer needs. @pixpipe/core/pipeline's JobService, WebhookReceiver and the
// tenant key lookup satisfy them structurally (checked in ports.test.ts); the API never reaches past them.

export type { Caller };

/** Job operations, always scoped to the caller's tenant: another tenant's job reads as null. */
export interface JobsPort {
  /** Throws JobValidationError (with `issues`) or IdempotencyConflictError. */
  createJob(
    caller: Caller,
    body: CreateJobBody,
    opts: { idempotencyKey?: string },
  ): Promise<{ job: Job; created: boolean }>;
  getJob(caller: Caller, id: string): Promise<Job | null>;
  /** Throws InvalidCursorError. */
  listJobs(caller: Caller, query: ListJobsQuery): Promise<{ jobs: Job[]; nextCursor: string | null }>;
  /** Throws JobNotCancellableError when the job is already terminal. */
  cancelJob(caller: Caller, id: string): Promise<Job | null>;
  /** Throws JobHasNoOutputError when the job has no archived video. */
  videoDownloadUrl(caller: Caller, id: string): Promise<{ url: string; expiresAt: string } | null>;
  createUpload(caller: Caller, request: UploadRequest): Promise<UploadGrant>;
  selectMasks(caller: Caller, request: MaskSelectionRequest): Promise<MaskSelection>;
  catalog(kind: CatalogKind, query: CatalogQuery): Promise<unknown>;
  balance(): Promise<Balance>;
}

export interface WebhooksPort {
  /**
   * Verifies and records a PixVerse callback from its raw body; 200 means answer `ok`. A failure to
   * record it may be thrown or answered as 500: either way PixVerse retries.
   */
  receive(rawBody: string, headers: Headers): Promise<{ status: 200 | 400 | 401 | 500; body: string }>;
}

/** The slice of a structured logger (Powertools Logger, console) the API uses. */
export interface ApiLogger {
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface ApiDeps {
  /** Resolves a bearer API key to its caller; null for an unknown or revoked key. */
  authenticate(apiKey: string): Promise<Caller | null>;
  jobs: JobsPort;
  webhooks: WebhooksPort;
  /** Where unexpected errors are logged; console when absent. */
  logger?: ApiLogger;
}
