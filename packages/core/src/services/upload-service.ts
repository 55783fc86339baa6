import { ulid } from "ulid";
import type { UploadContentType } from "../limits";
import type { MediaStore } from "../storage";
import type { Caller } from "./caller";

export interface UploadRequest {
  contentType: UploadContentType;
  filename: string;
  size: number;
}

export interface UploadGrant {
  key: string;
  uploadUrl: string;
  expiresAt: string;
}

export interface UploadServiceDeps {
  store: Pick<MediaStore, "presignUpload">;
  uploadUrlSeconds?: number;
}

/** Media uploads for jobs: presigned PUTs into the tenant's `uploads/` folder of the media bucket. */
export class UploadService {
  constructor(private readonly deps: UploadServiceDeps) {}

  /** A presigned PUT bound to the declared type and size; the key works as `{ "upload": key }`. */
  async createUpload(caller: Caller, request: UploadRequest): Promise<UploadGrant> {
    const key = `uploads/${caller.tenantId}/${ulid()}/${safeFilename(request.filename)}`;
    const presigned = await this.deps.store.presignUpload(key, {
      contentType: request.contentType,
      contentLength: request.size,
      expiresInSeconds: this.deps.uploadUrlSeconds ?? 900,
    });
    return { key, uploadUrl: presigned.url, expiresAt: presigned.expiresAt };
  }
}

/** Keeps the user's file name readable in the key while removing path and control characters. */
function safeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 100);
  return cleaned || "upload";
}
