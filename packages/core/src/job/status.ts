import * as z from "zod";

export const JOB_STATUSES = [
  "queued",
  "generating",
  "archiving",
  "succeeded",
  "failed",
  "cancelled",
] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const TERMINAL_STATUSES = ["succeeded", "failed", "cancelled"] as const satisfies readonly JobStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminal(status: JobStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly JobStatus[]).includes(status);
}

/**
 * ARCHITECTURE §3 as data: the statuses each status may move to. Retries (a queued job resubmitted,
 * a generating job polled again) keep their status and are updates, not transitions; a generating job
 * goes back to queued only for a new generation (its opt-in retry after PixVerse's status 8).
 */
export const allowedTransitions: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  queued: ["generating", "failed", "cancelled"],
  generating: ["archiving", "queued", "failed", "cancelled"],
  archiving: ["succeeded", "failed", "cancelled"],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/**
 * Where a job stands while it is not terminal: what its `progress` reports. A queued job is waiting for
 * its first start, for a generation slot (pixpipe-wide or its tenant's), or being started (its media
 * uploaded to PixVerse, then the submit); the other stages follow the status.
 */
export const JOB_STAGES = [
  "queued",
  "waiting_for_capacity",
  "waiting_for_tenant_limit",
  "fetching_media",
  "submitting",
  "generating",
  "archiving",
] as const;
export const jobStageSchema = z.enum(JOB_STAGES);
export type JobStage = z.infer<typeof jobStageSchema>;

/** Statuses a job may be stored with when it is created (a bad S3 manifest becomes a failed job). */
export const INITIAL_STATUSES = ["queued", "failed"] as const satisfies readonly JobStatus[];

export const JOB_ERROR_CODES = [
  /** The input was refused before or by PixVerse (validation, 4000xx parameter errors, bad manifest). */
  "invalid_request",
  /** A media reference could not be fetched, was refused (SSRF guard) or rejected by PixVerse's upload. */
  "media_unavailable",
  /** PixVerse moderation refused the input or the result (video status 7). */
  "moderation_failed",
  /** PixVerse's generation failed (video status 8). */
  "generation_failed",
  /** PixVerse deleted the video before pixpipe copied it (video status 6). */
  "generation_deleted",
  /** The PixVerse account has no credits left for this job. */
  "insufficient_credits",
  /** The tenant's credit budget per day or month was spent when the job came in (an S3 object). */
  "quota_exceeded",
  /** The job did not finish within the configured deadline. */
  "timeout",
  /** The result could not be copied into S3; the PixVerse URL stays on the job. */
  "archive_failed",
  /** PixVerse answered with an error pixpipe does not map to anything more specific. */
  "provider_error",
] as const;
export const jobErrorCodeSchema = z.enum(JOB_ERROR_CODES);
export type JobErrorCode = z.infer<typeof jobErrorCodeSchema>;
