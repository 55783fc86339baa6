export { ACTIVE_STATUSES, type ActiveJobCensus, type ActiveStatus, takeActiveJobCensus } from "./census";
export { DynamoJobRepository } from "./dynamo-repository";
export {
  CompanionConflictError,
  IdempotencyConflictError,
  InvalidCursorError,
  InvalidTransitionError,
  JobWriteRejectedError,
  PixverseIdConflictError,
} from "./errors";
export {
  epochSeconds,
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyRecord,
  isIdempotencyRecordLive,
  jobForIdempotencyKey,
  newIdempotencyRecord,
  requestHash,
} from "./idempotency";
// The job-type input schemas (job/input) are part of the job vocabulary.
export * from "./input";
export {
  type EarlierGeneration,
  type HeldSlots,
  heldSlotsSchema,
  JOB_ID_PREFIX,
  JOB_RETRY_LIMITS,
  type JobError,
  type JobOutput,
  type JobProgress,
  type JobRecord,
  type JobRetry,
  jobErrorSchema,
  jobGenerations,
  jobIdSchema,
  jobMetadataSchema,
  jobOutputSchema,
  jobProgress,
  jobProgressSchema,
  jobRecordSchema,
  jobRetrySchema,
  type NewJob,
  newJobId,
  type PublicGeneration,
  type PublicJob,
  publicGenerationSchema,
  publicJobSchema,
  resolvedSlotSchema,
  toPublicJob,
} from "./job";
export { type JobListFilter, MAX_LIST_EXAMINED, MAX_LIST_LIMIT } from "./list";
export { InMemoryJobRepository } from "./memory-repository";
export type { CreateJobOptions, JobRepository, ListJobsOptions } from "./repository";
export {
  applyPlan,
  byNextCheck,
  type CompanionItem,
  type CompanionWrites,
  hasCompanions,
  isDue,
  type JobWritePlan,
  type MutableJobFields,
  newJobRecord,
  planApplies,
  planTransition,
  planUpdate,
  type RemovableJobField,
  type TransitionInput,
  type UpdateInput,
} from "./rules";
export {
  allowedTransitions,
  canTransition,
  INITIAL_STATUSES,
  isTerminal,
  JOB_ERROR_CODES,
  JOB_STAGES,
  JOB_STATUSES,
  type JobErrorCode,
  type JobStage,
  type JobStatus,
  jobErrorCodeSchema,
  jobStageSchema,
  jobStatusSchema,
  TERMINAL_STATUSES,
  type TerminalStatus,
} from "./status";
