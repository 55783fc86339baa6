import type { ItemKey } from "./keys";

const keyOf = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;

export interface StoredItem {
  key: ItemKey;
  item: Record<string, unknown>;
}

/**
 * The table's non-job items in memory (slots, markers, counters), shared by the in-memory adapters the
 * way the DynamoDB ones share one table: what the job repository adds, the usage repository reads.
 */
export class InMemoryItems {
  private readonly items = new Map<string, StoredItem>();

  has(key: ItemKey): boolean {
    return this.items.has(keyOf(key));
  }

  get(key: ItemKey): StoredItem | undefined {
    const stored = this.items.get(keyOf(key));
    return stored && structuredClone(stored);
  }

  put(key: ItemKey, item: Record<string, unknown>): void {
    this.items.set(keyOf(key), structuredClone({ key, item }));
  }

  delete(key: ItemKey): void {
    this.items.delete(keyOf(key));
  }

  /** Adds to numeric attributes, creating what is missing (DynamoDB's ADD). */
  add(key: ItemKey, values: Readonly<Record<string, number>>): void {
    const current = this.items.get(keyOf(key)) ?? { key, item: {} };
    for (const [name, value] of Object.entries(values)) {
      current.item[name] = ((current.item[name] as number | undefined) ?? 0) + value;
    }
    this.items.set(keyOf(key), current);
  }

  /** Every item that matches, in no particular order (what a query of an index finds). */
  filter(predicate: (stored: StoredItem) => boolean): StoredItem[] {
    return [...this.items.values()].filter(predicate).map((stored) => structuredClone(stored));
  }

  /** Every item under a partition key, by sort key. */
  query(pk: string): StoredItem[] {
    return [...this.items.values()]
      .filter((stored) => stored.key.pk === pk)
      .sort((a, b) => (a.key.sk < b.key.sk ? -1 : 1))
      .map((stored) => structuredClone(stored));
  }
}
