import type { UsageRange, UsageRecord } from "./usage";

/** The read side of the usage counters the job lifecycle adds to (see usageIncrement). */
export interface UsageRepository {
  /** A tenant's counter items of the days in `range` (both included), every job type. */
  read(tenantId: string, range: UsageRange): Promise<UsageRecord[]>;
}
