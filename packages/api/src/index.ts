export type { ApiApp } from "./api-app";
export { createApp, MAX_BODY_BYTES } from "./app";
export { apiDepsFromPipeline } from "./pipeline-deps";
export type {
  AccountPort,
  ApiDeps,
  ApiLogger,
  Caller,
  CatalogPort,
  JobsPort,
  MasksPort,
  UploadsPort,
  WebhooksPort,
} from "./ports";
