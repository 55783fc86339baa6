import { InMemoryItems, itemKeys } from "../table";
import type { UsageRepository } from "./repository";
import {
  type UsageIncrement,
  type UsageRange,
  type UsageRecord,
  usageRecordOf,
  usageSortKeyRange,
} from "./usage";

/**
 * Usage counters in memory: read from the items the in-memory job repository adds to in its terminal
 * writes (one InMemoryItems store, as one table in DynamoDB). `add` applies an increment the way
 * DynamoDB's ADD does, for tests that count without a job.
 */
export class InMemoryUsageRepository implements UsageRepository {
  constructor(private readonly items: InMemoryItems = new InMemoryItems()) {}

  async add(increment: UsageIncrement): Promise<void> {
    this.items.add(increment.update.Key, increment.counts);
  }

  async read(tenantId: string, range: UsageRange): Promise<UsageRecord[]> {
    const { from, to } = usageSortKeyRange(range);
    const { pk } = itemKeys.usage(tenantId, "", "");
    return this.items
      .query(pk)
      .filter(({ key }) => key.sk >= from && key.sk <= to)
      .map(({ key, item }) => usageRecordOf({ ...item, ...key }));
  }
}
