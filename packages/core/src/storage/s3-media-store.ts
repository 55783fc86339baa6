import type { Readable } from "node:stream";
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { type ArchivedObject, copyUrlToS3, presignGetObject, presignPutObject } from "../archive";
import { MediaFetchError, readLimited } from "../media";
import type { ArchiveFromUrlInput, MediaStore, StoredObjectInfo } from "./media-store";

const errorName = (error: unknown) => (error as { name?: string } | null)?.name;

/** The media bucket on S3. */
export class S3MediaStore implements MediaStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async stat(key: string): Promise<StoredObjectInfo | null> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType };
    } catch (error) {
      if (errorName(error) === "NotFound") return null;
      throw new MediaFetchError(`cannot read upload ${key}: ${(error as Error).message}`, "unavailable");
    }
  }

  async read(key: string, limitBytes: number): Promise<{ data: Buffer; contentType: string }> {
    let object: GetObjectCommandOutput;
    try {
      object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      const missing = errorName(error) === "NoSuchKey";
      throw new MediaFetchError(
        `cannot read upload ${key}: ${(error as Error).message}`,
        missing ? "invalid_reference" : "unavailable",
      );
    }
    if ((object.ContentLength ?? 0) > limitBytes) {
      (object.Body as Readable | undefined)?.destroy();
      throw new MediaFetchError(
        `upload ${key} is larger than the ${limitBytes} bytes PixVerse accepts`,
        "too_large",
      );
    }
    const data = await readLimited(object.Body as Readable, limitBytes);
    return { data, contentType: object.ContentType ?? "application/octet-stream" };
  }

  async readHead(key: string, bytes: number): Promise<Uint8Array> {
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
      );
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      // An empty object has no byte 0: S3 answers 416.
      if (errorName(error) === "InvalidRange") return new Uint8Array();
      throw new MediaFetchError(
        `cannot read upload ${key}: ${(error as Error).message}`,
        errorName(error) === "NoSuchKey" ? "invalid_reference" : "unavailable",
      );
    }
  }

  archiveFromUrl(input: ArchiveFromUrlInput): Promise<ArchivedObject> {
    return copyUrlToS3({ s3: this.s3, bucket: this.bucket, ...input });
  }

  presignDownload(key: string, options: { expiresInSeconds: number; filename?: string }) {
    return presignGetObject(this.s3, { bucket: this.bucket, key, ...options });
  }

  presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ) {
    return presignPutObject(this.s3, { bucket: this.bucket, key, ...options });
  }
}
