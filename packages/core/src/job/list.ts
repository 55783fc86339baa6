import { encodeTime } from "ulid";
import * as z from "zod";
import { InvalidCursorError } from "./errors";
import { JOB_ID_PREFIX, jobIdSchema } from "./job";
import type { JobStatus } from "./status";

export const MAX_LIST_LIMIT = 100;

export function assertListLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  }
}

/** An opaque cursor naming the last job of a page; the next page starts after it. */
export function encodeListCursor(lastJobId: string): string {
  return Buffer.from(JSON.stringify({ after: lastJobId })).toString("base64url");
}

/** The job id a cursor names; InvalidCursorError for a cursor pixpipe did not issue. */
export function decodeListCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return z.object({ after: jobIdSchema }).strict().parse(decoded).after;
  } catch {
    throw new InvalidCursorError();
  }
}

/** What a tenant's job list can be narrowed by; every adapter applies these rules. */
export interface JobListFilter {
  status?: JobStatus;
  type?: string;
  /** Only jobs created strictly after this instant (millisecond precision). */
  createdAfter?: Date;
  /** Only jobs created strictly before this instant. */
  createdBefore?: Date;
}

/**
 * How many jobs one list request may look at when a filter cannot be answered by a key range (the type
 * filter): past this a page may hold fewer jobs than its limit, and its cursor carries on from the last
 * job looked at. It bounds the reads and the latency of one request over a tenant with many jobs.
 */
export const MAX_LIST_EXAMINED = 1000;

// Crockford base32's smallest and largest digit: the lowest and highest ULID of a millisecond.
const ULID_RANDOM_MIN = "0".repeat(16);
const ULID_RANDOM_MAX = "Z".repeat(16);
const ULID_TIME_MAX = 2 ** 48 - 1;

const idAt = (ms: number, random: string) => `${JOB_ID_PREFIX}${encodeTime(ms, 10)}${random}`;

/**
 * The job ids (inclusive) a creation-time range and a cursor leave, newest first: job ids are ULIDs, so
 * a creation range is a key range and costs no filter. `null` when nothing can match. `startAfter` is
 * the cursor's id when it falls inside the range (a cursor above it needs no start key; below it, the
 * page is empty).
 */
export function jobIdRange(
  filter: Pick<JobListFilter, "createdAfter" | "createdBefore">,
  cursorId?: string,
): { from: string; to: string; startAfter?: string } | null {
  const fromMs = filter.createdAfter ? filter.createdAfter.getTime() + 1 : 0;
  const toMs = filter.createdBefore ? filter.createdBefore.getTime() - 1 : ULID_TIME_MAX;
  if (fromMs > toMs || toMs < 0 || fromMs > ULID_TIME_MAX) return null;
  const from = idAt(Math.max(fromMs, 0), ULID_RANDOM_MIN);
  const to = idAt(Math.min(toMs, ULID_TIME_MAX), ULID_RANDOM_MAX);
  if (cursorId === undefined || cursorId > to) return { from, to };
  if (cursorId <= from) return null;
  return { from, to, startAfter: cursorId };
}

/**
 * One page from the jobs a list looked at, newest first: `matches` are those that passed the filter
 * (up to one more than `limit` says another page exists); `stoppedAt` is the last job looked at when
 * the look stopped at MAX_LIST_EXAMINED, so the cursor carries on from there.
 */
export function listPage<T extends { id: string }>(
  matches: readonly T[],
  limit: number,
  stoppedAt?: string,
): { jobs: T[]; nextCursor: string | null } {
  const jobs = matches.slice(0, limit);
  if (matches.length > limit) return { jobs, nextCursor: encodeListCursor(jobs.at(-1)!.id) };
  return { jobs, nextCursor: stoppedAt === undefined ? null : encodeListCursor(stoppedAt) };
}
