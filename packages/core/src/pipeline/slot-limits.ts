import type { TenantRepository } from "../tenant";
import type { Clock } from "./ports";
import type { SlotLimits } from "./slots";

/**
 * The limits a tenant's jobs start under: pixpipe's, and the tenant's own in-flight limit (set by an
 * admin), read through a short cache so a scheduling round reads each tenant at most once.
 */
export function slotLimitsOf(
  tenants: Pick<TenantRepository, "getTenant">,
  options: { globalLimit: number; clock: Clock; cacheMs?: number },
): (tenantId: string) => Promise<SlotLimits> {
  const cache = new Map<string, { until: number; tenant: number | undefined }>();
  return async (tenantId) => {
    const now = options.clock.now().getTime();
    let entry = cache.get(tenantId);
    if (!entry || entry.until <= now) {
      // A tenant without a limit of its own (or unknown) shares pixpipe's.
      const tenant = await tenants.getTenant(tenantId);
      entry = { until: now + (options.cacheMs ?? 30_000), tenant: tenant?.limits.maxInFlight };
      cache.set(tenantId, entry);
    }
    return entry.tenant === undefined
      ? { global: options.globalLimit }
      : { global: options.globalLimit, tenant: entry.tenant };
  };
}
