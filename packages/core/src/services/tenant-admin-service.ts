import type { Clock } from "../pipeline";
import {
  type ApiKey,
  type ApiKeyScope,
  type IssuedApiKey,
  type PublicTenant,
  type TenantLimits,
  TenantNotFoundError,
  type TenantPatch,
  type TenantRepository,
  type TenantStatus,
  toPublicTenant,
} from "../tenant";
import type { Caller } from "./caller";
import { OwnTenantDisableError } from "./errors";

/** The scopes of a key issued without any named: what an app needs to run its jobs. */
export const DEFAULT_KEY_SCOPES: readonly ApiKeyScope[] = ["jobs:write"];

/** How long a rotated key keeps working unless the admin says otherwise. */
export const DEFAULT_KEY_OVERLAP_SECONDS = 24 * 3600;

/**
 * Tenants and their API keys, for admin keys (the API checks the scope). Answers null where the
 * tenant or key does not exist.
 */
export class TenantAdminService {
  constructor(private readonly deps: { tenants: TenantRepository; clock: Clock }) {}

  async createTenant(
    _caller: Caller,
    input: { id?: string; name: string; status?: TenantStatus; limits?: TenantLimits },
  ): Promise<PublicTenant> {
    return toPublicTenant(await this.deps.tenants.createTenant(input, this.now()));
  }

  async listTenants(
    _caller: Caller,
    page: { limit: number; cursor?: string | null },
  ): Promise<{ tenants: PublicTenant[]; nextCursor: string | null }> {
    const { tenants, nextCursor } = await this.deps.tenants.listTenants(page);
    return { tenants: tenants.map(toPublicTenant), nextCursor };
  }

  async getTenant(_caller: Caller, id: string): Promise<PublicTenant | null> {
    const tenant = await this.deps.tenants.getTenant(id);
    return tenant && toPublicTenant(tenant);
  }

  /** An admin cannot disable the tenant of the key it calls with: nothing could re-enable it then. */
  async updateTenant(caller: Caller, id: string, patch: TenantPatch): Promise<PublicTenant | null> {
    if (patch.status === "disabled" && id === caller.tenantId) throw new OwnTenantDisableError(id);
    const tenant = await this.deps.tenants.updateTenant(id, patch, this.now());
    return tenant && toPublicTenant(tenant);
  }

  /** The issued key carries its secret, shown this once (jobs:write without scopes). Null for an unknown tenant. */
  async createApiKey(
    _caller: Caller,
    tenantId: string,
    input: { label: string; scopes?: readonly ApiKeyScope[]; expiresAt?: string },
  ): Promise<IssuedApiKey | null> {
    const { label, scopes = DEFAULT_KEY_SCOPES, expiresAt } = input;
    try {
      return await this.deps.tenants.createApiKey(
        tenantId,
        { label, scopes, ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}) },
        this.now(),
      );
    } catch (error) {
      if (error instanceof TenantNotFoundError) return null;
      throw error;
    }
  }

  async listApiKeys(_caller: Caller, tenantId: string): Promise<ApiKey[] | null> {
    if (!(await this.deps.tenants.getTenant(tenantId))) return null;
    return this.deps.tenants.listApiKeys(tenantId);
  }

  /** True when the key was revoked; it is refused from the next request on. */
  revokeApiKey(_caller: Caller, tenantId: string, keyId: string): Promise<boolean> {
    return this.deps.tenants.revokeApiKey(tenantId, keyId);
  }

  /** A new key (its secret shown once); the old one works for `overlapSeconds` more (24 h by default). */
  async rotateApiKey(
    _caller: Caller,
    tenantId: string,
    keyId: string,
    options: { overlapSeconds?: number } = {},
  ): Promise<{ key: IssuedApiKey; previous: ApiKey } | null> {
    const overlapSeconds = options.overlapSeconds ?? DEFAULT_KEY_OVERLAP_SECONDS;
    const rotated = await this.deps.tenants.rotateApiKey(tenantId, keyId, { overlapSeconds }, this.now());
    return rotated && { key: rotated.issued, previous: rotated.previous };
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}
