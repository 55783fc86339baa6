export { IMAGE_JOB_DEFAULTS, IMAGE_METADATA_FIELDS } from "./image-request";
export { IMAGE_EXTENSIONS, INCOMING_PREFIX, INTAKE_LIMITS, MANIFEST_SUFFIX } from "./incoming-object";
export { type CreatedObject, decodeS3EventKey, type S3EventNotification, s3IdempotencyKey } from "./s3-event";
export {
  createS3Intake,
  FALLBACK_JOB_TYPE,
  type IgnoredReason,
  type IntakeOutcome,
  type IntakeReport,
  IntakeRetryError,
  S3Intake,
  type S3IntakeDeps,
  SOURCE_METADATA_KEY,
} from "./s3-intake";
