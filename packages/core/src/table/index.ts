export { DUE_SHARDS, ensureTable, GSI, TABLE_KEYS, tableDefinition } from "./definition";
export { dueShardOf, dueShards, type ItemKey, indexKeys, itemKeys } from "./keys";
