import { ulid } from "ulid";
import {
  ApiKeyConflictError,
  type ApiKeyIdentity,
  type IssuedApiKey,
  type Tenant,
  TenantNotFoundError,
  type TenantRepository,
} from "./repository";
import { assertChosenApiKey, generateApiKey, hashApiKey, isPlausibleApiKey } from "./rules";

/** Tenants and keys in memory, for fast tests; keys are kept hashed, as in DynamoDB. */
export class InMemoryTenantRepository implements TenantRepository {
  private readonly tenants = new Map<string, Tenant>();
  private readonly keys = new Map<string, ApiKeyIdentity & { createdAt: string }>();

  async createTenant(input: { name: string }): Promise<Tenant> {
    const tenant: Tenant = { id: `ten_${ulid()}`, name: input.name, createdAt: new Date().toISOString() };
    this.tenants.set(tenant.id, tenant);
    return { ...tenant };
  }

  async ensureTenant(input: { id: string; name: string }): Promise<Tenant> {
    const existing = this.tenants.get(input.id);
    if (existing) return { ...existing };
    const tenant: Tenant = { id: input.id, name: input.name, createdAt: new Date().toISOString() };
    this.tenants.set(tenant.id, tenant);
    return { ...tenant };
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const tenant = this.tenants.get(id);
    return tenant ? { ...tenant } : null;
  }

  async createApiKey(tenantId: string, options: { admin: boolean }): Promise<IssuedApiKey> {
    if (!this.tenants.has(tenantId)) throw new TenantNotFoundError(tenantId);
    const key = generateApiKey();
    const createdAt = new Date().toISOString();
    this.keys.set(hashApiKey(key), { tenantId, admin: options.admin, createdAt });
    return { key, tenantId, admin: options.admin, createdAt };
  }

  async ensureApiKey(tenantId: string, plaintextKey: string, options: { admin: boolean }): Promise<void> {
    assertChosenApiKey(plaintextKey);
    await this.ensureTenant({ id: tenantId, name: tenantId });
    const hash = hashApiKey(plaintextKey);
    const existing = this.keys.get(hash);
    if (existing && existing.tenantId !== tenantId) throw new ApiKeyConflictError();
    this.keys.set(hash, {
      tenantId,
      admin: options.admin,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    });
  }

  async authenticate(plaintextKey: string): Promise<ApiKeyIdentity | null> {
    if (!isPlausibleApiKey(plaintextKey)) return null;
    const identity = this.keys.get(hashApiKey(plaintextKey));
    return identity ? { tenantId: identity.tenantId, admin: identity.admin } : null;
  }
}
