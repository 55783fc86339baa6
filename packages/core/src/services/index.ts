export { AccountService } from "./account-service";
export { AuthenticationService } from "./authentication-service";
export type { Caller } from "./caller";
export { type CatalogKind, type CatalogQuery, CatalogService } from "./catalog-service";
export { CreditBudget } from "./credit-budget";
export {
  JobHasNoOutputError,
  JobNotCancellableError,
  JobValidationError,
  OwnTenantDisableError,
  QuotaExceededError,
  UsageQueryError,
} from "./errors";
export { type JobRequestBody, JobService, type WaitOptions } from "./job-service";
export { MaskService } from "./mask-service";
export { DEFAULT_KEY_OVERLAP_SECONDS, TenantAdminService } from "./tenant-admin-service";
export { type UploadGrant, type UploadRequest, UploadService } from "./upload-service";
export { type UsageQuery, UsageService } from "./usage-service";
export { type PublicDelivery, WebhookDeliveryService } from "./webhook-delivery-service";
export {
  DEFAULT_SECRET_OVERLAP_SECONDS,
  WebhookSecretService,
  type WebhookSecretView,
} from "./webhook-secret-service";
