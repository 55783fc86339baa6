import { ALL_SCOPES, type IssuedApiKey } from "./api-key";
import type { TenantRepository } from "./repository";
import type { Tenant } from "./tenant";

/**
 * The first admin key, written straight into the table (no API key exists yet to ask the API with):
 * the tenant is ensured (created, or an existing one kept) and given a new key with every scope.
 */
export async function bootstrapAdminKey(
  tenants: TenantRepository,
  input: { tenantId: string; name?: string; label: string },
): Promise<{ tenant: Tenant; key: IssuedApiKey }> {
  const tenant = await tenants.ensureTenant({ id: input.tenantId, name: input.name ?? input.tenantId });
  const key = await tenants.createApiKey(tenant.id, { label: input.label, scopes: ALL_SCOPES });
  return { tenant, key };
}
