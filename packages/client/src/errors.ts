import type { ErrorBody } from "./types";

type ApiErrorFields = ErrorBody["error"];

/**
 * An answer of the pixpipe API that is not a success, carrying the API's error (`code`, `message`,
 * `details`). Answers that are not in the API's error shape (a proxy's 502 page, the storage behind a
 * presigned URL) get a code of their own: `unexpected_response`, `upload_failed`, `download_failed`.
 */
export class PixpipeApiError extends Error {
  override readonly name = "PixpipeApiError";
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorFields["details"];
  /** The API's X-Request-Id, to quote when asking about a failure. */
  readonly requestId: string | undefined;

  constructor(
    status: number,
    // A code of the API's (the document lists them) or of the client's own; a newer API may add codes.
    error: Pick<ApiErrorFields, "message" | "details"> & { code: string },
    requestId?: string,
  ) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.details = error.details;
    this.requestId = requestId;
  }

  /** Reads the API's error from a failed answer (`body` as openapi-fetch parsed it). */
  static fromResponse(response: Response, body: unknown): PixpipeApiError {
    const requestId = response.headers.get("x-request-id") ?? undefined;
    if (isErrorBody(body)) return new PixpipeApiError(response.status, body.error, requestId);
    const text = typeof body === "string" ? body.trim().slice(0, 200) : "";
    return new PixpipeApiError(
      response.status,
      {
        code: "unexpected_response",
        message: `HTTP ${response.status} ${response.statusText}${text ? `: ${text}` : ""}`,
      },
      requestId,
    );
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body as { error: unknown };
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** The API (or the storage behind a presigned URL) could not be reached at all. */
export class PixpipeConnectionError extends Error {
  override readonly name = "PixpipeConnectionError";
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach ${url}: ${describeCause(cause)}`, { cause });
  }
}

/** Node's fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, ...) is in its cause. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** A downloaded file does not have the SHA-256 the job recorded for its output. */
export class PixpipeIntegrityError extends Error {
  override readonly name = "PixpipeIntegrityError";
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the downloaded file's SHA-256 is ${actual}, the job recorded ${expected}`);
  }
}

/** A local file whose type is not one the API accepts for uploads. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = "UnsupportedMediaTypeError";
  constructor(
    readonly file: string,
    accepted: readonly string[],
  ) {
    super(`cannot tell the type of ${file}, or it is not one the API takes (${accepted.join(", ")})`);
  }
}

/** Fetch that reports an unreachable host as PixpipeConnectionError (an abort stays an AbortError). */
export async function fetchOrThrow(fetchImpl: typeof fetch, input: Request | string, init?: RequestInit) {
  try {
    return await fetchImpl(input, init);
  } catch (error) {
    if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) throw error;
    const url = typeof input === "string" ? input : input.url;
    throw new PixpipeConnectionError(new URL(url).origin, error);
  }
}

/**
 * A failed answer of the storage behind a presigned URL (S3 speaks XML: `<Code>`, `<Message>`),
 * as a PixpipeApiError with the given code.
 */
export async function storageError(response: Response, code: string): Promise<PixpipeApiError> {
  const text = await response.text().catch(() => "");
  const field = (name: string) => text.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];
  const reason = [field("Code"), field("Message")].filter(Boolean).join(": ") || text.trim().slice(0, 200);
  return new PixpipeApiError(response.status, {
    code,
    message: `storage answered HTTP ${response.status}${reason ? ` (${reason})` : ""}`,
  });
}
