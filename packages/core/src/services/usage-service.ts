import type { Clock } from "../pipeline";
import type { TenantRepository } from "../tenant";
import {
  defaultUsageRange,
  type UsageGrouping,
  type UsageRecord,
  type UsageReport,
  type UsageRepository,
  usageRangeIssues,
  usageReport,
} from "../usage";
import type { Caller } from "./caller";
import { UsageQueryError } from "./errors";

export interface UsageQuery {
  from?: string;
  to?: string;
  groupBy: UsageGrouping;
  /** Admins only (the API checks): another tenant's usage. */
  tenantId?: string;
}

/** Tenants read at once when an admin asks for every tenant's usage. */
const TENANT_READS_AT_ONCE = 8;

/** Jobs by status and credits per day, job type or tenant, from the lifecycle's counters. */
export class UsageService {
  constructor(
    private readonly deps: {
      usage: UsageRepository;
      tenants: Pick<TenantRepository, "listTenants">;
      clock: Clock;
    },
  ) {}

  /**
   * A tenant's usage: the caller's own, or for an admin the tenant it names, or every tenant's
   * together when it names none. Days are UTC; a job counts on the day it was created. The range
   * defaults to the 30 days up to today.
   */
  async usage(caller: Caller, query: UsageQuery): Promise<UsageReport> {
    const range = defaultUsageRange(this.deps.clock.now(), query);
    const issues = usageRangeIssues(range);
    if (issues.length > 0) throw new UsageQueryError(issues);
    const tenantId = query.tenantId ?? (caller.admin ? null : caller.tenantId);
    const records =
      tenantId === null ? await this.everyTenant(range) : await this.deps.usage.read(tenantId, range);
    return usageReport(records, { ...range, groupBy: query.groupBy, tenantId });
  }

  private async everyTenant(range: { from: string; to: string }): Promise<UsageRecord[]> {
    const records: UsageRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.deps.tenants.listTenants({ limit: TENANT_READS_AT_ONCE, cursor });
      const reads = await Promise.all(page.tenants.map((tenant) => this.deps.usage.read(tenant.id, range)));
      records.push(...reads.flat());
      cursor = page.nextCursor;
    } while (cursor);
    return records;
  }
}
