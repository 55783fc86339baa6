import type { ArchivedObject, PresignedUpload, PresignedUrl } from "../archive";

export interface StoredObjectInfo {
  size: number;
  contentType: string | undefined;
}

export interface ArchiveFromUrlInput {
  url: string;
  key: string;
  contentType: string;
  maxBytes: number;
}

/**
 * The media bucket as the pipeline and its services use it: tenants' uploads read by size and bytes,
 * results archived from PixVerse's URL, and presigned URLs for uploads and downloads.
 */
export interface MediaStore {
  readonly bucket: string;
  /** An object's size and type; null when there is no such object. */
  stat(key: string): Promise<StoredObjectInfo | null>;
  /**
   * An object's bytes. MediaFetchError when it does not exist (not retryable), cannot be read now
   * (retryable), or holds more than `limitBytes` (not retryable).
   */
  read(key: string, limitBytes: number): Promise<{ data: Buffer; contentType: string }>;
  /** An object's first `bytes` bytes (fewer if it is shorter), to tell what it is by them. */
  readHead(key: string, bytes: number): Promise<Uint8Array>;
  /** Streams a URL into the bucket under `key`; an ArchiveError says whether trying again can help. */
  archiveFromUrl(input: ArchiveFromUrlInput): Promise<ArchivedObject>;
  presignDownload(
    key: string,
    options: { expiresInSeconds: number; filename?: string },
  ): Promise<PresignedUrl>;
  presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload>;
}
