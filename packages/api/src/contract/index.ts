// The HTTP API's contract: every request and response schema, with the types derived from them.
// Routes and ports both import from here.
export { type Balance, BalanceSchema } from "./account";
export {
  type ApiKey,
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  ApiKeySchema,
  ApiKeyScopeSchema,
  type CreateApiKeyRequest,
  CreateApiKeyRequestSchema,
  type CreateTenantRequest,
  CreateTenantRequestSchema,
  type IssuedApiKey,
  IssuedApiKeySchema,
  type ListTenantsQuery,
  ListTenantsQuerySchema,
  type RotateApiKeyRequest,
  RotateApiKeyRequestSchema,
  type RotatedApiKey,
  RotatedApiKeySchema,
  type Tenant,
  type TenantList,
  TenantListSchema,
  TenantParamsSchema,
  TenantSchema,
  type UpdateTenantRequest,
  UpdateTenantRequestSchema,
} from "./admin";
export {
  CATALOG_KINDS,
  type CatalogKind,
  CatalogPageSchema,
  CatalogParamsSchema,
  type CatalogQuery,
  CatalogQuerySchema,
  TEMPLATE_TYPES,
} from "./catalog";
export { type Delivery, type DeliveryList, DeliveryListSchema, DeliverySchema } from "./deliveries";
export {
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  ErrorSchema,
  errorResponses,
  type Problem,
  ProblemSchema,
} from "./errors";
export { JOB_EXAMPLES } from "./job-examples";
export {
  type CreateJobBody,
  CreateJobBodySchema,
  CreateJobEnvelopeSchema,
  CreateJobHeadersSchema,
  GetJobQuerySchema,
  type Job,
  JobIdParamsSchema,
  type JobList,
  JobListSchema,
  JobSchema,
  type JobStatus,
  JobStatusSchema,
  JobTypeSchema,
  type ListJobsQuery,
  ListJobsQuerySchema,
  MEDIA_REF_SCHEMAS,
  MetadataSchema,
  preferredWaitSeconds,
  WebhookEventSchema,
  WebhookRequestSchema,
} from "./jobs";
export {
  type MaskSelection,
  type MaskSelectionRequest,
  MaskSelectionRequestSchema,
  MaskSelectionSchema,
} from "./masks";
export { type Me, MeSchema } from "./me";
export { HealthSchema, PIXVERSE_WEBHOOK_BODY } from "./service";
export { type UploadGrant, UploadGrantSchema, type UploadRequest, UploadRequestSchema } from "./uploads";
export { type UsageQueryParams, UsageQuerySchema, type UsageReport, UsageReportSchema } from "./usage";
export {
  type RotateWebhookSecretRequest,
  RotateWebhookSecretRequestSchema,
  type WebhookSecret,
  WebhookSecretSchema,
} from "./webhooks";
