import { z } from "zod";
import { InvalidCursorError } from "./errors";
import { jobIdSchema } from "./job";

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
