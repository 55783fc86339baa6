export type { ApiApp } from "./api-app";
export { createApp, MAX_BODY_BYTES } from "./app";
export { openApiDocument } from "./openapi-document";
export { apiDepsFromPipeline } from "./pipeline-deps";
export type {
  AccountPort,
  ApiCaller,
  ApiDeps,
  ApiLogger,
  Caller,
  CatalogPort,
  JobsPort,
  KeyCheck,
  MasksPort,
  TenantAdminPort,
  UploadsPort,
  UsagePort,
  WebhookSecretsPort,
  WebhooksPort,
} from "./ports";
