import { createHash } from "node:crypto";
import type { ArchivedObject, PresignedUpload, PresignedUrl } from "../archive";
import { ArchiveError } from "../archive";
import { MediaFetchError } from "../media";
import type { ArchiveFromUrlInput, MediaStore, StoredObjectInfo } from "./media-store";

/** Bytes behind a URL, or the ArchiveError its download would end with. */
export type UrlSource = (url: string) => Promise<Uint8Array>;

interface StoredObject {
  data: Buffer;
  contentType: string;
}

/**
 * A media bucket in memory, for fast tests of the pipeline's logic. `put` stands in for an upload
 * through a presigned URL; `archiveFromUrl` takes its bytes from `source` (which may throw the
 * ArchiveError a real download would). Presigned URLs are `memory://` URLs naming the key.
 */
export class InMemoryMediaStore implements MediaStore {
  private readonly objects = new Map<string, StoredObject>();

  constructor(
    readonly bucket: string,
    private readonly source: UrlSource = async (url) => {
      throw new ArchiveError("source_network", `no source for ${url}`, { retryable: true });
    },
  ) {}

  put(key: string, data: Uint8Array, contentType: string): void {
    this.objects.set(key, { data: Buffer.from(data), contentType });
  }

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    const object = this.objects.get(key);
    return object ? { size: object.data.length, contentType: object.contentType } : null;
  }

  async read(key: string, limitBytes: number): Promise<{ data: Buffer; contentType: string }> {
    const object = this.objects.get(key);
    if (!object) throw new MediaFetchError(`cannot read upload ${key}: no such object`, "invalid_reference");
    if (object.data.length > limitBytes) {
      throw new MediaFetchError(
        `upload ${key} is larger than the ${limitBytes} bytes PixVerse accepts`,
        "too_large",
      );
    }
    return { data: Buffer.from(object.data), contentType: object.contentType };
  }

  async readHead(key: string, bytes: number): Promise<Uint8Array> {
    const object = this.objects.get(key);
    if (!object) throw new MediaFetchError(`cannot read upload ${key}: no such object`, "invalid_reference");
    return Uint8Array.from(object.data.subarray(0, bytes));
  }

  async archiveFromUrl(input: ArchiveFromUrlInput): Promise<ArchivedObject> {
    const data = Buffer.from(await this.source(input.url));
    if (data.length > input.maxBytes) {
      throw new ArchiveError(
        "too_large",
        `the source holds ${data.length} bytes, more than ${input.maxBytes}`,
        {
          retryable: false,
        },
      );
    }
    this.put(input.key, data, input.contentType);
    const sha256 = createHash("sha256").update(data).digest("hex");
    return {
      bucket: this.bucket,
      key: input.key,
      size: data.length,
      sha256,
      contentType: input.contentType,
      etag: sha256.slice(0, 32),
    };
  }

  async presignDownload(key: string, options: { expiresInSeconds: number }): Promise<PresignedUrl> {
    return { url: this.url(key, options.expiresInSeconds), expiresAt: this.expiry(options.expiresInSeconds) };
  }

  async presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload> {
    return {
      url: this.url(key, options.expiresInSeconds),
      expiresAt: this.expiry(options.expiresInSeconds),
      headers: { "content-type": options.contentType, "content-length": String(options.contentLength) },
    };
  }

  private url(key: string, expiresInSeconds: number): string {
    return `memory://${this.bucket}/${key.split("/").map(encodeURIComponent).join("/")}?expires=${expiresInSeconds}`;
  }

  private expiry(seconds: number): string {
    return new Date(Date.now() + seconds * 1000).toISOString();
  }
}
