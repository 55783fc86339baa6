// Portable: Node.js and browsers. The file-system helpers are in "@pixpipe/client/node".
export {
  type CreateJobOptions,
  type GetJobOptions,
  type OpenApiDocument,
  PixpipeClient,
  type PixpipeClientOptions,
  type RequestOptions,
  type RunJobOptions,
  type UploadOptions,
} from "./client";
export {
  PixpipeApiError,
  PixpipeConnectionError,
  PixpipeIntegrityError,
  UnsupportedMediaTypeError,
} from "./errors";
export type { components, operations, paths } from "./generated/api";
export { contentTypeFromName, sniffContentType, UPLOAD_CONTENT_TYPES } from "./media-type";
export * from "./types";
export {
  type Backoff,
  MAX_WAIT_SECONDS,
  pollChanges,
  type ReadChange,
  sleep,
  type WatchOptions,
  watchChanges,
} from "./watch";
