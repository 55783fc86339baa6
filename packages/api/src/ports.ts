import type { WebhookOutcome } from "@pixpipe/core/pipeline";
import type { Caller } from "@pixpipe/core/services";
import type {
  Balance,
  CatalogKind,
  CatalogQuery,
  CreateJobBody,
  Job,
  JobList,
  ListJobsQuery,
  MaskSelection,
  MaskSelectionRequest,
  UploadGrant,
  UploadRequest,
} from "./contract";

// The narrow ports the HTTP layer needs, one per service. @pixpipe/core's services satisfy them
// structurally (checked in ports.test.ts); the API never reaches past them.

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
  listJobs(caller: Caller, query: ListJobsQuery): Promise<JobList>;
  /** Throws JobNotCancellableError when the job is already terminal. */
  cancelJob(caller: Caller, id: string): Promise<Job | null>;
  /** Throws JobHasNoOutputError when the job has no archived video. */
  videoDownloadUrl(caller: Caller, id: string): Promise<{ url: string; expiresAt: string } | null>;
}

export interface UploadsPort {
  createUpload(caller: Caller, request: UploadRequest): Promise<UploadGrant>;
}

export interface MasksPort {
  selectMasks(caller: Caller, request: MaskSelectionRequest): Promise<MaskSelection>;
}

export interface CatalogPort {
  catalog(kind: CatalogKind, query: CatalogQuery): Promise<unknown>;
}

export interface AccountPort {
  balance(): Promise<Balance>;
}

export interface WebhooksPort {
  /** Verifies and records a PixVerse callback from its raw body. A failure to record it throws (500). */
  receive(rawBody: string, headers: Headers): Promise<WebhookOutcome>;
}

/** The slice of a structured logger (Powertools Logger, console) the API uses. */
export interface ApiLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface ApiDeps {
  /** Resolves a bearer API key to its caller; null for an unknown or revoked key. */
  authenticate(apiKey: string): Promise<Caller | null>;
  jobs: JobsPort;
  uploads: UploadsPort;
  masks: MasksPort;
  catalog: CatalogPort;
  account: AccountPort;
  webhooks: WebhooksPort;
  /** Where access lines and unexpected errors are logged; console when absent. */
  logger?: ApiLogger;
}
