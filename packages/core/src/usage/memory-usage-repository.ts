import { itemKeys } from "../table";
import type { UsageRepository } from "./repository";
import {
  type UsageIncrement,
  type UsageRange,
  type UsageRecord,
  usageRecordOf,
  usageSortKeyRange,
} from "./usage";

/**
 * Usage counters in memory. `add` applies an increment as DynamoDB applies its update (ADD creates
 * what is missing), for the in-memory job store to call where the DynamoDB one writes it.
 */
export class InMemoryUsageRepository implements UsageRepository {
  private readonly items = new Map<string, Record<string, unknown>>();

  async add(increment: UsageIncrement): Promise<void> {
    const { Key } = increment.update;
    const id = `${Key.pk}\u0000${Key.sk}`;
    const item: Record<string, unknown> = { ...(this.items.get(id) ?? Key) };
    for (const [name, value] of Object.entries(increment.counts)) {
      item[name] = ((item[name] as number | undefined) ?? 0) + value;
    }
    this.items.set(id, item);
  }

  async read(tenantId: string, range: UsageRange): Promise<UsageRecord[]> {
    const { from, to } = usageSortKeyRange(range);
    const { pk } = itemKeys.usage(tenantId, "", "");
    return [...this.items.values()]
      .filter((item) => item.pk === pk && (item.sk as string) >= from && (item.sk as string) <= to)
      .sort((a, b) => (a.sk as string).localeCompare(b.sk as string))
      .map(usageRecordOf);
  }
}
