import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/*
 * pixpipe's single DynamoDB table. Every item has string keys `pk` / `sk`; `sk` names the kind.
 *
 *   item               pk                               sk        notes
 *   job                JOB#<jobId>                      JOB       the job record (+ index attributes below)
 *   generation pointer GEN#<pixverseId>                 GEN       -> jobId; written before the job records
 *                                                                 the PixVerse id (video or image), read
 *                                                                 strongly consistent by webhooks (a GSI
 *                                                                 would be eventually so)
 *   idempotency key    IDEMP#<tenantId>#<sha256(key)>   IDEMP     -> jobId + requestHash; TTL 24 h
 *   tenant             TENANT#<tenantId>                TENANT    name, status, limits, webhook secrets;
 *                                                                 `version` guards read-modify-writes
 *   API key            APIKEY#<sha256(key) hex>         APIKEY    -> tenantId, id, scopes, label, lastUsedAt;
 *                                                                 `expiresAt` (TTL) once it expires
 *   webhook nonce      NONCE#<nonce>                    NONCE     TTL
 *   generation slot    SLOTS                            global#<k> | tenant#<tenantId>#<k>
 *                                                                 -> jobId; a PixVerse generation pixpipe
 *                                                                 (or the tenant) has in flight. Taken by a
 *                                                                 conditional put and given back by a delete
 *                                                                 in the transaction of the job's own write
 *                                                                 (invariant 6): one item per slot, so a
 *                                                                 burst contends on no single item.
 *   waiting marker     SLOTS                            waiting#<tenantId>
 *                                                                 -> at; the tenant may have jobs waiting for
 *                                                                 a slot (the scheduler's list of tenants)
 *   usage              USAGE#<tenantId>                 DAY#<YYYY-MM-DD>#<jobType>
 *                                                                 -> created, succeeded, failed, cancelled,
 *                                                                 credits; added to in the transaction of
 *                                                                 the job write they count
 *   webhook delivery   JOB#<jobId>                      WEBHOOK#<event>
 *                                                                 one event of a job for its webhook: the
 *                                                                 signed body, its state and attempts; put in
 *                                                                 the transaction of the job write it
 *                                                                 announces (the outbox), beside the job
 *
 * Global secondary indexes (all project ALL: list and poller pages come back without extra reads):
 *   byTenant        tenantPk = tenantId,               tenantSk = jobId
 *                   A tenant's jobs newest first: job ids are ULIDs, so sorting by id sorts by creation.
 *   byTenantStatus  tenantPk = tenantId,               statusSk = <status>#<jobId>
 *                   One status of a tenant, newest first: begins_with(statusSk, "failed#"). A second
 *                   index (the job's statusSk is rewritten by every transition) rather than a
 *                   FilterExpression over byTenant: a filter reads and bills every non-matching job and
 *                   returns short or empty pages for rare statuses; this costs one more index write per
 *                   transition and answers every page with one exact query.
 *                   Also, under partitions with a '#' (never in a tenant id): every tenant
 *                   (tenantPk = TENANTS#, tenantSk = tenantId) and a tenant's API keys
 *                   (tenantPk = APIKEYS#<tenantId>, tenantSk = keyId): see indexKeys.
 *   due             dueShard = due#0..7,               nextCheckAt (ISO-8601)
 *                   Sparse: only jobs with `nextCheckAt` (every non-terminal job, and terminal jobs with
 *                   an unsent event) are in it, so the poller's work is one query per shard. The shard is
 *                   fixed per job (hash of its id) so due work spreads over 8 partitions; DUE_SHARDS
 *                   must not shrink while jobs exist. Undelivered webhook deliveries are in it too,
 *                   under dueShard = webhooks#0..7 (the delivery sweep's partitions, never read by the
 *                   poller's job queries), nextCheckAt = when the delivery is due or its attempt's
 *                   lease ends.
 * TTL attribute: `expiresAt` (epoch seconds) on idempotency and nonce items, and on API keys that expire. TTL deletion is lazy (up
 * to days late, never on DynamoDB Local), so readers treat an expired item as absent.
 */
export const TABLE_KEYS = { partitionKey: "pk", sortKey: "sk", ttl: "expiresAt" } as const;

export const GSI = {
  byTenant: { name: "byTenant", partitionKey: "tenantPk", sortKey: "tenantSk" },
  byTenantStatus: { name: "byTenantStatus", partitionKey: "tenantPk", sortKey: "statusSk" },
  due: { name: "due", partitionKey: "dueShard", sortKey: "nextCheckAt" },
} as const;

export const DUE_SHARDS = 8;

const indexes = Object.values(GSI);
const keyAttributes = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...new Set(indexes.flatMap((index) => [index.partitionKey, index.sortKey])),
];

/** CreateTable input (without TableName): on-demand, the key schema and GSIs above. */
export const tableDefinition = {
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
  KeySchema: [
    { AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" },
    { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" },
  ],
  GlobalSecondaryIndexes: indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: "HASH" },
      { AttributeName: index.sortKey, KeyType: "RANGE" },
    ],
    Projection: { ProjectionType: "ALL" },
  })),
} satisfies Omit<CreateTableCommandInput, "TableName">;

const POLL_INTERVAL_MS = 200;
const ACTIVE_TIMEOUT_MS = 120_000;

async function waitUntilActive(dynamo: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    // The SDK's table-exists waiter looks at the table only; queries need the indexes too.
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === "ACTIVE",
    );
    if (Table?.TableStatus === "ACTIVE" && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`table ${tableName} not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Creates the table if it does not exist, waits until it and its indexes are ACTIVE and enables TTL.
 * Safe to call repeatedly and concurrently (tests, local runtime start). An existing table is not
 * altered beyond TTL; in AWS the table belongs to infra/storage.ts.
 */
export async function ensureTable(dynamo: DynamoDBDocumentClient, tableName: string): Promise<void> {
  try {
    await dynamo.send(new CreateTableCommand({ TableName: tableName, ...tableDefinition }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilActive(dynamo, tableName);
  if (await ttlEnabled(dynamo, tableName)) return;
  try {
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttl, Enabled: true },
      }),
    );
  } catch (error) {
    // A concurrent ensureTable enabled it first ("TimeToLive is already enabled").
    if (!(await ttlEnabled(dynamo, tableName))) throw error;
  }
}

async function ttlEnabled(dynamo: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  const { TimeToLiveDescription } = await dynamo.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  return status === "ENABLED" || status === "ENABLING";
}
