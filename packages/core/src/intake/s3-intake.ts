import {
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { requireSetting } from "../config";
import { IdempotencyConflictError, type JobError, type JobStatus, type JobType } from "../job";
import type { InputIssue } from "../job/input";
import type { Logger } from "../pipeline";
import { type Caller, type JobService, JobValidationError, QuotaExceededError } from "../services";
import type { TenantRepository } from "../tenant";
import { describeIssues } from "../validation";
import type { Pipeline } from "../wiring";
import { describeImageIssue, imageJobRequest } from "./image-request";
import { IMAGE_EXTENSIONS, INTAKE_LIMITS, MANIFEST_SUFFIX, readIncomingKey } from "./incoming-object";
import { type FailedRequest, type IntakeRequest, parseManifest } from "./manifest";
import {
  type CreatedObject,
  parseS3EventRecord,
  type S3EventNotification,
  s3IdempotencyKey,
} from "./s3-event";

/**
 * The job type a failed job carries when its object names none (an unsupported file, a manifest
 * without a valid type): every job has one, and a dropped file otherwise starts an image_to_video job.
 */
export const FALLBACK_JOB_TYPE: JobType = "image_to_video";

/** Job metadata key naming the object a job came from, `s3://{bucket}/{key}`. */
export const SOURCE_METADATA_KEY = "s3Object";

export type IgnoredReason =
  /** Not an ObjectCreated record (S3 sends what the notification subscribes to). */
  | "not_object_created"
  /** A record that is not S3's event shape; no retry can fix it. */
  | "malformed_record"
  /** Media references name objects of the media bucket, so only its objects start jobs. */
  | "other_bucket"
  | "outside_incoming"
  | "folder_marker"
  | "unknown_tenant"
  /** Deleted before it was read. */
  | "object_gone"
  /** Overwritten before it was read: the newer object's own notification starts its job. */
  | "object_replaced";

/** What became of one record. */
export type IntakeOutcome =
  | { outcome: "job_created"; key: string; jobId: string; status: JobStatus }
  | { outcome: "job_failed"; key: string; jobId: string; error: JobError }
  /** An earlier delivery of this object version already started its job. */
  | { outcome: "duplicate"; key: string; jobId: string }
  | { outcome: "ignored"; key: string | null; reason: IgnoredReason }
  /** An infrastructure failure (DynamoDB, S3 access): the invocation fails so Lambda retries the event. */
  | { outcome: "error"; key: string; message: string };

export interface IntakeReport {
  outcomes: IntakeOutcome[];
  jobsCreated: number;
  failedJobs: number;
  duplicates: number;
  ignored: number;
  /** Objects under `incoming/{tenantId}/` of a tenant that does not exist. */
  unknownTenantObjects: number;
  errors: number;
}

/** Thrown by `handle` when a record hit an infrastructure error; the other records are done. */
export class IntakeRetryError extends Error {
  override readonly name = "IntakeRetryError";
  constructor(readonly report: IntakeReport) {
    const failed = report.outcomes.filter((o) => o.outcome === "error");
    super(
      `${failed.length} of ${report.outcomes.length} S3 records failed and will be retried: ${failed
        .map((o) => `${o.key}: ${o.message}`)
        .join("; ")}`,
    );
  }
}

export interface S3IntakeDeps {
  /** The service POST /v1/jobs uses: valid objects become jobs, bad ones failed jobs with their event. */
  jobService: Pick<JobService, "createJob" | "recordRejected">;
  tenants: Pick<TenantRepository, "getTenant">;
  s3: S3Client;
  /** The media bucket. */
  bucket: string;
  logger: Logger;
}

type Incoming = { object: CreatedObject; tenantId: string };

/** The request of a failed job when nothing of the object was read. */
const NOTHING_READ: FailedRequest = { input: {}, metadata: {} };

/** The job's metadata plus the object it came from (which a failed job's event then names). */
function withSource(metadata: Record<string, string>, object: CreatedObject): Record<string, string> {
  return { ...metadata, [SOURCE_METADATA_KEY]: `s3://${object.bucket}/${object.key}` };
}

type Head = Pick<HeadObjectCommandOutput, "ContentLength" | "ETag" | "Metadata">;

/**
 * Starts jobs from objects created under `incoming/{tenantId}/` of the media bucket (ARCHITECTURE
 * §6): `*.job.json` manifests and images with a `prompt` in their object metadata. A bad object
 * becomes a failed job with its `pixpipe.job.failed` event; nothing is dropped without a log line.
 */
export class S3Intake {
  constructor(private readonly deps: S3IntakeDeps) {}

  /**
   * Processes every record independently and reports each. Throws IntakeRetryError after all of
   * them ran if any hit an infrastructure error: the Lambda invocation then fails and is retried,
   * and the records already done are duplicates the second time.
   */
  async handle(event: S3EventNotification): Promise<IntakeReport> {
    const records = event.Records ?? [];
    const outcomes = await Promise.all(records.map((record) => this.processRecord(record)));
    const report = summarize(outcomes);
    const { outcomes: _, ...counts } = report;
    this.deps.logger.info("S3 intake processed an event", { records: records.length, ...counts });
    if (report.errors > 0) throw new IntakeRetryError(report);
    return report;
  }

  private async processRecord(record: unknown): Promise<IntakeOutcome> {
    const parsed = parseS3EventRecord(record);
    if (parsed.kind === "malformed") {
      this.deps.logger.error("S3 record ignored: not an S3 event record", { problem: parsed.problem });
      return { outcome: "ignored", key: null, reason: "malformed_record" };
    }
    if (parsed.kind === "other_event") {
      this.deps.logger.warn("S3 record ignored: not ObjectCreated", { eventName: parsed.eventName });
      return { outcome: "ignored", key: null, reason: "not_object_created" };
    }
    const object = parsed.object;
    try {
      return await this.processObject(object);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.error("S3 object not processed; the event will be retried", {
        bucket: object.bucket,
        key: object.key,
        error: message,
      });
      return { outcome: "error", key: object.key, message };
    }
  }

  private async processObject(object: CreatedObject): Promise<IntakeOutcome> {
    const { key } = object;
    if (object.bucket !== this.deps.bucket) {
      return this.ignore(object, "other_bucket", "error", { mediaBucket: this.deps.bucket });
    }
    const place = readIncomingKey(key);
    if (place.kind !== "incoming") return this.ignore(object, place.kind, "info");
    const { tenantId } = place;
    if (!(await this.deps.tenants.getTenant(tenantId))) {
      return this.ignore(object, "unknown_tenant", "warn", { tenantId, unknownTenantObjects: 1 });
    }
    const incoming = { object, tenantId };
    switch (place.objectKind) {
      case "unsupported":
        return this.fail(incoming, NOTHING_READ, {
          code: "invalid_request",
          message: `unsupported file type: ${key.split("/").pop()} is neither a job manifest (*${MANIFEST_SUFFIX}) nor an image (${IMAGE_EXTENSIONS.join(", ")})`,
        });
      case "image":
        return this.fromImage(incoming);
      case "manifest":
        return this.fromManifest(incoming);
    }
  }

  private async fromImage(incoming: Incoming): Promise<IntakeOutcome> {
    const head = await this.head(incoming.object);
    if (typeof head === "string") return this.ignore(incoming.object, head, "warn");
    const { request, issues } = imageJobRequest(incoming.object.key, head.Metadata ?? {});
    const size = head.ContentLength ?? incoming.object.size;
    if (size > INTAKE_LIMITS.imageBytes) {
      return this.fail(incoming, request, {
        code: "invalid_request",
        message: `the image is ${size} bytes; PixVerse accepts images up to ${INTAKE_LIMITS.imageBytes} bytes`,
      });
    }
    if (issues.length > 0) return this.fail(incoming, request, imageError(issues));
    return this.create(incoming, request, imageError);
  }

  private async fromManifest(incoming: Incoming): Promise<IntakeOutcome> {
    const head = await this.head(incoming.object);
    if (typeof head === "string") return this.ignore(incoming.object, head, "warn");
    const size = head.ContentLength ?? incoming.object.size;
    if (size > INTAKE_LIMITS.manifestBytes) {
      return this.fail(incoming, NOTHING_READ, {
        code: "invalid_request",
        message: `the job manifest is ${size} bytes; a manifest may have at most ${INTAKE_LIMITS.manifestBytes} bytes`,
      });
    }
    const bytes = await this.read(incoming.object, head.ETag);
    if (typeof bytes === "string") return this.ignore(incoming.object, bytes, "warn");
    const manifest = parseManifest(bytes);
    if (!manifest.ok) return this.fail(incoming, manifest.request, manifestError(manifest.issues));
    return this.create(incoming, manifest.request, manifestError);
  }

  /** Through the job service, exactly like POST /v1/jobs with an Idempotency-Key. */
  private async create(
    incoming: Incoming,
    request: IntakeRequest,
    toJobError: (issues: readonly InputIssue[]) => JobError,
  ): Promise<IntakeOutcome> {
    const { object, tenantId } = incoming;
    const caller: Caller = { tenantId, admin: false };
    try {
      const { job, created } = await this.deps.jobService.createJob(
        caller,
        { ...request, metadata: withSource(request.metadata, object) },
        { idempotencyKey: s3IdempotencyKey(object) },
      );
      if (!created) return this.duplicate(object, job.id);
      this.deps.logger.info("S3 object started a job", {
        key: object.key,
        tenantId,
        jobId: job.id,
        type: job.type,
      });
      return { outcome: "job_created", key: object.key, jobId: job.id, status: job.status };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) return this.duplicate(object, error.existingJobId);
      // A spent budget resets only at the next UTC day or month, long after SQS gives up retrying.
      if (error instanceof QuotaExceededError) {
        return this.fail(incoming, request, { code: "quota_exceeded", message: error.message });
      }
      if (!(error instanceof JobValidationError)) throw error;
      return this.fail(incoming, request, toJobError(error.issues));
    }
  }

  /**
   * Records the object as a job born failed, with its `pixpipe.job.failed` event. Should the send
   * fail, the job keeps its event owed and the poller sends it (invariant 4).
   */
  private async fail(incoming: Incoming, request: FailedRequest, error: JobError): Promise<IntakeOutcome> {
    const { object, tenantId } = incoming;
    const caller: Caller = { tenantId, admin: false };
    try {
      const { job, created } = await this.deps.jobService.recordRejected(
        caller,
        {
          type: request.type ?? FALLBACK_JOB_TYPE,
          input: request.input,
          metadata: withSource(request.metadata, object),
        },
        error,
        { idempotencyKey: s3IdempotencyKey(object) },
      );
      if (!created) return this.duplicate(object, job.id);
      this.deps.logger.info("S3 object became a failed job", {
        key: object.key,
        tenantId,
        jobId: job.id,
        error,
      });
      return { outcome: "job_failed", key: object.key, jobId: job.id, error };
    } catch (caught) {
      // An earlier delivery judged the object differently (e.g. its media were missing then): its job stands.
      if (caught instanceof IdempotencyConflictError) return this.duplicate(object, caught.existingJobId);
      throw caught;
    }
  }

  /** HeadObject of exactly the notified version: its size and metadata, and the ETag to read it by. */
  private async head(object: CreatedObject): Promise<Head | "object_gone" | "object_replaced"> {
    let head: Head;
    try {
      head = await this.deps.s3.send(
        new HeadObjectCommand({
          Bucket: object.bucket,
          Key: object.key,
          ...(object.versionId ? { VersionId: object.versionId } : {}),
        }),
      );
    } catch (error) {
      if (errorName(error) === "NotFound") return "object_gone";
      throw error;
    }
    // Without versioning the key may already hold a newer object, whose own notification follows.
    return head.ETag?.replaceAll('"', "") === object.eTag ? head : "object_replaced";
  }

  private async read(
    object: CreatedObject,
    eTag: string | undefined,
  ): Promise<Uint8Array | "object_gone" | "object_replaced"> {
    try {
      const got = await this.deps.s3.send(
        new GetObjectCommand({
          Bucket: object.bucket,
          Key: object.key,
          ...(object.versionId ? { VersionId: object.versionId } : {}),
          ...(eTag ? { IfMatch: eTag } : {}),
        }),
      );
      if (!got.Body) throw new Error(`GetObject ${object.key} returned no body`);
      return await got.Body.transformToByteArray();
    } catch (error) {
      const name = errorName(error);
      if (name === "NoSuchKey" || name === "NotFound") return "object_gone";
      if (name === "PreconditionFailed") return "object_replaced";
      throw error;
    }
  }

  private duplicate(object: CreatedObject, jobId: string): IntakeOutcome {
    this.deps.logger.info("S3 object already started its job (duplicate notification)", {
      key: object.key,
      jobId,
    });
    return { outcome: "duplicate", key: object.key, jobId };
  }

  private ignore(
    object: CreatedObject,
    reason: IgnoredReason,
    level: "info" | "warn" | "error",
    extra: Record<string, unknown> = {},
  ): IntakeOutcome {
    this.deps.logger[level]("S3 object starts no job", {
      bucket: object.bucket,
      key: object.key,
      reason,
      ...extra,
    });
    return { outcome: "ignored", key: object.key, reason };
  }
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: unknown } | null)?.name as string | undefined;
}

function imageError(issues: readonly InputIssue[]): JobError {
  return {
    code: "invalid_request",
    message: `the image cannot start a job: ${issues.map(describeImageIssue).join("; ")}`,
  };
}

function manifestError(issues: readonly InputIssue[]): JobError {
  return {
    code: "invalid_request",
    message: `the job manifest is invalid: ${describeIssues(issues)}`,
  };
}

function summarize(outcomes: IntakeOutcome[]): IntakeReport {
  const count = (predicate: (outcome: IntakeOutcome) => boolean) => outcomes.filter(predicate).length;
  return {
    outcomes,
    jobsCreated: count((o) => o.outcome === "job_created"),
    failedJobs: count((o) => o.outcome === "job_failed"),
    duplicates: count((o) => o.outcome === "duplicate"),
    ignored: count((o) => o.outcome === "ignored"),
    unknownTenantObjects: count((o) => o.outcome === "ignored" && o.reason === "unknown_tenant"),
    errors: count((o) => o.outcome === "error"),
  };
}

/** The intake over a pipeline's services and its S3 client. */
export function createS3Intake(pipeline: Pipeline): S3Intake {
  return new S3Intake({
    jobService: pipeline.jobService,
    tenants: pipeline.tenants,
    s3: pipeline.clients.s3,
    bucket: requireSetting(pipeline.config.mediaBucket, "mediaBucket"),
    logger: pipeline.logger,
  });
}
