import { randomUUID } from "node:crypto";
import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createAwsClients } from "../aws";
import { DUE_SHARDS, ensureTable, GSI, TABLE_KEYS } from "./definition";
import { dueShardOf, dueShards, itemKeys } from "./keys";

const { dynamo, destroy } = createAwsClients();
afterAll(destroy);

describe("ensureTable", () => {
  it("creates the table with its indexes and TTL, and is idempotent under concurrent calls", async () => {
    const tableName = `ensure-${randomUUID()}`;
    await Promise.all(Array.from({ length: 4 }, () => ensureTable(dynamo, tableName)));
    await ensureTable(dynamo, tableName);

    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" },
    ]);
    const indexes = Object.fromEntries(
      (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.KeySchema]),
    );
    expect(indexes).toEqual({
      byTenant: [
        { AttributeName: GSI.byTenant.partitionKey, KeyType: "HASH" },
        { AttributeName: GSI.byTenant.sortKey, KeyType: "RANGE" },
      ],
      byTenantStatus: [
        { AttributeName: GSI.byTenantStatus.partitionKey, KeyType: "HASH" },
        { AttributeName: GSI.byTenantStatus.sortKey, KeyType: "RANGE" },
      ],
      due: [
        { AttributeName: GSI.due.partitionKey, KeyType: "HASH" },
        { AttributeName: GSI.due.sortKey, KeyType: "RANGE" },
      ],
    });
    const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expiresAt",
    });
  });
});

describe("item keys", () => {
  it("spread jobs over every due shard, each job always in the same one", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `job_${i}`);
    const used = new Set(ids.map(dueShardOf));
    expect(used).toEqual(new Set(dueShards));
    expect(dueShards).toHaveLength(DUE_SHARDS);
    expect(dueShardOf("job_7")).toBe(dueShardOf("job_7"));
  });

  it("hash idempotency keys per tenant so long keys fit and tenants never share one", () => {
    const long = `s3:bucket/${"x".repeat(5000)}#etag`;
    expect(itemKeys.idempotency("ten_a", long).pk.length).toBeLessThan(100);
    expect(itemKeys.idempotency("ten_a", "k").pk).not.toBe(itemKeys.idempotency("ten_b", "k").pk);
  });
});
