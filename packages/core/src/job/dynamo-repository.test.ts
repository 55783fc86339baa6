import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { AwsClients } from "../aws";
import { dueShardOf } from "../table";
import { describeJobRepositoryContract, newTestJob } from "../test-support/job-repository-contract";
import { createTestTable } from "../test-support/test-table";
import { DynamoJobRepository } from "./dynamo-repository";
import type { JobRecord } from "./job";

const clients: AwsClients[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});

async function freshRepository(): Promise<DynamoJobRepository> {
  const table = await createTestTable("jobs");
  clients.push(table.clients);
  return new DynamoJobRepository(table.clients.dynamo, table.tableName);
}

describeJobRepositoryContract("DynamoDB", { fresh: freshRepository });

describe("DynamoJobRepository's due index", () => {
  it("is sharded: due work spread over several shards comes back as one list, oldest first", async () => {
    const repo = await freshRepository();
    const base = Date.parse("2026-01-01T00:00:00Z");
    const created: JobRecord[] = [];
    for (let i = 0; i < 24; i++) {
      const nextCheckAt = new Date(base + i * 1000).toISOString();
      created.push(
        (await repo.create(newTestJob(`ten_${randomUUID()}`, { nextCheckAt }), { requestHash: "h" })).job,
      );
    }
    const due = await repo.listDue(new Date(base + 60_000), 100);
    expect(due.map((job) => job.id)).toEqual(created.map((job) => job.id));
    // The fixture spans shards, so a query of one shard could not produce this list.
    expect(new Set(due.map((job) => dueShardOf(job.id))).size).toBeGreaterThan(1);
  });
});
