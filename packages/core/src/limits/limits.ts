import type { MediaKind } from "../job/input";

// Every size and time limit pixpipe applies at its edges, in one place. PixVerse's own limits come from
// pixverse-api.md §6; the others are pixpipe's choices, each with its reason.

const MiB = 1024 * 1024;

/** PixVerse's upload limits per kind of media (pixverse-api.md §6). */
export const MEDIA_LIMIT_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 20 * MiB,
  video: 100 * MiB,
  audio: 50 * MiB,
};

/** The file types PixVerse takes, by the kind of media each is (POST /v1/uploads declares one). */
export const UPLOAD_CONTENT_TYPES = {
  "image/jpeg": "image",
  "image/png": "image",
  "image/webp": "image",
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/webm": "video",
  "audio/mpeg": "audio",
  "audio/wav": "audio",
  "audio/x-wav": "audio",
  "audio/mp4": "audio",
  "audio/x-m4a": "audio",
  "audio/aac": "audio",
} as const satisfies Record<string, MediaKind>;
export type UploadContentType = keyof typeof UPLOAD_CONTENT_TYPES;

/**
 * A job manifest dropped into S3 is a small JSON request (the largest valid input is a few KiB of
 * prompts); 64 KiB also keeps a failed job, which echoes the manifest's input, well inside DynamoDB's
 * item and SQS's message size.
 */
export const MANIFEST_MAX_BYTES = 64 * 1024;

/** The longest a request may wait on its job (GET ?wait, POST Prefer: wait): under API Gateway's 30 s. */
export const MAX_JOB_WAIT_MS = 25_000;

/** A job's own string labels: enough for ids and tags, small next to DynamoDB's 400 KB item. */
export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 40, maxValueLength: 500 } as const;
