export {
  MANIFEST_MAX_BYTES,
  MEDIA_LIMIT_BYTES,
  METADATA_LIMITS,
  UPLOAD_CONTENT_TYPES,
  type UploadContentType,
} from "./limits";
