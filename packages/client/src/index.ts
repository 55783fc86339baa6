export {
  type CreateJobOptions,
  PixpipeClient,
  type PixpipeClientOptions,
  type RequestOptions,
  type RunJobOptions,
} from "./client";
export type { DownloadedFile, DownloadOptions } from "./download";
export {
  PixpipeApiError,
  PixpipeConnectionError,
  PixpipeIntegrityError,
  UnsupportedMediaTypeError,
} from "./errors";
export type { components, operations, paths } from "./generated/api";
export { detectContentType, sniffContentType, UPLOAD_CONTENT_TYPES } from "./media-type";
export * from "./types";
export type { Backoff, WatchOptions } from "./watch";
