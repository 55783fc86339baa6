import { IdempotencyConflictError, InvalidCursorError } from "@pixpipe/core/job";
import { MediaFetchError } from "@pixpipe/core/media";
import { PixverseError } from "@pixpipe/core/pixverse";
import {
  JobHasNoOutputError,
  JobNotCancellableError,
  JobValidationError,
  OwnTenantDisableError,
  QuotaExceededError,
  UsageQueryError,
} from "@pixpipe/core/services";
import {
  ApiKeyExpiredError,
  InvalidTenantCursorError,
  TenantExistsError,
  TenantWriteConflictError,
} from "@pixpipe/core/tenant";
import { issuesOf } from "@pixpipe/core/validation";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { AppEnv } from "./api-app";
import type { ErrorBody, ErrorCode, Problem } from "./contract";
import type { ApiLogger } from "./ports";

/** An error the API answers with the one error shape; thrown by routes and middleware. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Problem[],
    /** Response headers that belong to the error, such as Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: Problem[]): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(errorBody(error.code, error.message, error.details), error.status, error.headers);
}

export const notFound = (what = "resource") => new ApiError(404, "not_found", `No such ${what}.`);

const LOCATIONS = { json: "body", query: "query", param: "path", header: "header" } as const;

/** Turns a failed request validation into 400 invalid_request listing every problem. */
export function validationError(target: string, error: ZodError): ApiError {
  const location = LOCATIONS[target as keyof typeof LOCATIONS];
  return invalidRequest(issuesOf(error).map((issue) => (location ? { ...issue, location } : issue)));
}

/** At most this many problems are listed: a body with thousands of bad items gets a short answer. */
export const MAX_LISTED_PROBLEMS = 50;

/** 400 invalid_request with every problem counted and the first MAX_LISTED_PROBLEMS listed. */
function invalidRequest(problems: readonly Problem[]): ApiError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const listed =
    problems.length > MAX_LISTED_PROBLEMS ? `the first ${MAX_LISTED_PROBLEMS} in details` : "see details";
  return new ApiError(400, "invalid_request", `The request is invalid (${count}, ${listed}).`, [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
  ]);
}

/** The core's domain errors. Messages are fixed sentences: a core message may carry internals. */
const CORE_ERRORS = [
  [
    IdempotencyConflictError,
    409,
    "idempotency_conflict",
    "This Idempotency-Key was already used with a different request body.",
  ],
  [InvalidCursorError, 400, "invalid_cursor", "The cursor is invalid or expired."],
  [JobHasNoOutputError, 409, "no_output", "The job has no archived video (yet)."],
  [TenantExistsError, 409, "tenant_exists", "A tenant with this id already exists."],
  [InvalidTenantCursorError, 400, "invalid_cursor", "The cursor is invalid or expired."],
  [TenantWriteConflictError, 409, "conflict", "The tenant kept changing under this request; send it again."],
  [
    ApiKeyExpiredError,
    409,
    "key_expired",
    "The API key has already expired and cannot be rotated; create a new key instead.",
  ],
  [
    OwnTenantDisableError,
    409,
    "own_tenant",
    "An admin key cannot disable its own tenant; use an admin key of another tenant.",
  ],
] as const;

export function fromCoreError(error: unknown): ApiError | undefined {
  if (error instanceof JobValidationError) {
    // Core's issue paths start at the request body's root ("input.duration").
    return invalidRequest(error.issues.map(({ path, message }) => ({ path, message, location: "body" })));
  }
  if (error instanceof JobNotCancellableError) return fromNotCancellable(error);
  if (error instanceof UsageQueryError) {
    return invalidRequest(error.issues.map(({ path, message }) => ({ path, message, location: "query" })));
  }
  if (error instanceof QuotaExceededError) return fromQuotaExceeded(error);
  if (error instanceof PixverseError) return fromPixverseError(error);
  if (error instanceof MediaFetchError) return new ApiError(422, "media_unavailable", error.message);
  const known = CORE_ERRORS.find(([type]) => error instanceof type);
  return known && new ApiError(known[1], known[2], known[3]);
}

/** Cancel on an ended job, saying how it ended: a cancelled job was not "finished". */
function fromNotCancellable({ status }: JobNotCancellableError): ApiError {
  const message =
    status === "cancelled"
      ? "The job is already cancelled."
      : `The job has already ${status} and can no longer be cancelled.`;
  return new ApiError(409, "job_not_cancellable", message);
}

/** A spent credit budget: which one, how much, and when it resets, in the message, details and Retry-After. */
function fromQuotaExceeded({ spent }: QuotaExceededError): ApiError {
  const field = spent.period === "day" ? "creditsPerDay" : "creditsPerMonth";
  return new ApiError(
    429,
    "quota_exceeded",
    `The tenant's credit budget per ${spent.period} (UTC) is spent: ${spent.spent} of ${spent.budget} credits. It resets at ${spent.resetsAt}.`,
    [
      { path: `limits.${field}`, message: `budget ${spent.budget}, spent ${spent.spent}` },
      { path: "resetsAt", message: spent.resetsAt },
    ],
    { "Retry-After": String(spent.retryAfterSeconds) },
  );
}

/** A synchronous PixVerse call (masks, catalogue, balance) that PixVerse refused or could not answer. */
function fromPixverseError(error: PixverseError): ApiError {
  const details =
    error.code === undefined ? undefined : [{ path: "pixverse", message: `ErrCode ${error.code}` }];
  switch (error.kind) {
    case "content":
      return new ApiError(
        422,
        "content_rejected",
        `PixVerse moderation refused the content: ${error.providerMessage}`,
        details,
      );
    case "credits":
      return new ApiError(
        402,
        "insufficient_credits",
        "The PixVerse account has no credits left for this call.",
        details,
      );
    case "request":
    case "not_found":
      return new ApiError(
        422,
        "pixverse_rejected",
        `PixVerse refused the request: ${error.providerMessage}`,
        details,
      );
    default:
      return new ApiError(
        502,
        "pixverse_unavailable",
        "PixVerse could not answer; try again shortly.",
        details,
      );
  }
}

// Hono raises these itself; the validator's only 400 is for a body that is not valid JSON.
const HTTP_EXCEPTIONS: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: "invalid_json", message: "The request body is not valid JSON." },
  413: { code: "payload_too_large", message: "The request body is too large." },
  415: { code: "unsupported_media_type", message: "The request body must be application/json." },
};

function fromHttpException(error: HTTPException): ApiError {
  const known = HTTP_EXCEPTIONS[error.status];
  if (known) return new ApiError(error.status as ContentfulStatusCode, known.code, known.message);
  return new ApiError(error.status as ContentfulStatusCode, "http_error", error.message || "Request failed.");
}

export function errorHandler(logger: ApiLogger): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    // Middleware such as bearerAuth throws with a finished response (already in our shape).
    if (error instanceof HTTPException)
      return error.res ? error.getResponse() : errorResponse(c, fromHttpException(error));
    const known = fromCoreError(error);
    if (known) return errorResponse(c, known);
    const requestId = c.get("requestId");
    logger.error("unhandled error in API request", {
      error,
      requestId,
      method: c.req.method,
      path: c.req.path,
    });
    return errorResponse(
      c,
      new ApiError(500, "internal_error", `An unexpected error occurred (request id ${requestId}).`),
    );
  };
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => errorResponse(c, notFound("route"));
