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
/**
 * What a job may retry on its own, per request. Off by default: a retry is a new PixVerse generation
 * (a new trace id), and PixVerse may bill each one.
 */
export const JOB_RETRY_LIMITS = { maxGenerationFailedRetries: 3 } as const;
export const jobRetrySchema = z.strictObject({
  /** Generations started again after PixVerse reports one failed (video status 8): 0 (default) to 3. */
  generationFailed: z
    .int({ error: `must be a whole number of retries, 0 to ${JOB_RETRY_LIMITS.maxGenerationFailedRetries}` })
    .min(0, { error: "must be 0 (never retry) or more" })
    .max(JOB_RETRY_LIMITS.maxGenerationFailedRetries, {
      error: `may be at most ${JOB_RETRY_LIMITS.maxGenerationFailedRetries}: each retry is a new generation PixVerse may bill`,
    })
    .default(0)
    .meta({
      description:
        "Times a generation PixVerse reports failed (video status 8) is started again as a new generation, 0 (never) to 3.",
    }),
});
export type JobRetry = z.infer<typeof jobRetrySchema>;

/** A generation of the job that ended and was followed by another (a retry after PixVerse's status 8). */
export const earlierGenerationSchema = z.object({
  traceId: z.string().min(1),
  pixverseId: digits,
  credits: z.number().nonnegative().optional(),
  error: jobErrorSchema,
});
export type EarlierGeneration = z.infer<typeof earlierGenerationSchema>;

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
  /**
   * PixVerse Ai-trace-id of the current generation's submit, fixed before its first attempt and reused
   * on every retry of that submit (invariant 1); a new generation (`retry`) gets a new one.
   */
  traceId: z.string().min(1),
  /** What the job may retry on its own, as requested. */
  retry: jobRetrySchema.optional(),
  /** The generations before the current one, oldest first (each failed, and was retried). */
  earlierGenerations: z.array(earlierGenerationSchema).optional(),
  /**
   * PixVerse's id of the generation (a video id, or an image id for image jobs); the public job shows
   * it as `pixverse.videoId`.
   */
  pixverseId: digits.optional(),
  /** What PixVerse reported charging for the current generation. */
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
  /**
   * A submit of this job got no answer (a reset, a timeout): PixVerse may be generating it under the job's
   * trace id, so the job keeps its slots through every retry until a submit is answered (invariant 6).
   */
  submitUnanswered: z.literal(true).optional(),
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

/** One PixVerse generation of a job: the first, or a retry after PixVerse's status 8. */
export const publicGenerationSchema = z.object({
  traceId: z.string(),
  /** Present once PixVerse accepted the submit. */
  videoId: digits.optional(),
  /** pending: not accepted by PixVerse yet; generating; succeeded (PixVerse made the video); failed; cancelled. */
  status: z.enum(["pending", "generating", "succeeded", "failed", "cancelled"]),
  /** Why a failed generation failed. */
  error: jobErrorSchema.optional(),
  /** Present once PixVerse reported the charge. */
  credits: z.number().optional(),
});
export type PublicGeneration = z.infer<typeof publicGenerationSchema>;

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
    /** Present once PixVerse reported a charge: the credits of every generation together. */
    credits: z.number().optional(),
  }),
  /** What the job may retry on its own, when the request said. */
  retry: jobRetrySchema.optional(),
  /** Every PixVerse generation of the job, oldest first; more than one only after retries. */
  generations: z.array(publicGenerationSchema),
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
  const generations = jobGenerations(record);
  const charged = generations.filter((generation) => generation.credits !== undefined);
  const credits =
    charged.length === 0 ? undefined : charged.reduce((total, generation) => total + generation.credits!, 0);
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
      ...(credits !== undefined ? { credits } : {}),
    },
    ...(record.retry ? { retry: record.retry } : {}),
    generations,
    ...(record.output ? { output: record.output } : {}),
    ...(record.error ? { error: record.error } : {}),
    ...(isTerminal(record.status) ? {} : { progress: jobProgress(record) }),
    ...(record.warnings?.length ? { warnings: record.warnings } : {}),
    ...(record.eventError ? { eventError: record.eventError } : {}),
    ...(record.webhook ? { webhook: record.webhook } : {}),
  };
}

/** Every generation of a job, the current one last. */
export function jobGenerations(record: JobRecord): PublicGeneration[] {
  const earlier = (record.earlierGenerations ?? []).map(
    (generation): PublicGeneration => ({
      traceId: generation.traceId,
      videoId: generation.pixverseId,
      status: "failed",
      error: generation.error,
      ...(generation.credits !== undefined ? { credits: generation.credits } : {}),
    }),
  );
  const status = currentGenerationStatus(record);
  const current: PublicGeneration = {
    traceId: record.traceId,
    ...(record.pixverseId !== undefined ? { videoId: record.pixverseId } : {}),
    status,
    ...(status === "failed" && record.error ? { error: record.error } : {}),
    ...(record.credits !== undefined ? { credits: record.credits } : {}),
  };
  return [...earlier, current];
}

/**
 * Where the current generation stands. A job that failed or was cancelled before PixVerse accepted it
 * has no generation at PixVerse; its generation ends as the job did.
 */
function currentGenerationStatus(record: JobRecord): PublicGeneration["status"] {
  switch (record.status) {
    case "queued":
      return "pending";
    case "generating":
      return "generating";
    case "archiving":
    case "succeeded":
      return "succeeded";
    case "failed":
      // A job whose copy failed had a generation PixVerse finished.
      return record.resultUrl !== undefined ? "succeeded" : "failed";
    case "cancelled":
      return "cancelled";
  }
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
  /** A queued job's stage when it is not plain `queued` (it waits for a slot, or starts at once). */
  stage?: JobStage;
  /** A job created already started: the generation slots it took and its claim's lease. */
  slots?: HeldSlots;
  claimedUntil?: string;
  /** For a job created failed: its event still has to go out. */
  eventPending?: boolean;
  warnings?: InputWarning[];
  retry?: JobRetry;
  webhook?: JobWebhook;
}
