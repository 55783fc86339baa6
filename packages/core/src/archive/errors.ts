/**
 * Why an archive copy failed, and whether trying the same copy again can help.
 *
 * | code               | retryable | when                                                                 |
 * |--------------------|-----------|----------------------------------------------------------------------|
 * | `source_status`    | 408, 425, 429, 5xx: yes; other statuses: no | the source answered non-2xx. 403 (an expired signed URL, a denied request) and 404/410 (gone) will not get better |
 * | `source_network`   | yes       | DNS, refused or reset connection, connect/headers/body timeout        |
 * | `source_truncated` | yes       | the body ended (or the connection closed) before Content-Length bytes |
 * | `too_large`        | no        | Content-Length, or the bytes actually received, above `maxBytes`      |
 * | `invalid_request`  | no        | not an http(s) URL, or `maxBytes` beyond what can be archived          |
 * | `storage`          | unless S3 called it a client error (no such bucket, access denied) | S3 refused or failed |
 * | `aborted`          | yes       | the caller's signal fired (e.g. the Lambda is about to time out)       |
 */
export type ArchiveErrorCode =
  | "source_status"
  | "source_network"
  | "source_truncated"
  | "too_large"
  | "invalid_request"
  | "storage"
  | "aborted";

export class ArchiveError extends Error {
  override readonly name = "ArchiveError";
  readonly code: ArchiveErrorCode;
  readonly retryable: boolean;
  /** HTTP status of the source (`source_status`) or of S3 (`storage`), when there was one. */
  readonly status: number | undefined;

  constructor(
    code: ArchiveErrorCode,
    message: string,
    options: { retryable: boolean; status?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

const RETRYABLE_SOURCE_STATUSES = new Set([408, 425, 429]);

export function sourceStatusError(status: number, host: string): ArchiveError {
  return new ArchiveError("source_status", `${host} answered HTTP ${status}`, {
    retryable: status >= 500 || RETRYABLE_SOURCE_STATUSES.has(status),
    status,
  });
}

interface AwsServiceErrorShape {
  name?: string;
  $fault?: "client" | "server";
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

/** An S3 failure: the SDK has already retried what it could, so only server-side trouble is worth another go. */
export function storageError(error: unknown): ArchiveError {
  const aws = (typeof error === "object" && error !== null ? error : {}) as AwsServiceErrorShape;
  const status = aws.$metadata?.httpStatusCode;
  const clientFault = aws.$fault === "client" && !aws.$retryable?.throttling && status !== 429;
  return new ArchiveError(
    "storage",
    `S3 upload failed: ${aws.name ?? "Error"}: ${(error as Error).message}`,
    {
      retryable: !clientFault,
      ...(status === undefined ? {} : { status }),
      cause: error,
    },
  );
}
