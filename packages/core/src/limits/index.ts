export {
  MANIFEST_MAX_BYTES,
  MAX_JOB_WAIT_MS,
  MEDIA_LIMIT_BYTES,
  METADATA_LIMITS,
  UPLOAD_CONTENT_TYPES,
  type UploadContentType,
} from "./limits";
