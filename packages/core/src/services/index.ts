export { AccountService } from "./account-service";
export type { Caller } from "./caller";
export { type CatalogKind, type CatalogQuery, CatalogService } from "./catalog-service";
export { JobHasNoOutputError, JobNotCancellableError, JobValidationError } from "./errors";
export { type JobRequestBody, JobService } from "./job-service";
export { MaskService } from "./mask-service";
export { type UploadGrant, type UploadRequest, UploadService } from "./upload-service";
