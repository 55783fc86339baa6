export {
  type ArchiveMessage,
  archiveMessageSchema,
  MAX_SQS_DELAY_SECONDS,
  SqsArchiveQueue,
  sqsDelaySeconds,
} from "./archive-queue";
export { Archiver } from "./archiver";
export { type BackoffPolicy, backoffDelayMs } from "./backoff";
export {
  decideFailure,
  describeFailure,
  type FailureContext,
  type FailureDecision,
  type PixverseStep,
  pastDeadline,
  timeoutError,
} from "./failure-policy";
export { PipelineGauges, type PipelineGaugesDeps } from "./gauges";
export { readGenerationResult, type SubmittedGeneration, submitGeneration } from "./generation";
export {
  type FinishedGeneration,
  JobLifecycle,
  type JobRequest,
  type RetryReason,
  type WebhookOutboxPort,
} from "./job-lifecycle";
export { jobLogKeys } from "./job-log";
export {
  type GenerationOutcome,
  JobSteps,
  type SlotLimitsOf,
  type StartResult,
  type StepResult,
} from "./job-steps";
export { MediaResolver, tenantMediaPrefixes } from "./media-resolver";
export { Poller, type PollerReport, type WebhookSweep } from "./poller";
export { type ArchiveQueue, type Clock, type Logger, type PixverseApi, systemClock } from "./ports";
export { type RoundReport, Scheduler } from "./scheduler";
export { slotLimitsOf } from "./slot-limits";
export {
  chooseSlots,
  readSlotBoard,
  type SlotBoard,
  type SlotLimits,
  type SlotShortage,
  slotKeys,
  slotsInUse,
} from "./slots";
export { DEFAULT_TIMINGS, scaleTimings, type Timings } from "./timings";
export { type WebhookOutcome, WebhookReceiver } from "./webhook-receiver";
