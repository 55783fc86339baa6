import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { discardBody, followRedirects, HttpClient, type HttpResponse } from "../http";
import { ArchiveError, sourceStatusError, storageError } from "./errors";

const MiB = 1024 * 1024;

/**
 * Fixed part size, S3's minimum: memory stays near (ARCHIVE_QUEUE_SIZE + 2) parts whatever the object's size,
 * and 10,000 parts of 5 MiB still cover the 5 GiB archive limit.
 */
export const ARCHIVE_PART_SIZE = 5 * MiB;
/** Parts uploaded concurrently. */
export const ARCHIVE_QUEUE_SIZE = 2;
/** The largest object archived by default (PixVerse's videos are far smaller; a multipart upload allows 5 TiB). */
export const MAX_ARCHIVE_BYTES = 5 * 1024 * MiB;

const MAX_REDIRECTIONS = 5;

export interface SourceTimeouts {
  /** TCP + TLS connect. Default 10 s. */
  connectMs?: number;
  /** Until the response headers arrive. Default 30 s. */
  headersMs?: number;
  /** Longest silence between two body chunks (not the whole transfer). Default 30 s. */
  bodyMs?: number;
}

export interface CopyUrlToS3Input {
  s3: S3Client;
  /** http(s) URL of the source; up to 5 redirects are followed. */
  url: string;
  bucket: string;
  key: string;
  /** Stored content type; default: the source's Content-Type, else application/octet-stream. */
  contentType?: string;
  /** Refuse (non-retryable) anything larger, by Content-Length up front and by counting while streaming. */
  maxBytes: number;
  timeouts?: SourceTimeouts;
  /** Aborts the download; the multipart upload is then aborted too (`ArchiveError` code `aborted`). */
  signal?: AbortSignal;
}

export interface ArchivedObject {
  bucket: string;
  key: string;
  size: number;
  /**
   * Hex SHA-256 of the stored bytes, for the job's output and its event. Not in the object's metadata:
   * the hash is known only after the last byte, once the upload was created, and adding it then takes
   * a second full write of the object (a self-copy).
   */
  sha256: string;
  contentType: string;
  etag: string;
}

/**
 * Streams an HTTP(S) response body into S3 as a multipart upload, hashing and counting on the way,
 * in constant memory. Any failure aborts the multipart upload and throws an `ArchiveError` that says
 * whether a retry can help (see errors.ts).
 */
export async function copyUrlToS3(input: CopyUrlToS3Input): Promise<ArchivedObject> {
  const url = parseSourceUrl(input.url);
  if (!Number.isSafeInteger(input.maxBytes) || input.maxBytes < 0 || input.maxBytes > MAX_ARCHIVE_BYTES) {
    throw new ArchiveError(
      "invalid_request",
      `maxBytes must be an integer from 0 to ${MAX_ARCHIVE_BYTES}, got ${input.maxBytes}`,
      { retryable: false },
    );
  }
  const http = sourceClient(input.timeouts ?? {});
  try {
    const { response } = await followRedirects(url, (hop) => requestSource(hop, http, input.signal), {
      maxRedirects: MAX_REDIRECTIONS,
    });
    const { statusCode, headers, body } = response;
    if (statusCode !== 200) {
      discardBody(body);
      throw sourceStatusError(statusCode, url.host);
    }
    const declaredLength = parseContentLength(headers["content-length"]);
    if (declaredLength !== undefined && declaredLength > input.maxBytes) {
      discardBody(body);
      throw tooLarge(`${url.host} declares ${declaredLength} bytes`, input.maxBytes);
    }
    const sourceType = headers["content-type"];
    const contentType =
      input.contentType ?? (typeof sourceType === "string" ? sourceType : "application/octet-stream");

    const meter = new BodyMeter(url.host, declaredLength, input.maxBytes, input.signal);
    const metered = Readable.from(meter.pass(body));
    const upload = new Upload({
      client: input.s3,
      params: { Bucket: input.bucket, Key: input.key, Body: metered, ContentType: contentType },
      partSize: ARCHIVE_PART_SIZE,
      queueSize: ARCHIVE_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    let etag: string | undefined;
    try {
      // On failure lib-storage aborts the multipart upload before `done()` rejects.
      etag = (await upload.done()).ETag;
    } catch (error) {
      throw meter.failure ?? storageError(error);
    } finally {
      metered.destroy();
      discardBody(body);
    }

    if (!etag) throw storageError(new Error("S3 answered the upload without an ETag"));
    return {
      bucket: input.bucket,
      key: input.key,
      size: meter.received,
      sha256: meter.sha256(),
      contentType,
      etag,
    };
  } finally {
    await http.close();
  }
}

function parseSourceUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ArchiveError("invalid_request", "the source is not a valid URL", { retryable: false });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ArchiveError("invalid_request", `cannot archive a ${url.protocol} URL`, { retryable: false });
  }
  return url;
}

function sourceClient(timeouts: SourceTimeouts): HttpClient {
  return new HttpClient({
    connectTimeoutMs: timeouts.connectMs ?? 10_000,
    headersTimeoutMs: timeouts.headersMs ?? 30_000,
    bodyTimeoutMs: timeouts.bodyMs ?? 30_000,
  });
}

async function requestSource(
  url: URL,
  http: HttpClient,
  signal: AbortSignal | undefined,
): Promise<HttpResponse> {
  try {
    return await http.request(url, { method: "GET", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw abortedError(error);
    throw new ArchiveError("source_network", `cannot fetch from ${url.host}: ${errorText(error)}`, {
      retryable: true,
      cause: error,
    });
  }
}

/** Counts and hashes the body as it passes, and turns every way it can go wrong into an ArchiveError. */
class BodyMeter {
  received = 0;
  failure: ArchiveError | undefined;
  private readonly hash = createHash("sha256");

  constructor(
    private readonly host: string,
    private readonly declaredLength: number | undefined,
    private readonly maxBytes: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async *pass(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of body) {
        this.received += chunk.length;
        if (this.received > this.maxBytes) {
          throw tooLarge(`${this.host} sent more than that`, this.maxBytes);
        }
        this.hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      this.failure = error instanceof ArchiveError ? error : this.streamError(error);
      throw this.failure;
    }
    if (this.declaredLength !== undefined && this.received !== this.declaredLength) {
      this.failure = this.truncated();
      throw this.failure;
    }
  }

  sha256(): string {
    return this.hash.digest("hex");
  }

  private streamError(error: unknown): ArchiveError {
    if (this.signal?.aborted) return abortedError(error);
    const code = (error as { code?: string }).code;
    // Node reports a connection closed mid-body as ECONNRESET ("aborted").
    const closedEarly = code === "ECONNRESET";
    if (closedEarly && this.declaredLength !== undefined) return this.truncated(error);
    return new ArchiveError(
      "source_network",
      `download from ${this.host} failed after ${this.received} bytes: ${errorText(error)}`,
      { retryable: true, cause: error },
    );
  }

  private truncated(cause?: unknown): ArchiveError {
    return new ArchiveError(
      "source_truncated",
      `${this.host} sent ${this.received} of the ${this.declaredLength} bytes it declared`,
      { retryable: true, cause },
    );
  }
}

function parseContentLength(header: string | string[] | undefined): number | undefined {
  if (typeof header !== "string" || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

function tooLarge(what: string, maxBytes: number): ArchiveError {
  return new ArchiveError("too_large", `${what}; at most ${maxBytes} bytes are archived`, {
    retryable: false,
  });
}

function abortedError(cause: unknown): ArchiveError {
  return new ArchiveError("aborted", "the archive copy was aborted", { retryable: true, cause });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
