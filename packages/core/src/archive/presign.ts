import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

/** SigV4 presigned URLs live at most 7 days (less when signed with a role's temporary credentials). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface PresignedUrl {
  url: string;
  /** ISO 8601. */
  expiresAt: string;
}

export interface PresignedUpload extends PresignedUrl {
  /** Headers the uploader must send with its PUT: they are part of the signature. */
  headers: { "content-type": string; "content-length": string };
}

export interface PresignGetInput {
  bucket: string;
  key: string;
  expiresInSeconds: number;
  /** Makes browsers save the download under this name (Content-Disposition: attachment). */
  filename?: string;
}

export interface PresignPutInput {
  bucket: string;
  key: string;
  contentType: string;
  /** Exact size in bytes; S3 refuses a body of any other length. */
  contentLength: number;
  expiresInSeconds: number;
  /** Stored as x-amz-meta-*; carried (and signed) in the URL's query string, so the uploader sends nothing extra. */
  metadata?: Record<string, string>;
}

export async function presignGetObject(s3: S3Client, input: PresignGetInput): Promise<PresignedUrl> {
  checkExpiry(input.expiresInSeconds);
  const command = new GetObjectCommand({
    Bucket: input.bucket,
    Key: input.key,
    ...(input.filename ? { ResponseContentDisposition: attachmentDisposition(input.filename) } : {}),
  });
  const url = await getSignedUrl(s3, command, { expiresIn: input.expiresInSeconds });
  return { url, expiresAt: expiresAt(input.expiresInSeconds) };
}

/**
 * A PUT URL bound to one key, content type and exact length: Content-Type and Content-Length are
 * signed headers, so S3 rejects an upload of another type or size (SignatureDoesNotMatch).
 */
export async function presignPutObject(s3: S3Client, input: PresignPutInput): Promise<PresignedUpload> {
  checkExpiry(input.expiresInSeconds);
  if (!Number.isSafeInteger(input.contentLength) || input.contentLength < 0) {
    throw new RangeError(`contentLength must be a non-negative integer, got ${input.contentLength}`);
  }
  const command = new PutObjectCommand({
    Bucket: input.bucket,
    Key: input.key,
    ContentType: input.contentType,
    ContentLength: input.contentLength,
    ...(input.metadata ? { Metadata: input.metadata } : {}),
  });
  dropPrecomputedChecksum(command);
  const url = await getSignedUrl(s3, command, {
    expiresIn: input.expiresInSeconds,
    // The presigner never signs content-type by default; content-length is listed for clarity.
    signableHeaders: new Set(["content-type", "content-length"]),
  });
  return {
    url,
    expiresAt: expiresAt(input.expiresInSeconds),
    headers: { "content-type": input.contentType, "content-length": String(input.contentLength) },
  };
}

/**
 * With the SDK's default `requestChecksumCalculation: WHEN_SUPPORTED`, a presigned PutObject carries
 * the CRC32 of the empty body it was signed with (`x-amz-checksum-crc32=AAAAAA==`), and S3 then
 * rejects every real upload (aws-sdk-js-v3#6994). Dropping those headers before signing keeps the
 * client's checksum setting untouched for everything else.
 */
function dropPrecomputedChecksum(command: PutObjectCommand): void {
  command.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
      for (const name of Object.keys(headers)) {
        const lower = name.toLowerCase();
        if (lower.startsWith("x-amz-checksum-") || lower === "x-amz-sdk-checksum-algorithm")
          delete headers[name];
      }
      return next(args);
    },
    // After the SDK's flexible-checksums middleware (also a build step), before signing.
    { step: "build", priority: "low", name: "pixpipeDropPrecomputedChecksum" },
  );
}

function checkExpiry(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    throw new RangeError(
      `expiresInSeconds must be an integer from 1 to ${MAX_PRESIGN_SECONDS}, got ${seconds}`,
    );
  }
}

function expiresAt(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (RFC 5987). */
function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
