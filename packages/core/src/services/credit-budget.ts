import type { Clock } from "../pipeline";
import type { TenantRepository } from "../tenant";
import { budgetRange, type SpentBudget, spentBudget, type UsageRepository } from "../usage";

/** Whether a tenant may start more jobs against its credit budgets (per UTC day and month). */
export class CreditBudget {
  constructor(
    private readonly deps: {
      tenants: Pick<TenantRepository, "getTenant">;
      usage: Pick<UsageRepository, "read">;
      clock: Clock;
    },
  ) {}

  /** The budget that is spent, if one is; tenants without budgets cost one tenant read, no usage read. */
  async spent(tenantId: string): Promise<SpentBudget | undefined> {
    const tenant = await this.deps.tenants.getTenant(tenantId);
    const limits = tenant?.limits;
    if (!limits || (limits.creditsPerDay === undefined && limits.creditsPerMonth === undefined))
      return undefined;
    const now = this.deps.clock.now();
    return spentBudget(limits, await this.deps.usage.read(tenantId, budgetRange(limits, now)), now);
  }
}
