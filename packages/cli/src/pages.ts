/** The first `limit` items (every one with `all`); the pages behind them are not fetched further. */
export async function firstItems<T>(items: AsyncIterable<T>, limit: number, all = false): Promise<T[]> {
  const taken: T[] = [];
  for await (const item of items) {
    taken.push(item);
    if (!all && taken.length >= limit) break;
  }
  return taken;
}
