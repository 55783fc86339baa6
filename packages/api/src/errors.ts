import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { AppEnv } from "./api-app";
import type { ApiLogger } from "./ports";
import type { ErrorBody, Problem } from "./schemas";

/** An error the API answers with the one error shape; thrown by routes and middleware. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Problem[],
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details?: Problem[]): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(errorBody(error.code, error.message, error.details), error.status);
}

export const notFound = (what = "resource") => new ApiError(404, "not_found", `No such ${what}.`);

/** "input.images[0].upload" from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    const name = String(segment);
    return text === "" ? name : `${text}.${name}`;
  }, "");
}

const LOCATIONS = { json: "body", query: "query", param: "path", header: "header" } as const;

/** Turns a failed request validation into 400 invalid_request listing every problem. */
export function validationError(target: string, error: ZodError): ApiError {
  const location = LOCATIONS[target as keyof typeof LOCATIONS];
  const details = error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
    ...(location ? { location } : {}),
  }));
  const count = details.length === 1 ? "1 problem" : `${details.length} problems`;
  return new ApiError(400, "invalid_request", `The request is invalid (${count}, see details).`, details);
}

/**
 * The core's domain errors, matched by `name` so the API does not depend on core's classes.
 * Messages are fixed sentences: a core message may carry internals.
 */
const CORE_ERRORS: Record<string, { status: ContentfulStatusCode; code: string; message: string }> = {
  JobValidationError: { status: 400, code: "invalid_input", message: "The job input is invalid" },
  IdempotencyConflictError: {
    status: 409,
    code: "idempotency_conflict",
    message: "This Idempotency-Key was already used with a different request body.",
  },
  InvalidCursorError: { status: 400, code: "invalid_cursor", message: "The cursor is invalid or expired." },
  JobNotCancellableError: {
    status: 409,
    code: "job_not_cancellable",
    message: "The job has already finished and can no longer be cancelled.",
  },
  JobHasNoOutputError: { status: 409, code: "no_output", message: "The job has no archived video (yet)." },
};

function issuesOf(error: Error): Problem[] {
  const issues: unknown = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== "object" || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    const text = Array.isArray(path) ? formatPath(path) : typeof path === "string" ? path : "";
    return [{ path: text, message, location: "body" as const }];
  });
}

export function fromCoreError(error: unknown): ApiError | undefined {
  if (!(error instanceof Error)) return undefined;
  const known = CORE_ERRORS[error.name];
  if (!known) return undefined;
  if (error.name !== "JobValidationError") return new ApiError(known.status, known.code, known.message);
  const details = issuesOf(error);
  const count = details.length === 1 ? "1 problem" : `${details.length} problems`;
  return new ApiError(known.status, known.code, `${known.message} (${count}, see details).`, details);
}

// Hono raises these itself; the validator's only 400 is for a body that is not valid JSON.
const HTTP_EXCEPTIONS: Partial<Record<number, { code: string; message: string }>> = {
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
