import { describe, expect, it } from "vitest";
import { objectCreatedRecord } from "../test-support/s3-event-fixture";
import { decodeS3EventKey, parseS3EventRecord, s3IdempotencyKey } from "./s3-event";

const base = { bucket: "media", size: 12, eTag: "0123abcd" };

describe("S3 event keys", () => {
  it("decode S3's form URL encoding: + is a space, %2B a plus, %XX UTF-8 bytes", () => {
    expect(decodeS3EventKey("incoming/t1/my+photo%2B1.jpg")).toBe("incoming/t1/my photo+1.jpg");
    expect(decodeS3EventKey("incoming/t1/K%C3%A4tzchen+%E7%8C%AB.png")).toBe("incoming/t1/Kätzchen 猫.png");
    expect(decodeS3EventKey("incoming/t1/a%26b%3Dc%25.job.json")).toBe("incoming/t1/a&b=c%.job.json");
  });
});

describe("parseS3EventRecord", () => {
  it("reads bucket, decoded key, size, bare ETag and version of an ObjectCreated record", () => {
    const record = objectCreatedRecord({ ...base, encodedKey: "incoming/t1/a+b.png", versionId: "v7" });
    expect(parseS3EventRecord(record)).toEqual({
      kind: "created",
      object: { bucket: "media", key: "incoming/t1/a b.png", size: 12, eTag: "0123abcd", versionId: "v7" },
    });
  });

  it("treats every ObjectCreated variant alike (Put, Post, Copy, CompleteMultipartUpload)", () => {
    for (const eventName of [
      "ObjectCreated:Post",
      "ObjectCreated:Copy",
      "ObjectCreated:CompleteMultipartUpload",
    ]) {
      const parsed = parseS3EventRecord(
        objectCreatedRecord({ ...base, encodedKey: "incoming/t1/x.png", eventName }),
      );
      expect(parsed.kind).toBe("created");
    }
  });

  it("tells other events and malformed records apart", () => {
    const removed = objectCreatedRecord({ ...base, encodedKey: "k", eventName: "ObjectRemoved:Delete" });
    expect(parseS3EventRecord(removed)).toEqual({ kind: "other_event", eventName: "ObjectRemoved:Delete" });
    expect(parseS3EventRecord({ eventName: "ObjectCreated:Put", s3: {} }).kind).toBe("malformed");
    expect(parseS3EventRecord(null).kind).toBe("malformed");
    const badEscape = objectCreatedRecord({ ...base, encodedKey: "incoming/t1/%E0%A4%A.png" });
    expect(parseS3EventRecord(badEscape).kind).toBe("malformed");
  });
});

describe("s3IdempotencyKey", () => {
  it("is s3:{bucket}/{key}#{versionId}, or #{etag} in an unversioned bucket", () => {
    const object = { bucket: "media", key: "incoming/t1/a b.png", size: 1, eTag: "abc" };
    expect(s3IdempotencyKey(object)).toBe("s3:media/incoming/t1/a b.png#abc");
    expect(s3IdempotencyKey({ ...object, versionId: "3HL4kqtJlcpXroDTDmJ" })).toBe(
      "s3:media/incoming/t1/a b.png#3HL4kqtJlcpXroDTDmJ",
    );
  });
});
