import { createHash } from "node:crypto";
import { IdempotencyConflictError } from "./errors";

/** How long an Idempotency-Key is remembered; a reuse after that creates a new job. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** What an idempotency key remembers: the job it created and the body it was created from. */
export interface IdempotencyRecord {
  jobId: string;
  requestHash: string;
  /** Epoch seconds; the record counts as absent from then on (TTL deletes lazily, if at all). */
  expiresAt: number;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of a create request for idempotency: SHA-256 of its JSON with object keys sorted, so
 * the same body sent with keys in another order is still "the same body".
 */
export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("base64url");
}

/** Seconds since the epoch, the unit of the TTL attribute. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export function newIdempotencyRecord(jobId: string, hash: string, now: Date): IdempotencyRecord {
  return { jobId, requestHash: hash, expiresAt: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS };
}

export function isIdempotencyRecordLive(record: Pick<IdempotencyRecord, "expiresAt">, now: Date): boolean {
  return record.expiresAt > epochSeconds(now);
}

/**
 * What a stored key means for a request with `hash`: null when the key is free (absent or expired),
 * else the id of the job it created. The same key with another body is an IdempotencyConflictError.
 */
export function jobForIdempotencyKey(
  stored: IdempotencyRecord | undefined,
  hash: string,
  now: Date,
): string | null {
  if (!stored || !isIdempotencyRecordLive(stored, now)) return null;
  if (stored.requestHash !== hash) throw new IdempotencyConflictError(stored.jobId);
  return stored.jobId;
}
