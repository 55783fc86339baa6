import { randomBytes } from "node:crypto";
import type { S3EventNotification } from "../intake/s3-event";

export interface ObjectCreatedSpec {
  bucket: string;
  /** The key exactly as S3 writes it into the event (form-URL-encoded; see encodeKeyForEvent). */
  encodedKey: string;
  size: number;
  /** Bare, without the quotes of the ETag header. */
  eTag: string;
  versionId?: string;
  eventName?: string;
}

/**
 * For tests: an S3 event notification record (eventVersion 2.1) in the exact shape AWS delivers
 * to Lambda for a created object (AWS's "Event message structure").
 */
export function objectCreatedRecord(spec: ObjectCreatedSpec): Record<string, unknown> {
  const owner = { principalId: "AWS:AIDAEXAMPLE" };
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "us-east-1",
    eventTime: new Date().toISOString(),
    eventName: spec.eventName ?? "ObjectCreated:Put",
    userIdentity: owner,
    requestParameters: { sourceIPAddress: "203.0.113.7" },
    responseElements: {
      "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(),
      "x-amz-id-2": randomBytes(48).toString("base64"),
    },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "IncomingObject",
      bucket: { name: spec.bucket, ownerIdentity: owner, arn: `arn:aws:s3:::${spec.bucket}` },
      object: {
        key: spec.encodedKey,
        size: spec.size,
        eTag: spec.eTag,
        ...(spec.versionId !== undefined ? { versionId: spec.versionId } : {}),
        sequencer: randomBytes(8).toString("hex").toUpperCase(),
      },
    },
  };
}

/** Records batched into one event, as Lambda receives them. */
export function s3Event(...records: Record<string, unknown>[]): S3EventNotification & {
  Records: Record<string, unknown>[];
} {
  return { Records: records };
}

/**
 * A key as S3 encodes it in events, for keys of letters, digits, spaces, `/`, `.`, `-`, `_`, `+` and
 * non-ASCII text: each byte outside those `%XX`, a space `+`, a `+` `%2B`.
 */
export function encodeKeyForEvent(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replaceAll("%20", "+"))
    .join("/");
}
