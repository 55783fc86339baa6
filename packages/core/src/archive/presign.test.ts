import { randomBytes, randomUUID } from "node:crypto";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PRESIGN_SECONDS, presignGetObject, presignPutObject } from "./presign";

// fauxqs accepts any signature and ignores expiry, so what S3 would enforce is asserted on the URL:
// which headers are signed, and which parameters ride in the (signed) query string.
const s3 = new S3Client({});
const bucket = `presign-${randomUUID()}`;

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(() => s3.destroy());

describe("presignPutObject", () => {
  it("gives a URL a client can PUT the declared bytes to", async () => {
    const bytes = randomBytes(3_000);
    const upload = await presignPutObject(s3, {
      bucket,
      key: "uploads/a.png",
      contentType: "image/png",
      contentLength: bytes.length,
      expiresInSeconds: 600,
    });

    const response = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: bytes });

    expect(response.status).toBe(200);
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "uploads/a.png" }));
    expect(stored.ContentType).toBe("image/png");
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
  });

  it("signs Content-Type and Content-Length, so S3 refuses another type or size", async () => {
    const upload = await presignPutObject(s3, {
      bucket,
      key: "uploads/b.mp4",
      contentType: "video/mp4",
      contentLength: 1234,
      expiresInSeconds: 900,
    });
    const query = new URL(upload.url).searchParams;

    expect(query.get("X-Amz-SignedHeaders")?.split(";")).toEqual(["content-length", "content-type", "host"]);
    expect(query.get("X-Amz-Expires")).toBe("900");
    expect(upload.headers).toEqual({ "content-type": "video/mp4", "content-length": "1234" });
  });

  it("carries no checksum of the empty body it was signed with (S3 would reject every real upload)", async () => {
    const upload = await presignPutObject(s3, {
      bucket,
      key: "uploads/c.png",
      contentType: "image/png",
      contentLength: 10,
      expiresInSeconds: 60,
    });
    const names = [...new URL(upload.url).searchParams.keys()].map((name) => name.toLowerCase());

    expect(
      names.filter((name) => name.startsWith("x-amz-checksum") || name === "x-amz-sdk-checksum-algorithm"),
    ).toEqual([]);
  });

  it("puts metadata in the signed query string", async () => {
    const upload = await presignPutObject(s3, {
      bucket,
      key: "uploads/d.png",
      contentType: "image/png",
      contentLength: 10,
      expiresInSeconds: 60,
      metadata: { tenant: "t-1" },
    });

    expect(new URL(upload.url).searchParams.get("x-amz-meta-tenant")).toBe("t-1");
  });

  it("reports when the URL expires and refuses lifetimes SigV4 cannot sign", async () => {
    const before = Date.now();
    const upload = await presignPutObject(s3, {
      bucket,
      key: "k",
      contentType: "image/png",
      contentLength: 1,
      expiresInSeconds: 300,
    });
    const expiresAt = Date.parse(upload.expiresAt);

    expect(expiresAt).toBeGreaterThanOrEqual(before + 300_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    for (const expiresInSeconds of [0, MAX_PRESIGN_SECONDS + 1, 1.5]) {
      await expect(
        presignPutObject(s3, {
          bucket,
          key: "k",
          contentType: "image/png",
          contentLength: 1,
          expiresInSeconds,
        }),
      ).rejects.toThrow(RangeError);
    }
    await expect(
      presignPutObject(s3, {
        bucket,
        key: "k",
        contentType: "image/png",
        contentLength: -1,
        expiresInSeconds: 60,
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe("presignGetObject", () => {
  it("gives a URL that downloads the object", async () => {
    const bytes = randomBytes(5_000);
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "videos/t/j.mp4", Body: bytes, ContentType: "video/mp4" }),
    );

    const download = await presignGetObject(s3, { bucket, key: "videos/t/j.mp4", expiresInSeconds: 300 });
    const response = await fetch(download.url);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(new URL(download.url).searchParams.get("X-Amz-Expires")).toBe("300");
  });

  it("asks S3 to serve the download as an attachment under the given filename, UTF-8 safe", async () => {
    const download = await presignGetObject(s3, {
      bucket,
      key: "videos/t/j.mp4",
      expiresInSeconds: 60,
      filename: 'café "cut".mp4',
    });

    expect(new URL(download.url).searchParams.get("response-content-disposition")).toBe(
      `attachment; filename="caf_ _cut_.mp4"; filename*=UTF-8''caf%C3%A9%20%22cut%22.mp4`,
    );
  });
});
