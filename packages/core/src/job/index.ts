export {
  IdempotencyConflictError,
  InvalidCursorError,
  InvalidTransitionError,
  JobWriteRejectedError,
  VideoIdConflictError,
} from "./errors";
// The job-type input schemas (job/input) are part of the job vocabulary.
export * from "./input";
export {
  JOB_ID_PREFIX,
  type JobError,
  type JobOutput,
  type JobRecord,
  jobErrorSchema,
  jobIdSchema,
  jobOutputSchema,
  jobRecordSchema,
  type NewJob,
  newJobId,
  type PublicJob,
  publicJobSchema,
  requestHash,
  toPublicJob,
} from "./job";
export {
  type CreateJobOptions,
  DynamoJobRepository,
  IDEMPOTENCY_TTL_SECONDS,
  type JobRepository,
  type ListJobsOptions,
  MAX_LIST_LIMIT,
  type MutableJobFields,
  type RemovableJobField,
  type TransitionInput,
  type UpdateInput,
} from "./repository";
export {
  allowedTransitions,
  canTransition,
  INITIAL_STATUSES,
  isTerminal,
  JOB_ERROR_CODES,
  JOB_STATUSES,
  type JobErrorCode,
  type JobStatus,
  jobErrorCodeSchema,
  jobStatusSchema,
  TERMINAL_STATUSES,
  type TerminalStatus,
} from "./status";
