export { DUE_SHARDS, ensureTable, GSI, TABLE_KEYS, tableDefinition } from "./definition";
export { queryDueShards } from "./due-index";
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
