export { type ArchiveMessage, archiveMessageSchema, SqsArchiveQueue } from "./archive-queue";
export { ArchiveRetryError, Archiver } from "./archiver";
export { type BackoffPolicy, backoffDelayMs } from "./backoff";
export {
  decideFailure,
  type FailureContext,
  type FailureDecision,
  type PixverseStep,
  pastDeadline,
  timeoutError,
} from "./failure-policy";
export { readGenerationResult, type SubmittedGeneration, submitGeneration } from "./generation";
export { type FinishedGeneration, JobLifecycle, type JobRequest } from "./job-lifecycle";
export { type GenerationOutcome, type GenerationSlots, JobSteps, type StepResult } from "./job-steps";
export { MediaResolver, tenantMediaPrefixes } from "./media-resolver";
export { Poller, type PollerReport } from "./poller";
export { type ArchiveQueue, type Clock, type Logger, type PixverseApi, systemClock } from "./ports";
export { DEFAULT_TIMINGS, scaleTimings, type Timings } from "./timings";
export { type WebhookOutcome, WebhookReceiver } from "./webhook-receiver";
