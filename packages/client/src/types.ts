import type { components, operations } from "./generated/api";

type Schemas = components["schemas"];

export type Job = Schemas["Job"];
export type JobType = Schemas["JobType"];
export type JobStatus = Schemas["JobStatus"];
export type JobList = Schemas["JobList"];
export type CreateJobRequest = Schemas["CreateJobRequest"];
/** The `input` of a job of type T. */
export type JobInput<T extends JobType> = Extract<CreateJobRequest, { type: T }>["input"];
export type UploadRequest = Schemas["UploadRequest"];
export type UploadGrant = Schemas["UploadGrant"];
export type UploadContentType = UploadRequest["contentType"];
export type MaskSelectionRequest = Schemas["MaskSelectionRequest"];
export type MaskSelection = Schemas["MaskSelection"];
export type CatalogPage = Schemas["CatalogPage"];
export type Balance = Schemas["Balance"];
export type Me = Schemas["Me"];
export type Tenant = Schemas["Tenant"];
export type TenantList = Schemas["TenantList"];
export type TenantLimits = Schemas["TenantLimits"];
export type CreateTenantRequest = Schemas["CreateTenantRequest"];
export type UpdateTenantRequest = Schemas["UpdateTenantRequest"];
export type ApiKey = Schemas["ApiKey"];
export type ApiKeyScope = Schemas["ApiKeyScope"];
export type IssuedApiKey = Schemas["IssuedApiKey"];
export type CreateApiKeyRequest = Schemas["CreateApiKeyRequest"];
export type RotatedApiKey = Schemas["RotatedApiKey"];
export type UsageReport = Schemas["UsageReport"];
export type UsageQuery = NonNullable<operations["getUsage"]["parameters"]["query"]>;
export type WebhookSecret = Schemas["WebhookSecret"];
export type WebhookEvent = Schemas["WebhookEvent"];
export type JobWebhook = Schemas["JobWebhook"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type DeliveryAttempt = Schemas["DeliveryAttempt"];
export type DeliveryState = Schemas["DeliveryState"];
/** The API's one error shape: `{ error: { code, message, details? } }`. */
export type ErrorBody = Schemas["Error"];
export type ListJobsQuery = NonNullable<operations["listJobs"]["parameters"]["query"]>;
export type CatalogKind = operations["getCatalog"]["parameters"]["path"]["kind"];
export type CatalogQuery = NonNullable<operations["getCatalog"]["parameters"]["query"]>;
export type ListTenantsQuery = NonNullable<operations["listTenants"]["parameters"]["query"]>;

/** A local file uploaded for a job: use it wherever an input takes media. */
export interface UploadRef {
  upload: string;
}

export const TERMINAL_STATUSES: readonly JobStatus[] = ["succeeded", "failed", "cancelled"];

export function isTerminal(job: Pick<Job, "status">): boolean {
  return TERMINAL_STATUSES.includes(job.status);
}
