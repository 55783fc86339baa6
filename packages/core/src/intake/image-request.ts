import { type InputIssue, parseJobRequest } from "../job/input";
import type { IntakeRequest } from "./manifest";

/**
 * What an image job uses when its object metadata leaves a setting out: PixVerse's v5 at its
 * cheapest common settings (5 s, 540p), valid together for every image.
 */
export const IMAGE_JOB_DEFAULTS = { model: "v5", duration: 5, quality: "540p" } as const;

/** Object metadata an image job reads: S3 user metadata, `x-amz-meta-<name>` on the wire. */
export const IMAGE_METADATA_FIELDS = ["prompt", "model", "duration", "quality"] as const;

export interface ImageJobRequest {
  request: IntakeRequest;
  /** Problems found before the job service sees the request (a missing prompt). */
  issues: InputIssue[];
}

/**
 * The `image_to_video` request an image dropped with metadata stands for: the image itself as an
 * upload, prompt/model/duration/quality from its metadata, defaults for the rest. Without a prompt
 * the request cannot be valid; every other problem is listed with it.
 */
export function imageJobRequest(key: string, objectMetadata: Record<string, string>): ImageJobRequest {
  const metadata = readObjectMetadata(objectMetadata);
  const prompt = metadata.prompt?.trim() ? metadata.prompt : undefined;
  const input: Record<string, unknown> = {
    image: { upload: key },
    ...(prompt !== undefined ? { prompt } : {}),
    model: metadata.model ?? IMAGE_JOB_DEFAULTS.model,
    duration: metadata.duration !== undefined ? toInteger(metadata.duration) : IMAGE_JOB_DEFAULTS.duration,
    quality: metadata.quality ?? IMAGE_JOB_DEFAULTS.quality,
  };
  const request: IntakeRequest = { type: "image_to_video", input, metadata: {} };
  if (prompt !== undefined) return { request, issues: [] };
  const parsed = parseJobRequest(request);
  const others = parsed.ok ? [] : parsed.issues.filter((issue) => issue.path !== "input.prompt");
  const missing = {
    path: "input.prompt",
    message: "missing: an image starts a job only with a prompt in its object metadata",
  };
  return { request, issues: [missing, ...others] };
}

/** Names an issue of an image job by the metadata that caused it, e.g. `prompt (x-amz-meta-prompt)`. */
export function describeImageIssue(issue: InputIssue): string {
  const field = issue.path.replace(/^input\./, "");
  const named = (IMAGE_METADATA_FIELDS as readonly string[]).includes(field)
    ? `${field} (x-amz-meta-${field})`
    : field;
  return `${named}: ${issue.message}`;
}

/**
 * The metadata fields an image job reads, by lower-case name (S3 lower-cases them anyway). S3 stores
 * non-ASCII values RFC 2047-encoded and returns them so; they are decoded here.
 */
function readObjectMetadata(objectMetadata: Record<string, string>): Partial<Record<string, string>> {
  const read: Partial<Record<string, string>> = {};
  for (const [name, value] of Object.entries(objectMetadata)) {
    const field = name.toLowerCase();
    if ((IMAGE_METADATA_FIELDS as readonly string[]).includes(field)) read[field] = decodeEncodedWords(value);
  }
  return read;
}

/** `"8"` is the number 8; anything else stays a string for the input schema to report. */
function toInteger(value: string): number | string {
  return /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : value;
}

const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
/** Whitespace between two encoded words is not part of the text (RFC 2047 §6.2). */
const BETWEEN_ENCODED_WORDS = /(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g;

/**
 * Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`), the form S3 returns
 * non-ASCII metadata in.
 * Words in a charset other than UTF-8 (or ASCII) stay as they are.
 */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(BETWEEN_ENCODED_WORDS, "$1")
    .replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
      if (!/^(utf-8|us-ascii)$/i.test(charset)) return word;
      const bytes =
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text
                .replaceAll("_", " ")
                .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
                  String.fromCharCode(Number.parseInt(hex, 16)),
                ),
              "latin1",
            );
      return bytes.toString("utf8");
    });
}
