export {
  ARCHIVE_PART_SIZE,
  ARCHIVE_QUEUE_SIZE,
  type ArchivedObject,
  type CopyUrlToS3Input,
  copyUrlToS3,
  MAX_ARCHIVE_BYTES,
  type SourceTimeouts,
} from "./copy-url-to-s3";
export { ArchiveError, type ArchiveErrorCode } from "./errors";
export { outputKey } from "./output-key";
export {
  MAX_PRESIGN_SECONDS,
  type PresignedUpload,
  type PresignedUrl,
  type PresignGetInput,
  type PresignPutInput,
  presignGetObject,
  presignPutObject,
} from "./presign";
