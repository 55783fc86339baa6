export { DynamoTenantRepository } from "./dynamo-tenant-repository";
export { InMemoryTenantRepository } from "./memory-tenant-repository";
export {
  ApiKeyConflictError,
  type ApiKeyIdentity,
  type IssuedApiKey,
  type Tenant,
  TenantNotFoundError,
  type TenantRepository,
  tenantSchema,
} from "./repository";
export { API_KEY_PREFIX, generateApiKey, hashApiKey } from "./rules";
