import createClient, { type Client } from "openapi-fetch";
import { fetchOrThrow, PixpipeApiError, storageError, UnsupportedMediaTypeError } from "./errors";
import type { paths } from "./generated/api";
import { contentTypeFromName, SNIFF_BYTES, sniffContentType, UPLOAD_CONTENT_TYPES } from "./media-type";
import type {
  ApiKey,
  Balance,
  CatalogKind,
  CatalogPage,
  CatalogQuery,
  CreateApiKeyRequest,
  CreateJobRequest,
  CreateTenantRequest,
  IssuedApiKey,
  Job,
  JobList,
  ListJobsQuery,
  ListTenantsQuery,
  MaskSelection,
  MaskSelectionRequest,
  Me,
  RotatedApiKey,
  Tenant,
  TenantList,
  UpdateTenantRequest,
  UploadContentType,
  UploadGrant,
  UploadRef,
  UploadRequest,
  UsageQuery,
  UsageReport,
  WebhookDelivery,
  WebhookSecret,
} from "./types";
import { MAX_WAIT_SECONDS, type WatchOptions, watchJob } from "./watch";

export interface PixpipeClientOptions {
  /** The API's root, e.g. https://api.example.com or http://127.0.0.1:3000. */
  baseUrl: string;
  /** A pixpipe API key, sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Another fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Sent as User-Agent, e.g. "pixpipe-cli/0.1.0". */
  userAgent?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface CreateJobOptions extends RequestOptions {
  /** Same key and body again: the same job (200) instead of a second one; different body: 409. */
  idempotencyKey?: string;
  /**
   * `Prefer: wait=N`: the API answers once the job has finished or after N seconds (at most 25),
   * with the job as it stands then.
   */
  waitSeconds?: number;
}

export interface GetJobOptions extends RequestOptions {
  /** A long poll: the API answers once the job's status or progress changes, or after this (at most 25 s). */
  waitSeconds?: number;
}

export interface RunJobOptions extends Omit<CreateJobOptions, "waitSeconds">, WatchOptions {
  /**
   * Called with the created job and with every change of it until it ends. Without it, the create
   * itself waits (Prefer: wait), so that a job finishing within 25 s takes a single request.
   */
  onUpdate?: (job: Job) => void;
}

/** A wait the API takes: whole seconds, at most MAX_WAIT_SECONDS. */
const waitOf = (seconds: number) => Math.max(0, Math.min(Math.round(seconds), MAX_WAIT_SECONDS));

/** Each answer of openapi-fetch: data on success, the parsed error body otherwise. */
type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer, or the API's error thrown as PixpipeApiError. */
async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw PixpipeApiError.fromResponse(response, error);
  return data as T;
}

/** The items of page after page, each page asked for with the previous one's nextCursor. */
async function* everyPage<T>(
  fetchPage: (cursor: { cursor?: string }) => Promise<[T[], { nextCursor: string | null }]>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const [items, page] = await fetchPage(cursor ? { cursor } : {});
    yield* items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export interface UploadOptions extends RequestOptions {
  /** The name sent with the upload; a File's own name by default. */
  filename?: string;
  /** Otherwise sniffed from the first bytes, else taken from the name's extension. */
  contentType?: UploadContentType;
}

/** The parts of an OpenAPI document the client reads; the rest is passed through untyped. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

/**
 * The pixpipe HTTP API, in Node.js and in browsers alike (fetch, Blob and AbortSignal only; the
 * file-system helpers are PixpipeNodeClient's, `@pixpipe/client/node`). `api` is the typed
 * openapi-fetch client for every operation of the OpenAPI document; the methods wrap the common ones,
 * throw PixpipeApiError for every answer that is not a success, and add what takes more than one
 * call (uploads, waiting, every page).
 */
export class PixpipeClient {
  readonly api: Client<paths>;
  readonly baseUrl: string;
  protected readonly fetch: typeof fetch;

  constructor(options: PixpipeClientOptions) {
    const baseFetch = options.fetch ?? globalThis.fetch;
    this.fetch = (input, init) => fetchOrThrow(baseFetch, input as Request | string, init);
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    const headers: Record<string, string> = {};
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    if (options.userAgent) headers["user-agent"] = options.userAgent;
    this.api = createClient<paths>({ baseUrl: this.baseUrl, headers, fetch: this.fetch });
  }

  createJob(request: CreateJobRequest, options: CreateJobOptions = {}): Promise<Job> {
    const header = {
      ...(options.idempotencyKey === undefined ? {} : { "idempotency-key": options.idempotencyKey }),
      ...(options.waitSeconds ? { prefer: `wait=${waitOf(options.waitSeconds)}` } : {}),
    };
    return unwrap(this.api.POST("/v1/jobs", { body: request, params: { header }, signal: options.signal }));
  }

  getJob(id: string, options: GetJobOptions = {}): Promise<Job> {
    const query = options.waitSeconds ? { wait: waitOf(options.waitSeconds) } : {};
    return unwrap(this.api.GET("/v1/jobs/{id}", { params: { path: { id }, query }, signal: options.signal }));
  }

  /** One page of the tenant's jobs, newest first. */
  listJobs(query: ListJobsQuery = {}, options: RequestOptions = {}): Promise<JobList> {
    return unwrap(this.api.GET("/v1/jobs", { params: { query }, signal: options.signal }));
  }

  /** Every job matching `query`, newest first, fetching the next page as the loop reaches it. */
  jobs(query: Omit<ListJobsQuery, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<Job> {
    return everyPage((cursor) =>
      this.listJobs({ ...query, ...cursor }, options).then((page) => [page.jobs, page]),
    );
  }

  cancelJob(id: string, options: RequestOptions = {}): Promise<Job> {
    return unwrap(
      this.api.POST("/v1/jobs/{id}/cancel", { params: { path: { id } }, signal: options.signal }),
    );
  }

  /** The job's webhook deliveries, one per event, oldest first, each with its latest attempts. */
  async deliveries(jobId: string, options: RequestOptions = {}): Promise<WebhookDelivery[]> {
    const { deliveries } = await unwrap(
      this.api.GET("/v1/jobs/{id}/deliveries", { params: { path: { id: jobId } }, signal: options.signal }),
    );
    return deliveries;
  }

  /** The short-lived presigned URL of a job's archived video (the Location of the API's 302). */
  async videoUrl(id: string, options: RequestOptions = {}): Promise<string> {
    const { error, response } = await this.api.GET("/v1/jobs/{id}/video", {
      params: { path: { id } },
      redirect: "manual",
      signal: options.signal,
    });
    // Browsers hide a redirect that is not followed (an "opaqueredirect", status 0, no headers).
    if (response.type === "opaqueredirect") return this.followVideoRedirect(id, options);
    const location = response.headers.get("location");
    if (response.status !== 302 || !location) throw PixpipeApiError.fromResponse(response, error);
    return location;
  }

  /**
   * A browser's way to the presigned URL: follow the redirect for the video's first byte only (Range
   * is a CORS-safelisted header, so the storage sees no preflight) and read where it led. The storage
   * must answer cross-origin GETs (the media bucket's CORS rule; the local S3 emulator's).
   */
  private async followVideoRedirect(id: string, options: RequestOptions): Promise<string> {
    const { error, response } = await this.api.GET("/v1/jobs/{id}/video", {
      params: { path: { id } },
      headers: { range: "bytes=0-0" },
      parseAs: "stream",
      signal: options.signal,
    });
    if (response.redirected && response.ok) {
      await response.body?.cancel();
      return response.url;
    }
    if (response.redirected) throw await storageError(response, "download_failed");
    throw PixpipeApiError.fromResponse(response, error ?? (await response.json().catch(() => undefined)));
  }

  createUpload(request: UploadRequest, options: RequestOptions = {}): Promise<UploadGrant> {
    return unwrap(this.api.POST("/v1/uploads", { body: request, signal: options.signal }));
  }

  /**
   * Uploads a Blob (a browser's File, a file opened with fs.openAsBlob) for use as `{ upload: key }`
   * in a job's input: asks for a presigned URL with its type (sniffed from its first bytes, else its
   * name's extension) and size, then PUTs it there. Refused before any request when the type is not
   * one the API takes.
   */
  async upload(blob: Blob, options: UploadOptions = {}): Promise<UploadRef> {
    const filename =
      options.filename ??
      ("name" in blob && typeof blob.name === "string" && blob.name ? blob.name : "upload");
    const contentType =
      options.contentType ??
      sniffContentType(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer())) ??
      contentTypeFromName(filename);
    if (!contentType) throw new UnsupportedMediaTypeError(filename, UPLOAD_CONTENT_TYPES);
    const grant = await this.createUpload({ contentType, filename, size: blob.size }, options);
    // fetch sends a Blob with its exact Content-Length, reading it as it goes.
    const response = await this.fetch(grant.uploadUrl, {
      method: "PUT",
      body: blob,
      headers: { "content-type": contentType },
      signal: options.signal,
    });
    if (!response.ok) throw await storageError(response, "upload_failed");
    await response.body?.cancel();
    return { upload: grant.key };
  }

  /** The API's OpenAPI 3.1 document (GET /openapi.json), e.g. to build forms from its schemas. */
  async document(options: RequestOptions = {}): Promise<OpenApiDocument> {
    const response = await this.fetch(`${this.baseUrl}/openapi.json`, { signal: options.signal });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw PixpipeApiError.fromResponse(response, body);
    return body as OpenApiDocument;
  }

  /**
   * Each state of a job, the current one first (`initial`, when the caller has it), until it is
   * terminal: long polls (`?wait=25`) answered at each change of its status or progress.
   */
  watchJob(id: string, options: WatchOptions & { initial?: Job } = {}): AsyncGenerator<Job, Job> {
    return watchJob(({ waitSeconds, signal }) => this.getJob(id, { waitSeconds, signal }), options);
  }

  /** The job once it is terminal (succeeded, failed or cancelled). */
  async waitForJob(
    id: string,
    options: WatchOptions & { initial?: Job; onUpdate?: (job: Job) => void } = {},
  ): Promise<Job> {
    const states = this.watchJob(id, options);
    for (;;) {
      const next = await states.next();
      if (next.done) return next.value;
      options.onUpdate?.(next.value);
    }
  }

  /** Creates a job and waits until it is terminal. */
  async runJob(request: CreateJobRequest, options: RunJobOptions = {}): Promise<Job> {
    const createWait = options.onUpdate ? 0 : (options.waitSeconds ?? MAX_WAIT_SECONDS);
    const job = await this.createJob(request, { ...options, waitSeconds: createWait });
    return this.waitForJob(job.id, { ...options, initial: job });
  }

  selectMasks(request: MaskSelectionRequest, options: RequestOptions = {}): Promise<MaskSelection> {
    return unwrap(this.api.POST("/v1/masks", { body: request, signal: options.signal }));
  }

  catalog(kind: CatalogKind, query: CatalogQuery = {}, options: RequestOptions = {}): Promise<CatalogPage> {
    return unwrap(
      this.api.GET("/v1/catalog/{kind}", { params: { path: { kind }, query }, signal: options.signal }),
    );
  }

  /** Who the API key is: its tenant (id, name, limits), its scopes and whether it is an admin key. */
  me(options: RequestOptions = {}): Promise<Me> {
    return unwrap(this.api.GET("/v1/me", { signal: options.signal }));
  }

  /** PixVerse's credit balance (admin keys only). */
  balance(options: RequestOptions = {}): Promise<Balance> {
    return unwrap(this.api.GET("/v1/account/balance", { signal: options.signal }));
  }

  /** Jobs by status and credits per day, job type or tenant (see GET /v1/usage). */
  usage(query: UsageQuery = {}, options: RequestOptions = {}): Promise<UsageReport> {
    return unwrap(this.api.GET("/v1/usage", { params: { query }, signal: options.signal }));
  }

  /** The key's tenant's Standard Webhooks signing secret (jobs:write). */
  webhookSecret(options: RequestOptions = {}): Promise<WebhookSecret> {
    return unwrap(this.api.GET("/v1/webhooks/secret", { signal: options.signal }));
  }

  /** A new signing secret; the old one keeps signing for `overlapSeconds` (a day by default). */
  rotateWebhookSecret(
    body: { overlapSeconds?: number } = {},
    options: RequestOptions = {},
  ): Promise<WebhookSecret> {
    return unwrap(this.api.POST("/v1/webhooks/secret/rotate", { body, signal: options.signal }));
  }

  // Admin (admin scope): tenants and their keys.

  createTenant(body: CreateTenantRequest, options: RequestOptions = {}): Promise<Tenant> {
    return unwrap(this.api.POST("/v1/admin/tenants", { body, signal: options.signal }));
  }

  /** One page of tenants, by id. */
  listTenants(query: ListTenantsQuery = {}, options: RequestOptions = {}): Promise<TenantList> {
    return unwrap(this.api.GET("/v1/admin/tenants", { params: { query }, signal: options.signal }));
  }

  /** Every tenant, by id, fetching the next page as the loop reaches it. */
  tenants(
    query: Omit<ListTenantsQuery, "cursor"> = {},
    options: RequestOptions = {},
  ): AsyncGenerator<Tenant> {
    return everyPage((cursor) =>
      this.listTenants({ ...query, ...cursor }, options).then((page) => [page.tenants, page]),
    );
  }

  getTenant(id: string, options: RequestOptions = {}): Promise<Tenant> {
    return unwrap(
      this.api.GET("/v1/admin/tenants/{id}", { params: { path: { id } }, signal: options.signal }),
    );
  }

  /** A merge patch: absent fields stay, a limit set to null is removed. */
  updateTenant(id: string, body: UpdateTenantRequest, options: RequestOptions = {}): Promise<Tenant> {
    return unwrap(
      this.api.PATCH("/v1/admin/tenants/{id}", { params: { path: { id } }, body, signal: options.signal }),
    );
  }

  /** A new key; its `secret` is in this answer only. */
  createApiKey(
    tenantId: string,
    body: CreateApiKeyRequest,
    options: RequestOptions = {},
  ): Promise<IssuedApiKey> {
    return unwrap(
      this.api.POST("/v1/admin/tenants/{id}/keys", {
        params: { path: { id: tenantId } },
        body,
        signal: options.signal,
      }),
    );
  }

  async listApiKeys(tenantId: string, options: RequestOptions = {}): Promise<ApiKey[]> {
    const { keys } = await unwrap(
      this.api.GET("/v1/admin/tenants/{id}/keys", {
        params: { path: { id: tenantId } },
        signal: options.signal,
      }),
    );
    return keys;
  }

  /** Refused from the next request on. */
  async revokeApiKey(tenantId: string, keyId: string, options: RequestOptions = {}): Promise<void> {
    await unwrap(
      this.api.DELETE("/v1/admin/tenants/{id}/keys/{keyId}", {
        params: { path: { id: tenantId, keyId } },
        signal: options.signal,
      }),
    );
  }

  /** A new key now; the old one works for `overlapSeconds` more (a day by default). */
  rotateApiKey(
    tenantId: string,
    keyId: string,
    body: { overlapSeconds?: number } = {},
    options: RequestOptions = {},
  ): Promise<RotatedApiKey> {
    return unwrap(
      this.api.POST("/v1/admin/tenants/{id}/keys/{keyId}/rotate", {
        params: { path: { id: tenantId, keyId } },
        body,
        signal: options.signal,
      }),
    );
  }
}
