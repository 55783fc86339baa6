import * as z from "zod";
import { type JobRetry, jobMetadataSchema, jobRetrySchema } from "../job";
import { type InputIssue, type JobType, jobTypeSchema, parseJobRequest } from "../job/input";
import { issuesOf } from "../validation";

/** A job manifest (`*.job.json`): the body of POST /v1/jobs. Unknown fields are refused so typos surface. */
const manifestSchema = z.strictObject({
  type: z.unknown(),
  input: z.unknown(),
  metadata: jobMetadataSchema.optional(),
  retry: jobRetrySchema.optional(),
});

/** A job an object asks for, with the types the job service validates them into. */
export interface IntakeRequest {
  type: JobType;
  input: Record<string, unknown>;
  metadata: Record<string, string>;
  /** What the job may retry on its own, as the manifest asks (nothing unless it does). */
  retry?: JobRetry;
}

export type ParsedManifest =
  | { ok: true; request: IntakeRequest }
  /** `request` keeps what could be read, so the failed job shows what was asked for. */
  | { ok: false; issues: InputIssue[]; request: FailedRequest };

/** What a failed job records of a request that could not be read in full; it may name no valid type. */
export type FailedRequest = Omit<IntakeRequest, "type" | "retry"> & { type?: JobType };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The path of a manifest-level problem (the request body's root has no name of its own). */
export const MANIFEST_ROOT = "manifest";

/**
 * Reads a manifest's bytes: UTF-8 (a BOM is ignored), JSON, `{ type, input, metadata?, retry? }`, the
 * input rules of its type. Returns every problem at once. Media references are checked later, by
 * the job service, like those of POST /v1/jobs.
 */
export function parseManifest(bytes: Uint8Array): ParsedManifest {
  const empty = { input: {}, metadata: {} };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, issues: [{ path: MANIFEST_ROOT, message: "is not UTF-8 text" }], request: empty };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `is not valid JSON (${(error as Error).message})`;
    return { ok: false, issues: [{ path: MANIFEST_ROOT, message }], request: empty };
  }
  if (!isRecord(value)) {
    const message = "must be a JSON object { type, input, metadata?, retry? } like the body of POST /v1/jobs";
    return { ok: false, issues: [{ path: MANIFEST_ROOT, message }], request: empty };
  }

  const envelope = manifestSchema.safeParse(value);
  const envelopeIssues = envelope.success
    ? []
    : issuesOf(envelope.error).map((issue) => (issue.path ? issue : { ...issue, path: MANIFEST_ROOT }));
  const parsed = parseJobRequest({ type: value.type, input: value.input });
  const metadata = envelope.success ? (envelope.data.metadata ?? {}) : {};
  if (parsed.ok && envelopeIssues.length === 0) {
    // The input as written: the job service validates it again and fingerprints it for idempotency.
    const retry = envelope.success ? envelope.data.retry : undefined;
    return {
      ok: true,
      request: {
        type: parsed.type,
        input: value.input as Record<string, unknown>,
        metadata,
        ...(retry ? { retry } : {}),
      },
    };
  }
  const type = jobTypeSchema.safeParse(value.type);
  return {
    ok: false,
    issues: [...envelopeIssues, ...(parsed.ok ? [] : parsed.issues)],
    request: {
      ...(type.success ? { type: type.data } : {}),
      input: isRecord(value.input) ? value.input : {},
      metadata,
    },
  };
}
