import type { ApiKey, ApiKeyScope, IssuedApiKey } from "./api-key";
import type { ApiKeyCheck, NewApiKeyInput } from "./rules";
import type { NewTenantInput, Tenant, TenantPage, TenantPatch } from "./tenant";

/**
 * Tenants and their API keys. Every method that depends on the time takes `now` (the services pass
 * their clock's), so expiry and overlap windows are testable without waiting.
 */
export interface TenantRepository {
  /** Throws TenantExistsError for a chosen id that is taken. */
  createTenant(input: NewTenantInput, now?: Date): Promise<Tenant>;
  /**
   * Creates the tenant with this id unless it exists; returns it either way. An existing tenant keeps
   * its name and gets whatever attributes it lacks (a tenant written by an older pixpipe).
   */
  ensureTenant(input: { id: string; name: string }, now?: Date): Promise<Tenant>;
  /** Strongly consistent: a change made a moment ago is seen. */
  getTenant(id: string): Promise<Tenant | null>;
  /** Tenants by id, a page at a time. Throws InvalidTenantCursorError. */
  listTenants(page: { limit: number; cursor?: string | null }): Promise<TenantPage>;
  /** Applies a merge patch; null for an unknown tenant. Safe against concurrent patches. */
  updateTenant(id: string, patch: TenantPatch, now?: Date): Promise<Tenant | null>;
  /** A new current webhook secret; the previous one signs for `overlapSeconds` more. */
  rotateWebhookSecret(id: string, options: { overlapSeconds: number }, now?: Date): Promise<Tenant | null>;

  /** Issues a new random key; the plaintext is returned once, never stored. Throws TenantNotFoundError. */
  createApiKey(tenantId: string, input: NewApiKeyInput, now?: Date): Promise<IssuedApiKey>;
  /**
   * Makes a chosen plaintext key (the local runtime's PIXPIPE_API_KEY, test keys) valid for the tenant
   * with these scopes and no expiry, creating the tenant if needed. Idempotent. Throws
   * ApiKeyConflictError when the key belongs to another tenant.
   */
  ensureApiKey(
    tenantId: string,
    plaintextKey: string,
    options: { scopes: readonly ApiKeyScope[]; label?: string },
  ): Promise<void>;
  /** The tenant's keys, oldest first (expired ones until the table's TTL removes them). */
  listApiKeys(tenantId: string): Promise<ApiKey[]>;
  /** Deletes the key: refused from the next request on. False when the tenant has no such key. */
  revokeApiKey(tenantId: string, keyId: string): Promise<boolean>;
  /**
   * A new key with the old one's label and scopes; the old one keeps working until
   * `rotatedKeyExpiry(old, now, overlapSeconds)`. Null for an unknown key; ApiKeyExpiredError for an
   * expired one.
   */
  rotateApiKey(
    tenantId: string,
    keyId: string,
    options: { overlapSeconds: number },
    now?: Date,
  ): Promise<{ issued: IssuedApiKey; previous: ApiKey } | null>;
  /** The decision on a presented key (checkApiKey), read strongly consistent. */
  authenticate(plaintextKey: string, now?: Date): Promise<ApiKeyCheck>;
  /** Sets the key's lastUsedAt unless it was set less than LAST_USED_RESOLUTION_MS before `now`. */
  recordApiKeyUse(plaintextKey: string, now?: Date): Promise<void>;
}
