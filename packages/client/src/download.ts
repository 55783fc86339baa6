import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { PixpipeIntegrityError, storageError } from "./errors";

export interface DownloadOptions {
  signal?: AbortSignal;
  /** The SHA-256 the job recorded (`output.sha256`); a file that differs is removed and refused. */
  expectedSha256?: string;
  /** Called as bytes arrive; `total` is the Content-Length when the server sent one. */
  onProgress?: (received: number, total: number | undefined) => void;
}

export interface DownloadedFile {
  path: string;
  size: number;
  sha256: string;
  contentType: string | undefined;
}

/**
 * Streams `url` into `destination` (constant memory whatever the size), hashing as it writes. The
 * bytes go to a temporary file beside it that is renamed at the end, so `destination` is either the
 * whole, verified file or untouched.
 */
export async function downloadTo(
  fetchImpl: typeof fetch,
  url: string,
  destination: string,
  options: DownloadOptions = {},
): Promise<DownloadedFile> {
  const response = await fetchImpl(url, { signal: options.signal });
  if (!response.ok || !response.body) throw await storageError(response, "download_failed");
  const lengthHeader = response.headers.get("content-length");
  const total = lengthHeader === null ? undefined : Number(lengthHeader);

  const hash = createHash("sha256");
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      options.onProgress?.(size, total);
      done(null, chunk);
    },
  });
  const target = path.resolve(destination);
  const partial = `${target}.${randomBytes(4).toString("hex")}.partial`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as ReadableStream<Uint8Array>),
      measure,
      createWriteStream(partial, { flags: "wx" }),
      { signal: options.signal },
    );
    const sha256 = hash.digest("hex");
    if (options.expectedSha256 && options.expectedSha256 !== sha256) {
      throw new PixpipeIntegrityError(options.expectedSha256, sha256);
    }
    await rename(partial, target);
    return { path: target, size, sha256, contentType: response.headers.get("content-type") ?? undefined };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
