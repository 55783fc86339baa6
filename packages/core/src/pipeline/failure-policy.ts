import type { JobError, JobErrorCode } from "../job";
import { MediaFetchError } from "../media";
import { ERR_CODES, PIXVERSE_STATUS, PixverseError } from "../pixverse";
import { backoffDelayMs } from "./backoff";
import type { Timings } from "./timings";

/** Where a step failed: the media uploads before a submit, the submit itself, or a poll of the result. */
export type PixverseStep = "upload" | "submit" | "poll";

/** The job ends with this error. */
export interface FailDecision {
  action: "fail";
  error: JobError;
}

/** The failed step is tried again, as it was (a retried submit keeps its trace id). */
export interface RetryDecision {
  action: "retry";
  /** Milliseconds until the next attempt. */
  after: number;
  /** A retry that needs an operator (e.g. a wrong API key): logged as an error. */
  alarming: boolean;
  /** The attempts the job gets in all, when they are bounded (media that looks gone for good). */
  maxAttempts?: number;
}

/** The generation failed and the job asked for another: the same input, as a new generation. */
export interface RegenerateDecision {
  action: "regenerate";
  /** What ended the generation that failed, as its entry in the job's generations says. */
  failed: JobError;
  /** The generation about to start (2 for the first retry), and how many the job may have in all. */
  generation: number;
  of: number;
  /** What the job's progress says meanwhile. */
  reason: string;
}

/** What to do with a job whose step failed, or whose generation PixVerse reported failed. */
export type FailureDecision = FailDecision | RetryDecision | RegenerateDecision;

export interface FailureContext {
  error: unknown;
  step: PixverseStep;
  /** Failed attempts of this step so far (the backoff input). */
  attempts: number;
  /** When the job was created (ISO-8601), for its deadline. */
  createdAt: string;
  now: Date;
  deadlineSeconds: number;
  timings: Pick<Timings, "poll" | "submitRetry" | "mediaRetry" | "mediaMaxAttempts">;
  /** For the backoff's jitter; tests pass a fixed one. */
  random?: () => number;
}

/** The error of a job that did not finish in time. */
export function timeoutError(deadlineSeconds: number): JobError {
  return { code: "timeout", message: `the job did not finish within ${deadlineSeconds} s` };
}

export function pastDeadline(createdAt: string, now: Date, deadlineSeconds: number): boolean {
  return now.getTime() - Date.parse(createdAt) > deadlineSeconds * 1000;
}

/**
 * The job error for a call PixVerse refused for good. An unknown video on a poll is PixVerse losing
 * track of it (nothing to wait for); a file its upload refuses is the job's media, not its parameters.
 */
const REFUSAL_CODES: Record<PixverseStep, Record<"request" | "not_found", JobErrorCode>> = {
  upload: { request: "media_unavailable", not_found: "media_unavailable" },
  submit: { request: "invalid_request", not_found: "invalid_request" },
  poll: { request: "invalid_request", not_found: "generation_failed" },
};

/**
 * What a failed upload, submit or poll means for the job. Causes no retry can fix end it at once.
 * Retryable failures (concurrency 500044, load 500069, 5xx, network, unreadable answers) and auth
 * failures (fixable by the operator) are retried with backoff until the job's deadline; a retried
 * submit reuses the trace id, so it cannot bill twice.
 */
export function decideFailure(context: FailureContext): FailDecision | RetryDecision {
  const { error, step } = context;
  const permanent = permanentError(error, step);
  if (permanent) return { action: "fail", error: permanent };
  if (pastDeadline(context.createdAt, context.now, context.deadlineSeconds)) {
    return { action: "fail", error: timeoutError(context.deadlineSeconds) };
  }
  if (error instanceof MediaFetchError && error.likelyGone) {
    // A few quick tries, then the job says so: a minute or two, never the hour of its deadline.
    const maxAttempts = context.timings.mediaMaxAttempts;
    if (context.attempts + 1 >= maxAttempts) {
      return {
        action: "fail",
        error: { code: "media_unavailable", message: `${error.message} (after ${maxAttempts} attempts)` },
      };
    }
    return {
      action: "retry",
      after: backoffDelayMs(context.timings.mediaRetry, context.attempts, context.random),
      alarming: false,
      maxAttempts,
    };
  }
  const policy = step === "poll" ? context.timings.poll : context.timings.submitRetry;
  return {
    action: "retry",
    after: backoffDelayMs(policy, context.attempts, context.random),
    alarming: isAlarming(error),
  };
}

function permanentError(error: unknown, step: PixverseStep): JobError | undefined {
  if (error instanceof MediaFetchError) {
    return error.retryable ? undefined : { code: "media_unavailable", message: error.message };
  }
  if (!(error instanceof PixverseError)) return undefined;
  const providerCode = error.code !== undefined ? { providerCode: error.code } : {};
  switch (error.kind) {
    case "retryable":
    case "unknown":
    case "auth":
      return undefined;
    case "content":
      return { code: "moderation_failed", message: error.message, ...providerCode };
    case "credits":
      return { code: "insufficient_credits", message: error.message, ...providerCode };
    case "not_found":
    case "request":
      return { code: REFUSAL_CODES[step][error.kind], message: error.message, ...providerCode };
  }
}

/** PixVerse's terminal statuses of a generation that did not succeed. */
export type FailedGenerationStatus =
  | typeof PIXVERSE_STATUS.deleted
  | typeof PIXVERSE_STATUS.moderationFailed
  | typeof PIXVERSE_STATUS.failed;

export interface FailedGenerationContext {
  status: FailedGenerationStatus;
  /** Which generation of the job failed: 1 for its first. */
  generation: number;
  /** The retries the job asked for after a failed generation (`retry.generationFailed`, 0 by default). */
  retries: number;
  createdAt: string;
  now: Date;
  deadlineSeconds: number;
}

/**
 * What a generation PixVerse ended without a video means for its job. Moderation (7) and deletion (6)
 * end it: another generation of the same input would meet the same fate. A failed generation (8) is
 * PixVerse's own error, which PixVerse advises retrying: the job starts a new generation when it asked
 * for retries and has some left before its deadline, and never otherwise, since each one may bill.
 */
export function decideFailedGeneration(context: FailedGenerationContext): FailDecision | RegenerateDecision {
  switch (context.status) {
    case PIXVERSE_STATUS.moderationFailed:
      return fail("moderation_failed", "PixVerse moderation refused the content");
    case PIXVERSE_STATUS.deleted:
      return fail("generation_deleted", "PixVerse reports the video as deleted");
    case PIXVERSE_STATUS.failed:
      break;
  }
  const { generation, retries } = context;
  const failed = "PixVerse reported that the generation failed";
  if (generation > retries) {
    return fail("generation_failed", generation === 1 ? failed : `${failed} (${generation} generations)`);
  }
  if (pastDeadline(context.createdAt, context.now, context.deadlineSeconds)) {
    return fail(
      "generation_failed",
      `${failed}; no retry: the job is past its ${context.deadlineSeconds} s deadline`,
    );
  }
  const next = generation + 1;
  const of = retries + 1;
  return {
    action: "regenerate",
    failed: { code: "generation_failed", message: failed },
    generation: next,
    of,
    reason: `retrying after generation_failed (generation ${next} of ${of})`,
  };
}

function fail(code: JobErrorCode, message: string): FailDecision {
  return { action: "fail", error: { code, message } };
}

/** Failures pixpipe cannot explain, or that need an operator, are logged as errors. */
function isAlarming(error: unknown): boolean {
  if (error instanceof MediaFetchError) return false;
  if (!(error instanceof PixverseError)) return true;
  return error.kind === "auth";
}

/**
 * A failure in words a user can act on, with the retry it leads to: e.g. "cannot fetch example.com:
 * the host does not resolve; retry 3 of 4 at 12:03:10Z".
 */
export function describeFailure(
  error: unknown,
  retry: { attempt: number; retryAt: Date; maxAttempts?: number },
): string {
  const next = retry.attempt + 1;
  const of = retry.maxAttempts === undefined ? `retry ${next}` : `retry ${next} of ${retry.maxAttempts}`;
  const at = `${retry.retryAt.toISOString().slice(11, 19)}Z`;
  return `${failureText(error)}; ${of} at ${at}`;
}

function failureText(error: unknown): string {
  if (error instanceof MediaFetchError) return error.message;
  if (error instanceof PixverseError) {
    const meaning = error.code === undefined ? undefined : ERR_CODES[error.code]?.meaning;
    if (meaning) return `PixVerse answered ${error.code}: ${meaning}`;
    if (error.httpStatus !== undefined) return `PixVerse answered HTTP ${error.httpStatus}`;
    return `PixVerse could not be reached (${error.providerMessage})`;
  }
  return `an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
