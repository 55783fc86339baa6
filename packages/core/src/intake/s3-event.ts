import * as z from "zod";

/**
 * What the intake accepts: an S3 event notification as Lambda receives it (aws-lambda's `S3Event`
 * fits). S3's one-off `s3:TestEvent`, sent when a notification is configured, has no Records.
 */
export interface S3EventNotification {
  Records?: readonly unknown[];
}

/** An object from an ObjectCreated record, its key decoded. */
export interface CreatedObject {
  bucket: string;
  key: string;
  /** Bytes, as the event reports them. */
  size: number;
  /** Without quotes, as events carry it. */
  eTag: string;
  /** Only in versioned buckets. */
  versionId?: string;
}

// The parts of an S3 event record (eventVersion 2.x) the intake reads; everything else is ignored.
const recordSchema = z.object({
  eventSource: z.literal("aws:s3"),
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative(),
      eTag: z.string().min(1),
      versionId: z.string().min(1).optional(),
    }),
  }),
});

export type ParsedRecord =
  | { kind: "created"; object: CreatedObject }
  | { kind: "other_event"; eventName: string }
  | { kind: "malformed"; problem: string };

/**
 * S3 writes keys into events form-URL-encoded: a space is `+`, other reserved and non-ASCII bytes
 * `%XX` (so a literal `+` in a key arrives as `%2B`). Throws URIError on a malformed escape.
 */
export function decodeS3EventKey(encodedKey: string): string {
  return decodeURIComponent(encodedKey.replaceAll("+", " "));
}

/** Reads one record of an S3 event; only ObjectCreated records name an object to start a job from. */
export function parseS3EventRecord(record: unknown): ParsedRecord {
  const parsed = recordSchema.safeParse(record);
  if (!parsed.success) {
    const eventName = (record as { eventName?: unknown } | null)?.eventName;
    if (typeof eventName === "string" && !eventName.startsWith("ObjectCreated:")) {
      return { kind: "other_event", eventName };
    }
    return { kind: "malformed", problem: z.prettifyError(parsed.error) };
  }
  const { eventName, s3 } = parsed.data;
  if (!eventName.startsWith("ObjectCreated:")) return { kind: "other_event", eventName };
  let key: string;
  try {
    key = decodeS3EventKey(s3.object.key);
  } catch {
    return {
      kind: "malformed",
      problem: `object key ${s3.object.key} is not URL-encoded as S3 encodes keys`,
    };
  }
  return {
    kind: "created",
    object: {
      bucket: s3.bucket.name,
      key,
      size: s3.object.size,
      eTag: s3.object.eTag.replaceAll('"', ""),
      ...(s3.object.versionId !== undefined ? { versionId: s3.object.versionId } : {}),
    },
  };
}

/**
 * The idempotency key of the job an object starts (ARCHITECTURE §6): S3 delivers notifications at
 * least once, and every delivery of one object version maps to the same key, hence to one job.
 */
export function s3IdempotencyKey(object: CreatedObject): string {
  return `s3:${object.bucket}/${object.key}#${object.versionId ?? object.eTag}`;
}
