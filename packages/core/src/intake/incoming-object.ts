import { MANIFEST_MAX_BYTES, MEDIA_LIMIT_BYTES } from "../limits";

/** The folder of the media bucket whose new objects start jobs: `incoming/{tenantId}/...`. */
export const INCOMING_PREFIX = "incoming/";

export const MANIFEST_SUFFIX = ".job.json";
export const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp"] as const;

/** Size limits checked (by HeadObject) before anything is read (see limits/). */
export const INTAKE_LIMITS = {
  manifestBytes: MANIFEST_MAX_BYTES,
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
