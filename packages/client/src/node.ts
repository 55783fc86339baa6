// Node.js helpers over the portable client: files on disk in, videos to disk out.
import { openAsBlob } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { PixpipeClient, type RequestOptions } from "./client";
import { type DownloadedFile, type DownloadOptions, downloadTo } from "./download";
import { UnsupportedMediaTypeError } from "./errors";
import { contentTypeFromName, SNIFF_BYTES, sniffContentType, UPLOAD_CONTENT_TYPES } from "./media-type";
import type { UploadContentType, UploadRef } from "./types";

export type { DownloadedFile, DownloadOptions } from "./download";

/** The upload type of a local file: from its bytes, else from its extension. */
export async function detectContentType(file: string): Promise<UploadContentType> {
  const handle = await open(file, "r");
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const type = sniffContentType(head.subarray(0, bytesRead)) ?? contentTypeFromName(file);
    if (!type) throw new UnsupportedMediaTypeError(file, UPLOAD_CONTENT_TYPES);
    return type;
  } finally {
    await handle.close();
  }
}

/** PixpipeClient plus what needs a file system: uploading a local file, downloading a video to disk. */
export class PixpipeNodeClient extends PixpipeClient {
  /** Uploads a local file (see upload), streamed from disk. */
  async uploadFile(
    file: string,
    options: RequestOptions & { contentType?: UploadContentType } = {},
  ): Promise<UploadRef> {
    const contentType = options.contentType ?? (await detectContentType(file));
    const blob = await openAsBlob(file, { type: contentType });
    return this.upload(blob, { ...options, contentType, filename: path.basename(file) });
  }

  /** Streams a job's archived video to `destination` and reports its size and SHA-256. */
  async downloadVideo(
    id: string,
    destination: string,
    options: DownloadOptions = {},
  ): Promise<DownloadedFile> {
    const url = await this.videoUrl(id, options);
    return downloadTo(this.fetch, url, destination, options);
  }
}
