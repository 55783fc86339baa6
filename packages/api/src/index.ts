export type { ApiApp } from "./api-app";
export { createApp, MAX_BODY_BYTES } from "./app";
export type { ApiDeps, ApiLogger, Caller, JobsPort, WebhooksPort } from "./ports";
