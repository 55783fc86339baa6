import { createHash } from "node:crypto";
import { DUE_SHARDS, GSI } from "./definition";

export const SLOTS_PARTITION = "SLOTS";

/** Primary keys of every item kind (see definition.ts). */
export const itemKeys = {
  job: (jobId: string) => ({ pk: `JOB#${jobId}`, sk: "JOB" }),
  generation: (pixverseId: string) => ({ pk: `GEN#${pixverseId}`, sk: "GEN" }),
  idempotency: (tenantId: string, idempotencyKey: string) => ({
    // Hashed: keys are caller-chosen (S3 keys included) and could exceed DynamoDB's key size.
    pk: `IDEMP#${tenantId}#${createHash("sha256").update(idempotencyKey).digest("base64url")}`,
    sk: "IDEMP",
  }),
  tenant: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: "TENANT" }),
  apiKey: (keyHash: string) => ({ pk: `APIKEY#${keyHash}`, sk: "APIKEY" }),
  nonce: (nonce: string) => ({ pk: `NONCE#${nonce}`, sk: "NONCE" }),
  /** One of pixpipe's generation slots, held by a job (one partition for all slots: one Query reads them). */
  globalSlot: (index: number) => ({ pk: SLOTS_PARTITION, sk: `global#${index}` }),
  /** One of a tenant's generation slots (tenants with an in-flight limit). */
  tenantSlot: (tenantId: string, index: number) => ({
    pk: SLOTS_PARTITION,
    sk: `tenant#${tenantId}#${index}`,
  }),
  /** Present while a tenant may have jobs waiting for a slot: what the scheduler looks at. */
  waitingMarker: (tenantId: string) => ({ pk: SLOTS_PARTITION, sk: `waiting#${tenantId}` }),
  /** A tenant's jobs and credits of one UTC day and job type (counters added to by the lifecycle). */
  usage: (tenantId: string, day: string, type: string) => ({
    pk: `USAGE#${tenantId}`,
    sk: `DAY#${day}#${type}`,
  }),
  /** The delivery of one of a job's webhook events (its outbox item), beside the job in its partition. */
  webhookDelivery: (jobId: string, event: string) => ({ pk: `JOB#${jobId}`, sk: `WEBHOOK#${event}` }),
} as const;

/** The sort-key prefix of a job's webhook deliveries (one Query lists them). */
export const WEBHOOK_DELIVERY_PREFIX = "WEBHOOK#";

export type ItemKey = { pk: string; sk: string };

const byTenant = (partition: string, sort: string) => ({
  [GSI.byTenant.partitionKey]: partition,
  [GSI.byTenant.sortKey]: sort,
});

/**
 * Entries of items other than jobs in the byTenant index. Their partitions hold a `#`, which no tenant
 * id does, so they never mix with a tenant's jobs (whose partition is the bare tenant id).
 */
export const indexKeys = {
  /** Every tenant, by id, in one index partition: tenants are few and rarely written. */
  tenantList: (tenantId: string) => byTenant("TENANTS#", tenantId),
  /** A tenant's API keys, by key id (ULIDs: oldest first). */
  apiKeyList: (tenantId: string, keyId: string) => byTenant(`APIKEYS#${tenantId}`, keyId),
} as const;

export const dueShards: readonly string[] = Array.from({ length: DUE_SHARDS }, (_, shard) => `due#${shard}`);

const shardIndex = (id: string) => createHash("sha256").update(id).digest()[0]! % DUE_SHARDS;

/** A job's fixed due shard: spread by a hash of its id (ULID prefixes are time, not spread). */
export function dueShardOf(jobId: string): string {
  return dueShards[shardIndex(jobId)]!;
}

/**
 * Undelivered webhook deliveries share the `due` index under partitions of their own, which the
 * poller's job queries (due#k) never read.
 */
export const webhookShards: readonly string[] = Array.from(
  { length: DUE_SHARDS },
  (_, shard) => `webhooks#${shard}`,
);

export function webhookShardOf(webhookId: string): string {
  return webhookShards[shardIndex(webhookId)]!;
}
