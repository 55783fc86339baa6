import {
  type ApiKey,
  type ApiKeyRecord,
  type ApiKeyScope,
  assertChosenApiKey,
  generateApiKey,
  hashApiKey,
  type IssuedApiKey,
  isPlausibleApiKey,
} from "./api-key";
import { ApiKeyConflictError, TenantExistsError, TenantNotFoundError } from "./errors";
import type { TenantRepository } from "./repository";
import {
  type ApiKeyCheck,
  applyTenantPatch,
  assertTenantPageLimit,
  checkApiKey,
  decodeTenantCursor,
  encodeTenantCursor,
  ensuredApiKey,
  lastUseIsStale,
  type NewApiKeyInput,
  newApiKey,
  newTenant,
  planKeyRotation,
  rotateWebhookSecrets,
  toApiKey,
} from "./rules";
import type { NewTenantInput, Tenant, TenantPage, TenantPatch } from "./tenant";

const copy = <T>(value: T): T => structuredClone(value);

/** Tenants and keys in memory, for fast tests; keys are kept hashed, as in DynamoDB. */
export class InMemoryTenantRepository implements TenantRepository {
  private readonly tenants = new Map<string, Tenant>();
  /** By hash, as DynamoDB finds them. */
  private readonly keys = new Map<string, ApiKeyRecord>();

  async createTenant(input: NewTenantInput, now = new Date()): Promise<Tenant> {
    const tenant = newTenant(input, now);
    if (this.tenants.has(tenant.id)) throw new TenantExistsError(tenant.id);
    this.tenants.set(tenant.id, tenant);
    return copy(tenant);
  }

  async ensureTenant(input: { id: string; name: string }, now = new Date()): Promise<Tenant> {
    const tenant = this.tenants.get(input.id) ?? newTenant(input, now);
    this.tenants.set(tenant.id, tenant);
    return copy(tenant);
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const tenant = this.tenants.get(id);
    return tenant ? copy(tenant) : null;
  }

  async listTenants(page: { limit: number; cursor?: string | null }): Promise<TenantPage> {
    assertTenantPageLimit(page.limit);
    const after = page.cursor ? decodeTenantCursor(page.cursor) : undefined;
    const ids = [...this.tenants.keys()].sort().filter((id) => after === undefined || id > after);
    const tenants = ids.slice(0, page.limit).map((id) => copy(this.tenants.get(id)!));
    const more = ids.length > page.limit;
    return { tenants, nextCursor: more ? encodeTenantCursor(tenants.at(-1)!.id) : null };
  }

  async updateTenant(id: string, patch: TenantPatch, now = new Date()): Promise<Tenant | null> {
    const tenant = this.tenants.get(id);
    if (!tenant) return null;
    const updated = applyTenantPatch(tenant, patch, now);
    this.tenants.set(id, updated);
    return copy(updated);
  }

  async rotateWebhookSecret(
    id: string,
    options: { overlapSeconds: number },
    now = new Date(),
  ): Promise<Tenant | null> {
    const tenant = this.tenants.get(id);
    if (!tenant) return null;
    const updated: Tenant = {
      ...tenant,
      webhookSecrets: rotateWebhookSecrets(tenant.webhookSecrets, now, options.overlapSeconds),
      updatedAt: now.toISOString(),
    };
    this.tenants.set(id, updated);
    return copy(updated);
  }

  async createApiKey(tenantId: string, input: NewApiKeyInput, now = new Date()): Promise<IssuedApiKey> {
    if (!this.tenants.has(tenantId)) throw new TenantNotFoundError(tenantId);
    const { record, issued } = newApiKey(tenantId, generateApiKey(tenantId), input, now);
    this.keys.set(record.hash, record);
    return issued;
  }

  async ensureApiKey(
    tenantId: string,
    plaintextKey: string,
    options: { scopes: readonly ApiKeyScope[]; label?: string },
  ): Promise<void> {
    assertChosenApiKey(tenantId, plaintextKey);
    const now = new Date();
    await this.ensureTenant({ id: tenantId, name: tenantId }, now);
    const hash = hashApiKey(plaintextKey);
    const existing = this.keys.get(hash) ?? null;
    if (existing && existing.tenantId !== tenantId) throw new ApiKeyConflictError();
    this.keys.set(hash, ensuredApiKey(existing, tenantId, plaintextKey, options, now));
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    return [...this.keys.values()]
      .filter((key) => key.tenantId === tenantId)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((key) => copy(toApiKey(key)));
  }

  async revokeApiKey(tenantId: string, keyId: string): Promise<boolean> {
    const key = this.find(tenantId, keyId);
    return key !== undefined && this.keys.delete(key.hash);
  }

  async rotateApiKey(
    tenantId: string,
    keyId: string,
    options: { overlapSeconds: number },
    now = new Date(),
  ): Promise<{ issued: IssuedApiKey; previous: ApiKey } | null> {
    const old = this.find(tenantId, keyId);
    if (!old) return null;
    const { record, issued, previous } = planKeyRotation(
      old,
      generateApiKey(tenantId),
      options.overlapSeconds,
      now,
    );
    this.keys.set(previous.hash, previous);
    this.keys.set(record.hash, record);
    return { issued, previous: toApiKey(previous) };
  }

  async authenticate(plaintextKey: string, now = new Date()): Promise<ApiKeyCheck> {
    if (!isPlausibleApiKey(plaintextKey)) return { ok: false, reason: "invalid" };
    const record = this.keys.get(hashApiKey(plaintextKey)) ?? null;
    const tenant = record ? (this.tenants.get(record.tenantId) ?? null) : null;
    return copy(checkApiKey(record, tenant, now));
  }

  async recordApiKeyUse(plaintextKey: string, now = new Date()): Promise<void> {
    const record = this.keys.get(hashApiKey(plaintextKey));
    if (record && lastUseIsStale(record.lastUsedAt, now)) record.lastUsedAt = now.toISOString();
  }

  private find(tenantId: string, keyId: string): ApiKeyRecord | undefined {
    return [...this.keys.values()].find((key) => key.tenantId === tenantId && key.id === keyId);
  }
}
