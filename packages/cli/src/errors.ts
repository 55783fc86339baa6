import {
  PixpipeApiError,
  PixpipeConnectionError,
  PixpipeIntegrityError,
  UnsupportedMediaTypeError,
} from "@pixpipe/client";

/**
 * Exit codes, one per class of error (the README's table). Scripts can tell "fix your command" from
 * "fix your credentials" from "the job failed" from "try again later".
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  auth: 4,
  notFound: 5,
  rejected: 6,
  limited: 7,
  server: 8,
  unreachable: 9,
  jobFailed: 10,
  jobCancelled: 11,
  integrity: 12,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in the command line or its files: nothing was sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code = "usage";
}

/** No API URL or key could be found, or a config file is unreadable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code = "config";
}

/** A job that ended without success; the command reports it and exits with its status's code. */
export class JobEndedError extends Error {
  override readonly name = "JobEndedError";
  constructor(
    readonly jobId: string,
    readonly status: "failed" | "cancelled",
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof UnsupportedMediaTypeError) return EXIT.usage;
  if (error instanceof ConfigError) return EXIT.config;
  if (error instanceof PixpipeConnectionError) return EXIT.unreachable;
  if (error instanceof PixpipeIntegrityError) return EXIT.integrity;
  if (error instanceof JobEndedError) return error.status === "failed" ? EXIT.jobFailed : EXIT.jobCancelled;
  if (error instanceof PixpipeApiError) {
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 429) return EXIT.limited;
    if (error.status >= 400 && error.status < 500) return EXIT.rejected;
    return EXIT.server;
  }
  if (isFileSystemError(error)) return EXIT.usage;
  return EXIT.internal;
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).path === "string";
}

/** The code shown first on the error line: the API's own, or the kind of local failure. */
function codeOf(error: unknown): string {
  if (error instanceof PixpipeApiError || error instanceof JobEndedError) return error.code;
  if (error instanceof UsageError || error instanceof ConfigError) return error.code;
  if (error instanceof PixpipeConnectionError) return "unreachable";
  if (error instanceof PixpipeIntegrityError) return "integrity";
  if (error instanceof UnsupportedMediaTypeError) return "unsupported_media_type";
  if (isFileSystemError(error)) return error.code ?? "file_error";
  return "internal";
}

/** One readable line: `code: message (problems; HTTP status, request id)`. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const notes: string[] = [];
  if (error instanceof PixpipeApiError) {
    if (Array.isArray(error.details) && error.details.length > 0) {
      notes.push(error.details.map((problem) => `${problem.path}: ${problem.message}`).join("; "));
    }
    notes.push(`HTTP ${error.status}${error.requestId ? `, request ${error.requestId}` : ""}`);
  }
  if (error instanceof JobEndedError) notes.push(`job ${error.jobId}`);
  return `${codeOf(error)}: ${message}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
}

/** The same, for --json: one JSON document in the API's error shape. */
export function errorJson(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const body: Record<string, unknown> = { code: codeOf(error), message };
  if (error instanceof PixpipeApiError) {
    if (error.details !== undefined) body.details = error.details;
    body.status = error.status;
    if (error.requestId) body.requestId = error.requestId;
  }
  if (error instanceof JobEndedError) body.jobId = error.jobId;
  return JSON.stringify({ error: body });
}
