export {
  API_KEY_PREFIX,
  ApiKeyConflictError,
  type ApiKeyIdentity,
  DynamoTenantRepository,
  generateApiKey,
  hashApiKey,
  type IssuedApiKey,
  type Tenant,
  TenantNotFoundError,
  type TenantRepository,
  tenantSchema,
} from "./tenant-repository";
