export { IdempotencyConflictError, InvalidCursorError } from "../job";
export { type ArchiveMessage, archiveMessageSchema, SqsArchiveQueue } from "./archive-queue";
export { ArchiveRetryError, Archiver } from "./archiver";
export { createPipeline, type Pipeline, type PipelineOptions } from "./create-pipeline";
export { type InputIssue, JobHasNoOutputError, JobNotCancellableError, JobValidationError } from "./errors";
export { type Caller, type CatalogKind, type JobRequestBody, JobService } from "./job-service";
export {
  classifyFailure,
  type GenerationOutcome,
  type GenerationSlots,
  JobSteps,
  type PixverseStep,
  type StepResult,
} from "./job-steps";
export { MEDIA_LIMIT_BYTES, MediaResolver, tenantMediaPrefixes } from "./media-resolver";
export { Poller, type PollerReport } from "./poller";
export type { ArchiveQueue, Logger, PixverseApi } from "./ports";
export { DEFAULT_TIMINGS, scaleTimings, type Timings } from "./timings";
export { type WebhookAnswer, WebhookReceiver } from "./webhook-receiver";
