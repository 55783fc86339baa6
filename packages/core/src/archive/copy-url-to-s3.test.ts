import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ARCHIVE_PART_SIZE, copyUrlToS3 } from "./copy-url-to-s3";
import { ArchiveError } from "./errors";

const MiB = 1024 * 1024;
/** More than two parts, and not a multiple of the part size. */
const video = randomBytes(2 * ARCHIVE_PART_SIZE + 12_345);
const image = randomBytes(4_000);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A source with one route per behaviour the copier must survive. */
function sourceHandler(path: string, res: import("node:http").ServerResponse): void {
  const status = /^\/status\/(\d+)$/.exec(path);
  if (status) {
    res.writeHead(Number(status[1]), { "content-type": "text/plain" }).end("nope");
    return;
  }
  switch (path) {
    case "/video.mp4":
      res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length }).end(video);
      return;
    case "/image.png":
      res.writeHead(200, { "content-type": "image/png", "content-length": image.length }).end(image);
      return;
    case "/redirect":
      res.writeHead(302, { location: "/image.png" }).end();
      return;
    case "/untyped":
      res.writeHead(200, { "content-length": image.length }).end(image);
      return;
    case "/chunked.mp4":
      // No Content-Length: only counting can catch the size.
      res.writeHead(200, { "content-type": "video/mp4" });
      res.write(video.subarray(0, ARCHIVE_PART_SIZE + MiB));
      res.end(video.subarray(ARCHIVE_PART_SIZE + MiB));
      return;
    case "/truncated.mp4":
      // Declares the whole video, sends a part and a bit (past the first part), then drops the connection.
      res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length });
      res.write(video.subarray(0, ARCHIVE_PART_SIZE + MiB), () => res.socket?.destroy());
      return;
    case "/stalled.mp4":
      // Sends more than one part, then goes silent without closing.
      res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length });
      res.write(video.subarray(0, ARCHIVE_PART_SIZE + MiB));
      return;
    case "/reset":
      res.socket?.destroy();
      return;
    default:
      res.writeHead(404).end();
  }
}

let source: Server;
let baseUrl: string;
let s3: S3Client;
/** Commands this test's S3 client sent, to prove which path (single PUT or multipart) a test took. */
let sent: string[];
let onCommand: ((name: string) => void) | undefined;

beforeAll(async () => {
  source = createServer((req, res) => sourceHandler(new URL(req.url ?? "/", "http://x").pathname, res));
  await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
  s3 = new S3Client({});
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      sent.push(context.commandName ?? "?");
      onCommand?.(context.commandName ?? "?");
      return result;
    },
    { step: "initialize", name: "recordCommands" },
  );
});

afterAll(async () => {
  s3.destroy();
  source.closeAllConnections();
  await new Promise((resolve) => source.close(resolve));
});

beforeEach(() => {
  sent = [];
  onCommand = undefined;
});

async function freshBucket(): Promise<string> {
  const bucket = `archive-${randomUUID()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  sent = [];
  return bucket;
}

async function readObject(bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** fauxqs refuses to delete a bucket that still holds an object or an unfinished multipart upload. */
async function expectBucketLeftEmpty(bucket: string): Promise<void> {
  await expect(s3.send(new DeleteBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
}

async function archiveFailure(promise: Promise<unknown>): Promise<ArchiveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
}

describe("copyUrlToS3", () => {
  it("copies a body larger than a part byte for byte through a multipart upload, with size and sha256", async () => {
    const bucket = await freshBucket();
    const archived = await copyUrlToS3({
      s3,
      url: `${baseUrl}/video.mp4`,
      bucket,
      key: "v/1.mp4",
      maxBytes: 64 * MiB,
    });

    expect(archived).toMatchObject({
      bucket,
      key: "v/1.mp4",
      size: video.length,
      sha256: sha256(video),
      contentType: "video/mp4",
    });
    expect(sent).toContain("CreateMultipartUploadCommand");
    expect(sent.filter((name) => name === "UploadPartCommand")).toHaveLength(3);
    expect((await readObject(bucket, "v/1.mp4")).equals(video)).toBe(true);
  });

  it("stores the content type and the sha256 in the object's metadata, and returns the final ETag", async () => {
    const bucket = await freshBucket();
    const archived = await copyUrlToS3({
      s3,
      url: `${baseUrl}/video.mp4`,
      bucket,
      key: "v.mp4",
      maxBytes: 64 * MiB,
    });

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "v.mp4" }));
    expect(head.ContentType).toBe("video/mp4");
    expect(head.ContentLength).toBe(video.length);
    expect(archived.sha256).toBe(sha256(video));
    // Written once: no self-copy stamped metadata on it afterwards.
    expect(head.Metadata ?? {}).toEqual({});
    expect(head.ETag).toBe(archived.etag);
  });

  it("copies a small body with a single PUT and follows redirects", async () => {
    const bucket = await freshBucket();
    const archived = await copyUrlToS3({
      s3,
      url: `${baseUrl}/redirect`,
      bucket,
      key: "i.png",
      maxBytes: MiB,
    });

    expect(archived).toMatchObject({ size: image.length, sha256: sha256(image), contentType: "image/png" });
    expect(sent).not.toContain("CreateMultipartUploadCommand");
    expect((await readObject(bucket, "i.png")).equals(image)).toBe(true);
  });

  it("lets the caller's content type override the source's, and defaults to application/octet-stream", async () => {
    const bucket = await freshBucket();
    const overridden = await copyUrlToS3({
      s3,
      url: `${baseUrl}/image.png`,
      bucket,
      key: "a",
      contentType: "image/x-test",
      maxBytes: MiB,
    });
    const untyped = await copyUrlToS3({ s3, url: `${baseUrl}/untyped`, bucket, key: "b", maxBytes: MiB });

    expect(overridden.contentType).toBe("image/x-test");
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "a" }))).ContentType).toBe(
      "image/x-test",
    );
    expect(untyped.contentType).toBe("application/octet-stream");
  });

  it("refuses a declared Content-Length above maxBytes before anything reaches S3", async () => {
    const bucket = await freshBucket();
    const error = await archiveFailure(
      copyUrlToS3({ s3, url: `${baseUrl}/video.mp4`, bucket, key: "v.mp4", maxBytes: video.length - 1 }),
    );

    expect(error).toMatchObject({ code: "too_large", retryable: false });
    expect(sent).toEqual([]);
    await expectBucketLeftEmpty(bucket);
  });

  it("stops a chunked body once it passes maxBytes and aborts the multipart upload", async () => {
    const bucket = await freshBucket();
    const error = await archiveFailure(
      copyUrlToS3({ s3, url: `${baseUrl}/chunked.mp4`, bucket, key: "v.mp4", maxBytes: 10 * MiB }),
    );

    expect(error).toMatchObject({ code: "too_large", retryable: false });
    expect(sent).toContain("CreateMultipartUploadCommand");
    expect(sent).toContain("AbortMultipartUploadCommand");
    await expectBucketLeftEmpty(bucket);
  });

  it("treats a body cut short of its Content-Length as a retryable truncation and leaves no upload behind", async () => {
    const bucket = await freshBucket();
    const error = await archiveFailure(
      copyUrlToS3({ s3, url: `${baseUrl}/truncated.mp4`, bucket, key: "v.mp4", maxBytes: 64 * MiB }),
    );

    expect(error).toMatchObject({ code: "source_truncated", retryable: true });
    expect(error.message).toContain(`of the ${video.length} bytes`);
    expect(sent).toContain("CreateMultipartUploadCommand");
    expect(sent).toContain("AbortMultipartUploadCommand");
    await expectBucketLeftEmpty(bucket);
  });

  it.each([
    [404, false],
    [403, false],
    [410, false],
    [503, true],
    [429, true],
  ])("classifies HTTP %i from the source as retryable=%s", async (status, retryable) => {
    const bucket = await freshBucket();
    const error = await archiveFailure(
      copyUrlToS3({ s3, url: `${baseUrl}/status/${status}`, bucket, key: "x", maxBytes: MiB }),
    );

    expect(error).toMatchObject({ code: "source_status", status, retryable });
    expect(sent).toEqual([]);
  });

  it("treats a reset connection as a retryable network error", async () => {
    const bucket = await freshBucket();
    const error = await archiveFailure(
      copyUrlToS3({ s3, url: `${baseUrl}/reset`, bucket, key: "x", maxBytes: MiB }),
    );

    expect(error).toMatchObject({ code: "source_network", retryable: true });
  });

  it("treats a stalled body as a retryable network error once the body timeout passes", async () => {
    const bucket = await freshBucket();
    const error = await archiveFailure(
      copyUrlToS3({
        s3,
        url: `${baseUrl}/stalled.mp4`,
        bucket,
        key: "v.mp4",
        maxBytes: 64 * MiB,
        timeouts: { bodyMs: 500 },
      }),
    );

    expect(error).toMatchObject({ code: "source_network", retryable: true });
    await expectBucketLeftEmpty(bucket);
  });

  it("aborts the download and the multipart upload when the caller's signal fires", async () => {
    const bucket = await freshBucket();
    const controller = new AbortController();
    onCommand = (name) => {
      if (name === "CreateMultipartUploadCommand") controller.abort();
    };
    const error = await archiveFailure(
      copyUrlToS3({
        s3,
        url: `${baseUrl}/stalled.mp4`,
        bucket,
        key: "v.mp4",
        maxBytes: 64 * MiB,
        signal: controller.signal,
      }),
    );

    expect(error).toMatchObject({ code: "aborted", retryable: true });
    expect(sent).toContain("AbortMultipartUploadCommand");
    await expectBucketLeftEmpty(bucket);
  });

  it("reports a missing bucket as a non-retryable storage error", async () => {
    const error = await archiveFailure(
      copyUrlToS3({
        s3,
        url: `${baseUrl}/video.mp4`,
        bucket: `missing-${randomUUID()}`,
        key: "v",
        maxBytes: 64 * MiB,
      }),
    );

    expect(error).toMatchObject({ code: "storage", retryable: false, status: 404 });
  });

  it("refuses non-http URLs and a maxBytes beyond what can be archived", async () => {
    await expect(
      copyUrlToS3({ s3, url: "file:///etc/passwd", bucket: "b", key: "k", maxBytes: 1 }),
    ).rejects.toMatchObject({
      code: "invalid_request",
      retryable: false,
    });
    await expect(
      copyUrlToS3({ s3, url: `${baseUrl}/image.png`, bucket: "b", key: "k", maxBytes: 6 * 1024 * MiB }),
    ).rejects.toMatchObject({ code: "invalid_request", retryable: false });
  });
});
