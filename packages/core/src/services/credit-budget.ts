import type { Clock } from "../pipeline";
import type { TenantRepository } from "../tenant";
import { budgetRange, type SpentBudget, spentBudget, type UsageRepository } from "../usage";
import type { Caller } from "./caller";

/** Whether a tenant may start more jobs against its credit budgets (per UTC day and month). */
export class CreditBudget {
  constructor(
    private readonly deps: {
      tenants: Pick<TenantRepository, "getTenant">;
      usage: Pick<UsageRepository, "read">;
      clock: Clock;
    },
  ) {}

  /**
   * The budget that is spent, if one is. The caller's limits are used as read with its key; otherwise
   * they cost a tenant read. Tenants without budgets cost no usage read.
   */
  async spent(caller: Pick<Caller, "tenantId" | "limits">): Promise<SpentBudget | undefined> {
    const { tenantId } = caller;
    const limits = caller.limits ?? (await this.deps.tenants.getTenant(tenantId))?.limits;
    if (!limits || (limits.creditsPerDay === undefined && limits.creditsPerMonth === undefined))
      return undefined;
    const now = this.deps.clock.now();
    return spentBudget(limits, await this.deps.usage.read(tenantId, budgetRange(limits, now)), now);
  }
}
