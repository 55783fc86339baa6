import { monotonicFactory } from "ulid";
import * as z from "zod";
import { METADATA_LIMITS } from "../limits";
import { type JobWebhook, jobWebhookSchema } from "../webhooks/subscription";
import { type InputWarning, inputWarningSchema, type JobType, jobTypeSchema } from "./input";
import { isTerminal, type JobStage, jobErrorCodeSchema, jobStageSchema, jobStatusSchema } from "./status";

export const JOB_ID_PREFIX = "job_";
export const jobIdSchema = z.string().regex(/^job_[0-9A-HJKMNP-TV-Z]{26}$/, "must be a job id (job_<ULID>)");

// Ids made in the same millisecond by one process still sort in creation order (a monotonic ULID),
// and an id's time is always its job's createdAt (a fresh factory per millisecond: one reused across a
// clock that steps back would stamp the later time), so a creation range is a key range.
let idMillisecond = -1;
let nextUlid = monotonicFactory();

/** A new job id: `job_` + ULID of the creation time, so ids sort by creation time. */
export function newJobId(now: Date = new Date()): string {
  const time = now.getTime();
  if (time !== idMillisecond) {
    idMillisecond = time;
    nextUlid = monotonicFactory();
  }
  return `${JOB_ID_PREFIX}${nextUlid(time)}`;
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

/** What a media reference became on PixVerse (see job/input/media.ts ResolvedSlot). */
export const resolvedSlotSchema = z.union([
  z.strictObject({ imgId: digits }),
  z.strictObject({ mediaId: digits }),
  z.strictObject({ sourceVideoId: digits }),
]);

/** The generation slots a job holds: one of pixpipe's, and one of its tenant's when the tenant has a limit. */
export const heldSlotsSchema = z.object({
  global: z.int().nonnegative(),
  tenant: z.int().nonnegative().optional(),
});
export type HeldSlots = z.infer<typeof heldSlotsSchema>;

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
  /** Why the queue refused the job's event for good (it is not retried). */
  eventError: z.string().optional(),
  /** Where the job stands while it is not terminal (its progress). */
  stage: jobStageSchema.optional(),
  /** The last transient problem, in words a user can act on, while the job retries. */
  reason: z.string().optional(),
  /**
   * The generation slots the job holds (invariant 6), from the claim that starts it until its
   * generation ends; taken and given back in the same transaction as the job's own write.
   */
  slots: heldSlotsSchema.optional(),
  /** One process is starting the job (uploading its media, submitting it) until then (invariant 7). */
  claimedUntil: isoDateTime.optional(),
  /** A waiting job is not started before then (the backoff after a failed start). */
  notBefore: isoDateTime.optional(),
  /** What each media reference became on PixVerse, recorded as it is uploaded: each is uploaded once. */
  media: z.record(z.string(), resolvedSlotSchema).optional(),
  /** Input fields passed through to PixVerse unvalidated (docs/pixverse-compatibility.md). */
  warnings: z.array(inputWarningSchema).optional(),
  /** Where the job's chosen events are POSTed (fixed at creation); the signing secrets are the tenant's. */
  webhook: jobWebhookSchema.optional(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

/** Where a job stands while it is not terminal: true at every moment (ARCHITECTURE invariant 8). */
export const jobProgressSchema = z.object({
  stage: jobStageSchema,
  /** The last transient problem and the retry it leads to, in words a user can act on. */
  reason: z.string().optional(),
  /** Failed attempts of the current step (a start, a poll, a copy). */
  attempts: z.number().int().nonnegative(),
  /** When the next attempt is due, when one is scheduled (a retry's backoff, the next poll). */
  nextAttemptAt: isoDateTime.optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

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
  /** Present while the job is not terminal. */
  progress: jobProgressSchema.optional(),
  /** Input fields passed to PixVerse unvalidated, when there were any. */
  warnings: z.array(inputWarningSchema).optional(),
  /** Why the job's event could not be put on JobEvents (it is not retried), when it could not. */
  eventError: z.string().optional(),
  /** Where the job's events are POSTed, when the request asked for callbacks. */
  webhook: jobWebhookSchema.optional(),
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
    ...(isTerminal(record.status) ? {} : { progress: jobProgress(record) }),
    ...(record.warnings?.length ? { warnings: record.warnings } : {}),
    ...(record.eventError ? { eventError: record.eventError } : {}),
    ...(record.webhook ? { webhook: record.webhook } : {}),
  };
}

/** A non-terminal job's progress, from its record. */
export function jobProgress(record: JobRecord): JobProgress {
  const stage = record.stage ?? STAGE_OF_STATUS[record.status] ?? "queued";
  // A poll's time is its next check; a start or a copy waiting for its retry, its backoff.
  const nextAttemptAt = stage === "generating" ? record.nextCheckAt : record.notBefore;
  return {
    stage,
    ...(record.reason ? { reason: record.reason } : {}),
    attempts: record.attempts,
    ...(nextAttemptAt ? { nextAttemptAt } : {}),
  };
}

const STAGE_OF_STATUS: Partial<Record<JobRecord["status"], JobStage>> = {
  generating: "generating",
  archiving: "archiving",
};

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
  warnings?: InputWarning[];
  webhook?: JobWebhook;
}
