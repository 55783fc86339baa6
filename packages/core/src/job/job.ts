import { monotonicFactory } from "ulid";
import { z } from "zod";
import { METADATA_LIMITS } from "../limits";
import { type JobType, jobTypeSchema } from "./input";
import { jobErrorCodeSchema, jobStatusSchema } from "./status";

export const JOB_ID_PREFIX = "job_";
export const jobIdSchema = z.string().regex(/^job_[0-9A-HJKMNP-TV-Z]{26}$/, "must be a job id (job_<ULID>)");

// Monotonic: ids made in the same millisecond by one process still sort in creation order, which
// is the order of a tenant's job list.
const nextUlid = monotonicFactory();

/** A new job id: `job_` + ULID, so ids sort by creation time. */
export function newJobId(now: Date = new Date()): string {
  return `${JOB_ID_PREFIX}${nextUlid(now.getTime())}`;
}

const isoDateTime = z.iso.datetime();

/** A job request's own labels, stored with the job and echoed back; the same rules for every way in. */
export const jobMetadataSchema = z
  .record(z.string().min(1).max(METADATA_LIMITS.maxKeyLength), z.string().max(METADATA_LIMITS.maxValueLength))
  .refine((metadata) => Object.keys(metadata).length <= METADATA_LIMITS.maxKeys, {
    message: `metadata may hold at most ${METADATA_LIMITS.maxKeys} keys`,
  });
const digits = z.string().regex(/^\d+$/, "must be a PixVerse id (digits only)");

export const jobOutputSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** As reported by PixVerse for the result, when it did. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type JobOutput = z.infer<typeof jobOutputSchema>;

export const jobErrorSchema = z.object({
  code: jobErrorCodeSchema,
  message: z.string(),
  /** PixVerse's ErrCode when the failure came from PixVerse. */
  providerCode: z.number().int().optional(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

/** A job as stored (the job item without its key and index attributes). */
export const jobRecordSchema = z.object({
  id: jobIdSchema,
  tenantId: z.string().min(1),
  type: jobTypeSchema,
  status: jobStatusSchema,
  /** The validated request input (PixVerse field names, media references). */
  input: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.string()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Incremented by every write; `expectVersion` makes a write conditional on it (optimistic lock). */
  version: z.number().int().positive(),
  /** PixVerse Ai-trace-id of the submit, fixed at creation and reused on every retry (invariant 1). */
  traceId: z.string().min(1),
  /**
   * PixVerse's id of the generation (a video id, or an image id for image jobs); the public job shows
   * it as `pixverse.videoId`.
   */
  pixverseId: digits.optional(),
  credits: z.number().nonnegative().optional(),
  /** PixVerse's result URL; kept when archiving fails so the video is not lost. */
  resultUrl: z.string().optional(),
  output: jobOutputSchema.optional(),
  error: jobErrorSchema.optional(),
  /** Failed attempts of the current step (submit, poll or archive); the backoff input. */
  attempts: z.number().int().nonnegative(),
  /**
   * When the poller should look at the job next. Present on every non-terminal job (invariant 3:
   * nothing is lost) and on terminal jobs whose event is unsent; it puts the job in the `due` index.
   */
  nextCheckAt: isoDateTime.optional(),
  /** A terminal job whose event has not been confirmed sent (invariant 4). */
  eventPending: z.boolean().optional(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

/** The public Job object (ARCHITECTURE §2). */
export const publicJobSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  type: jobTypeSchema,
  status: jobStatusSchema,
  input: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.string()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  pixverse: z.object({
    /** A string: PixVerse ids exceed 2^53. Present once PixVerse accepted the job. */
    videoId: digits.optional(),
    traceId: z.string(),
    /** Present once PixVerse reported the charge. */
    credits: z.number().optional(),
  }),
  /** Present once archived. */
  output: jobOutputSchema.optional(),
  /** Present once failed. */
  error: jobErrorSchema.optional(),
});
export type PublicJob = z.infer<typeof publicJobSchema>;

export function toPublicJob(record: JobRecord): PublicJob {
  return {
    id: record.id,
    tenantId: record.tenantId,
    type: record.type,
    status: record.status,
    input: record.input,
    metadata: record.metadata,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    pixverse: {
      ...(record.pixverseId !== undefined ? { videoId: record.pixverseId } : {}),
      traceId: record.traceId,
      ...(record.credits !== undefined ? { credits: record.credits } : {}),
    },
    ...(record.output ? { output: record.output } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}

/** What a caller supplies to create a job; the repository fills in version and timestamps. */
export interface NewJob {
  id: string;
  tenantId: string;
  type: JobType;
  input: Record<string, unknown>;
  metadata: Record<string, string>;
  traceId: string;
  status?: "queued" | "failed";
  error?: JobError;
  /** Default: created time (the poller picks it up at once unless `advance` finishes it first). */
  nextCheckAt?: string;
  /** For a job created failed: its event still has to go out. */
  eventPending?: boolean;
}
