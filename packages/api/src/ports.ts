import type { WebhookOutcome } from "@pixpipe/core/pipeline";
import type { Caller, WaitOptions } from "@pixpipe/core/services";
import type {
  ApiKey,
  Balance,
  CatalogKind,
  CatalogQuery,
  CreateApiKeyRequest,
  CreateJobBody,
  CreateTenantRequest,
  DeliveryList,
  IssuedApiKey,
  Job,
  JobList,
  ListJobsQuery,
  ListTenantsQuery,
  MaskSelection,
  MaskSelectionRequest,
  RotatedApiKey,
  Tenant,
  TenantList,
  UpdateTenantRequest,
  UploadGrant,
  UploadRequest,
  UsageQueryParams,
  UsageReport,
  WebhookSecret,
} from "./contract";

// The narrow ports the HTTP layer needs, one per service. @pixpipe/core's services satisfy them
// structurally (checked in ports.test.ts); the API never reaches past them.

export type { Caller };

export type ApiKeyScope = "admin" | "jobs:write" | "jobs:read";

/** The caller of a /v1 route: core's Caller (services take it) and the key it presented. */
export interface ApiCaller extends Caller {
  keyId: string;
  scopes: readonly ApiKeyScope[];
}

/** Why a presented key is refused: 401 for invalid (unknown, revoked) and expired, 403 for tenant_disabled. */
export type KeyRefusal = "invalid" | "expired" | "tenant_disabled";

export type KeyCheck =
  | { ok: true; key: { id: string; tenantId: string; scopes: ApiKeyScope[] }; limits?: Caller["limits"] }
  | { ok: false; reason: KeyRefusal };

/** Job operations, always scoped to the caller's tenant: another tenant's job reads as null. */
export interface JobsPort {
  /** Throws JobValidationError (with `issues`) or IdempotencyConflictError. */
  /** With `waitMs`, answers once the new job has finished or the wait is over. */
  createJob(
    caller: Caller,
    body: CreateJobBody,
    opts: { idempotencyKey?: string } & WaitOptions,
  ): Promise<{ job: Job; created: boolean }>;
  /** With `waitMs`, a long poll: answers once the job's status or progress changes, or at the wait's end. */
  getJob(caller: Caller, id: string, opts?: WaitOptions): Promise<Job | null>;
  /** Throws InvalidCursorError. */
  listJobs(caller: Caller, query: ListJobsQuery): Promise<JobList>;
  /** Throws JobNotCancellableError when the job is already terminal. */
  cancelJob(caller: Caller, id: string): Promise<Job | null>;
  /** Throws JobHasNoOutputError when the job has no archived video. */
  videoDownloadUrl(caller: Caller, id: string): Promise<{ url: string; expiresAt: string } | null>;
}

/** A job's webhook deliveries, scoped like the job: another tenant's job reads as null. */
export interface DeliveriesPort {
  listDeliveries(caller: Caller, jobId: string): Promise<DeliveryList | null>;
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

/**
 * Tenants and their keys (admin scope; GET /v1/me reads any caller's own tenant); null where the
 * tenant or key does not exist.
 */
export interface TenantAdminPort {
  /** Throws TenantExistsError for a taken id. */
  createTenant(caller: Caller, request: CreateTenantRequest): Promise<Tenant>;
  /** Throws InvalidTenantCursorError. */
  listTenants(caller: Caller, query: ListTenantsQuery): Promise<TenantList>;
  getTenant(caller: Caller, id: string): Promise<Tenant | null>;
  /** Throws OwnTenantDisableError when the caller would disable its own tenant. */
  updateTenant(caller: Caller, id: string, patch: UpdateTenantRequest): Promise<Tenant | null>;
  createApiKey(caller: Caller, tenantId: string, request: CreateApiKeyRequest): Promise<IssuedApiKey | null>;
  listApiKeys(caller: Caller, tenantId: string): Promise<ApiKey[] | null>;
  revokeApiKey(caller: Caller, tenantId: string, keyId: string): Promise<boolean>;
  /** Throws ApiKeyExpiredError for a key that has already expired. */
  rotateApiKey(
    caller: Caller,
    tenantId: string,
    keyId: string,
    options: { overlapSeconds?: number },
  ): Promise<RotatedApiKey | null>;
}

export interface UsagePort {
  /** Throws UsageQueryError for a range that ends before it starts or is too long. */
  usage(caller: Caller, query: UsageQueryParams): Promise<UsageReport>;
}

/** The caller's tenant's Standard Webhooks signing secret. */
export interface WebhookSecretsPort {
  getSecret(caller: Caller): Promise<WebhookSecret>;
  rotateSecret(caller: Caller, options: { overlapSeconds?: number }): Promise<WebhookSecret>;
}

/** The slice of a structured logger (Powertools Logger, console) the API uses. */
export interface ApiLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface ApiDeps {
  /** The decision on a bearer API key, read fresh (a revoked key is refused at the next request). */
  authenticate(apiKey: string): Promise<KeyCheck>;
  jobs: JobsPort;
  deliveries: DeliveriesPort;
  uploads: UploadsPort;
  masks: MasksPort;
  catalog: CatalogPort;
  account: AccountPort;
  webhooks: WebhooksPort;
  tenantAdmin: TenantAdminPort;
  usage: UsagePort;
  webhookSecrets: WebhookSecretsPort;
  /** Where access lines and unexpected errors are logged; console when absent. */
  logger?: ApiLogger;
}
