import { HttpTimeoutError } from "../http";

/**
 * What went wrong, in the terms a caller acts on:
 * - `retryable`: try the same request again later (same Ai-trace-id for a submit): capacity, load, server faults.
 * - `content`: moderation refused the input; change the content.
 * - `credits`: the account is out of credits.
 * - `request`: the request itself is wrong or not allowed (parameters, media, templates); do not repeat it.
 * - `auth`: the API key is missing, invalid or lacks permission.
 * - `not_found`: the referenced video, image or media does not exist (any more).
 * - `unknown`: PixVerse answered something pixpipe cannot interpret (see `retryable` on the error).
 */
export type PixverseErrorKind =
  | "retryable"
  | "content"
  | "credits"
  | "request"
  | "auth"
  | "not_found"
  | "unknown";

export interface ErrCodeInfo {
  meaning: string;
  kind: PixverseErrorKind;
}

/**
 * PixVerse's business error codes (pixverse-api.md §5, plus codes seen elsewhere), encoded once.
 * Decisions where the docs say nothing:
 * - 99999 "unknown error" and 500100 (internal database) are server-side faults with no stated cause:
 *   retryable. Repeating a submit reuses its Ai-trace-id, so a retry never bills twice.
 * - 500064 "content has been deleted" means the referenced input is gone: not_found.
 * - 500020 (no permission) and 400012 (invalid account) are account problems: auth.
 * - 712008 appears on the template-list page with an unread meaning: request (not worth repeating blindly).
 * - 10001–10005 are treated as auth errors by PixVerse's own MCP client (not in the official table).
 */
export const ERR_CODES: Readonly<Record<number, ErrCodeInfo>> = {
  400011: { meaning: "empty parameter", kind: "request" },
  400012: { meaning: "invalid account", kind: "auth" },
  400013: { meaning: "invalid binding request: incorrect parameter type or value", kind: "request" },
  400017: { meaning: "invalid parameter", kind: "request" },
  400018: { meaning: "prompt or negative prompt too long", kind: "request" },
  400019: { meaning: "prompt or negative prompt too long", kind: "request" },
  400032: { meaning: "invalid image id", kind: "request" },
  500008: { meaning: "requested data not found", kind: "not_found" },
  500020: { meaning: "no permission for this operation", kind: "auth" },
  500030: { meaning: "image too large (20 MB / 4000x4000 px)", kind: "request" },
  500031: { meaning: "failed to retrieve image information", kind: "request" },
  500032: { meaning: "invalid image format", kind: "request" },
  500033: { meaning: "invalid image width or height", kind: "request" },
  500041: { meaning: "image upload failed", kind: "request" },
  500042: { meaning: "invalid image path", kind: "request" },
  500044: { meaning: "concurrent generation limit reached", kind: "retryable" },
  500052: { meaning: "image failed moderation", kind: "content" },
  500054: { meaning: "content moderation failed", kind: "content" },
  500060: { meaning: "monthly effects activation limit reached", kind: "request" },
  500063: { meaning: "input video, image or text failed moderation", kind: "content" },
  500064: { meaning: "content has been deleted", kind: "not_found" },
  500069: { meaning: "system under high load", kind: "retryable" },
  500070: { meaning: "template not activated", kind: "request" },
  500071: { meaning: "effect does not support 720p or 1080p", kind: "request" },
  500090: { meaning: "insufficient credits", kind: "credits" },
  500100: { meaning: "internal database error", kind: "retryable" },
  701002: { meaning: "image lacks a clear subject", kind: "content" },
  701003: { meaning: "reference video lacks a person as its primary focus", kind: "content" },
  712008: { meaning: "template list request refused", kind: "request" },
  99999: { meaning: "unknown error", kind: "retryable" },
  10001: { meaning: "authentication failed", kind: "auth" },
  10002: { meaning: "authentication failed", kind: "auth" },
  10003: { meaning: "authentication failed", kind: "auth" },
  10004: { meaning: "authentication failed", kind: "auth" },
  10005: { meaning: "authentication failed", kind: "auth" },
};

export interface PixverseErrorInit {
  kind: PixverseErrorKind;
  retryable: boolean;
  traceId: string;
  /** PixVerse's ErrCode, when the answer carried one. */
  code?: number;
  httpStatus?: number;
  /** PixVerse's ErrMsg (or a description of the transport failure). */
  providerMessage: string;
  /** Problems found before sending (a body that breaks PixVerse's rules); nothing was sent then. */
  issues?: { path: string; message: string }[];
  cause?: unknown;
}

export class PixverseError extends Error {
  override readonly name = "PixverseError";
  readonly kind: PixverseErrorKind;
  readonly retryable: boolean;
  readonly code: number | undefined;
  readonly httpStatus: number | undefined;
  readonly traceId: string;
  readonly providerMessage: string;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(init: PixverseErrorInit) {
    const code = init.code === undefined ? "" : ` ${init.code}`;
    const meaning = init.code === undefined ? undefined : ERR_CODES[init.code]?.meaning;
    const status = init.httpStatus === undefined ? "" : ` HTTP ${init.httpStatus}`;
    super(
      `PixVerse${code}${status} (${meaning ?? init.kind}): ${init.providerMessage} [trace ${init.traceId}]`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.traceId = init.traceId;
    this.providerMessage = init.providerMessage;
    this.issues = init.issues;
  }
}

const AUTH_MESSAGE = /api[-_ ]?key/i;

/**
 * A non-zero ErrCode from the envelope, whatever the HTTP status. Codes missing from the table are `unknown`,
 * retryable only when the HTTP status says the server failed.
 */
export function errorFromErrCode(
  code: number,
  providerMessage: string,
  traceId: string,
  httpStatus: number,
): PixverseError {
  const known = ERR_CODES[code];
  const kind: PixverseErrorKind =
    known?.kind ?? (AUTH_MESSAGE.test(providerMessage) || httpStatus === 401 ? "auth" : "unknown");
  const retryable = known ? kind === "retryable" : kind === "unknown" && httpStatus >= 500;
  return new PixverseError({ kind, retryable, code, httpStatus, traceId, providerMessage });
}

/** An HTTP failure whose body carries no PixVerse error code. */
export function errorFromHttpStatus(
  httpStatus: number,
  providerMessage: string,
  traceId: string,
): PixverseError {
  const kind: PixverseErrorKind =
    httpStatus === 401 || httpStatus === 403
      ? "auth"
      : httpStatus === 429 || httpStatus >= 500
        ? "retryable"
        : "request";
  return new PixverseError({ kind, retryable: kind === "retryable", httpStatus, traceId, providerMessage });
}

/** The request never got a complete answer (reset, refused, timeout): safe to repeat with the same trace id. */
export function errorFromTransport(cause: unknown, traceId: string): PixverseError {
  const detail =
    cause instanceof Error
      ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}`
      : String(cause);
  return new PixverseError({ kind: "retryable", retryable: true, traceId, providerMessage: detail, cause });
}

/**
 * A failed call as the PixverseErrors metric names it: PixVerse's ErrCode when the answer had one, else
 * `http_<status>` (an HTTP failure without one), `bad_response` (a 2xx pixpipe could not read),
 * `timeout` or `network` (no complete answer).
 */
export function pixverseErrCode(error: PixverseError): string {
  if (error.code !== undefined) return String(error.code);
  if (error.httpStatus !== undefined)
    return error.httpStatus >= 200 && error.httpStatus < 300 ? "bad_response" : `http_${error.httpStatus}`;
  return error.cause instanceof HttpTimeoutError ? "timeout" : "network";
}

/**
 * A 2xx answer pixpipe cannot read (not JSON, or a Resp that fails its schema). Retryable: every call pixpipe
 * makes is safe to repeat (reads, or submits that reuse their trace id), and a garbled answer is more likely a
 * transient proxy or deployment problem than a permanent one.
 */
export function errorFromBadResponse(detail: string, traceId: string, httpStatus: number): PixverseError {
  return new PixverseError({
    kind: "unknown",
    retryable: true,
    httpStatus,
    traceId,
    providerMessage: `unreadable PixVerse response: ${detail}`,
  });
}
