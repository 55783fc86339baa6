import { MEDIA_LIMIT_BYTES } from "../pipeline";

/** The folder of the media bucket whose new objects start jobs: `incoming/{tenantId}/...`. */
export const INCOMING_PREFIX = "incoming/";

export const MANIFEST_SUFFIX = ".job.json";
export const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp"] as const;

/**
 * Size limits checked (by HeadObject) before anything is read. A manifest is a small JSON request
 * (the largest valid input is a few KiB of prompts); 64 KiB also keeps a failed job, which echoes the
 * manifest's input, well inside DynamoDB's item and SQS's message size. Images: PixVerse's limit.
 */
export const INTAKE_LIMITS = {
  manifestBytes: 64 * 1024,
  imageBytes: MEDIA_LIMIT_BYTES.image,
} as const;

export type ObjectKind = "manifest" | "image" | "unsupported";

export type IncomingKey =
  | { kind: "incoming"; tenantId: string; objectKind: ObjectKind }
  /** The console's "create folder" makes a zero-byte object whose key ends in `/`. */
  | { kind: "folder_marker" }
  | { kind: "outside_incoming" };

/** Where a key sits: a tenant's drop folder (and what kind of file it is), or elsewhere. */
export function readIncomingKey(key: string): IncomingKey {
  if (!key.startsWith(INCOMING_PREFIX)) return { kind: "outside_incoming" };
  const rest = key.slice(INCOMING_PREFIX.length);
  const slash = rest.indexOf("/");
  const tenantId = slash > 0 ? rest.slice(0, slash) : "";
  if (!tenantId) return { kind: "outside_incoming" };
  if (key.endsWith("/")) return { kind: "folder_marker" };
  return { kind: "incoming", tenantId, objectKind: objectKind(key) };
}

/** By file name, case-insensitively (cameras write `.JPG`). */
export function objectKind(key: string): ObjectKind {
  const lower = key.toLowerCase();
  if (lower.endsWith(MANIFEST_SUFFIX)) return "manifest";
  if (IMAGE_EXTENSIONS.some((extension) => lower.endsWith(extension))) return "image";
  return "unsupported";
}
