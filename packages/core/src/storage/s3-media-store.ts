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
      throw new MediaFetchError(`cannot read upload ${key}: ${(error as Error).message}`, true);
    }
  }

  async read(key: string, limitBytes: number): Promise<{ data: Buffer; contentType: string }> {
    let object: GetObjectCommandOutput;
    try {
      object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      const missing = errorName(error) === "NoSuchKey";
      throw new MediaFetchError(`cannot read upload ${key}: ${(error as Error).message}`, !missing);
    }
    if ((object.ContentLength ?? 0) > limitBytes) {
      (object.Body as Readable | undefined)?.destroy();
      throw new MediaFetchError(
        `upload ${key} is larger than the ${limitBytes} bytes PixVerse accepts`,
        false,
      );
    }
    const data = await readLimited(object.Body as Readable, limitBytes);
    return { data, contentType: object.ContentType ?? "application/octet-stream" };
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
