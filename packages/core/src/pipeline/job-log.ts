import type { JobErrorCode, JobRecord } from "../job";

/** What every log line about a job carries, so one query finds a tenant's or a job's whole story. */
export function jobLogKeys(job: Pick<JobRecord, "id" | "tenantId">): { tenantId: string; jobId: string } {
  return { tenantId: job.tenantId, jobId: job.id };
}

/**
 * Failures a caller causes and fixes (its input, its media, its content): WARN, as the API's 4xx are.
 * Every other failure may need an operator (PixVerse failing, credits gone, deadlines missed, archives
 * lost): ERROR.
 */
const CALLER_FAILURES: ReadonlySet<JobErrorCode> = new Set<JobErrorCode>([
  "invalid_request",
  "media_unavailable",
  "moderation_failed",
]);

/** The level a job's failure is logged at. */
export function failureLogLevel(code: JobErrorCode): "warn" | "error" {
  return CALLER_FAILURES.has(code) ? "warn" : "error";
}
