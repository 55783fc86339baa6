export type { ArchiveFromUrlInput, MediaStore, StoredObjectInfo } from "./media-store";
export { InMemoryMediaStore, type UrlSource } from "./memory-media-store";
export { S3MediaStore } from "./s3-media-store";
