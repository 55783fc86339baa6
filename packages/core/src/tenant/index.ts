export {
  ALL_SCOPES,
  API_KEY_PREFIX,
  API_KEY_SCOPES,
  type ApiKey,
  type ApiKeyScope,
  apiKeyIdSchema,
  apiKeySchema,
  apiKeyScopeSchema,
  generateApiKey,
  hashApiKey,
  type IssuedApiKey,
  normalizeScopes,
  tenantOfApiKey,
} from "./api-key";
export { bootstrapAdminKey } from "./bootstrap";
export { DynamoTenantRepository } from "./dynamo-tenant-repository";
export {
  ApiKeyConflictError,
  ApiKeyExpiredError,
  InvalidTenantCursorError,
  TenantExistsError,
  TenantNotFoundError,
  TenantWriteConflictError,
} from "./errors";
export { InMemoryTenantRepository } from "./memory-tenant-repository";
export type { TenantRepository } from "./repository";
export {
  type ApiKeyCheck,
  type ApiKeyRefusal,
  activeWebhookSecrets,
  LAST_USED_RESOLUTION_MS,
  lastUseIsStale,
  MAX_TENANT_PAGE,
  type NewApiKeyInput,
  signingSecrets,
} from "./rules";
export {
  type NewTenantInput,
  type PublicTenant,
  TENANT_LIMIT_NAMES,
  TENANT_STATUSES,
  type Tenant,
  type TenantLimitName,
  type TenantLimits,
  type TenantPage,
  type TenantPatch,
  type TenantStatus,
  tenantIdSchema,
  tenantLimitsSchema,
  tenantSchema,
  tenantStatusSchema,
  toPublicTenant,
  type WebhookSecrets,
  webhookSecretSchema,
} from "./tenant";
