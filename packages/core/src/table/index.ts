export { DUE_SHARDS, ensureTable, GSI, TABLE_KEYS, tableDefinition } from "./definition";
export {
  dueShardOf,
  dueShards,
  type ItemKey,
  indexKeys,
  itemKeys,
  SLOTS_PARTITION,
  WEBHOOK_DELIVERY_PREFIX,
  webhookShardOf,
  webhookShards,
} from "./keys";
export { InMemoryItems, type StoredItem } from "./memory-items";
