import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsClients } from "../aws";
import { itemKeys } from "../table";
import { describeTenantRepositoryContract } from "../test-support/tenant-repository-contract";
import { createTestTable } from "../test-support/test-table";
import { DynamoTenantRepository } from "./dynamo-tenant-repository";
import { hashApiKey } from "./rules";

let clients: AwsClients;
let tableName: string;
let tenants: DynamoTenantRepository;

beforeAll(async () => {
  ({ clients, tableName } = await createTestTable("tenants"));
  tenants = new DynamoTenantRepository(clients.dynamo, tableName);
});
afterAll(() => clients.destroy());

describeTenantRepositoryContract("DynamoDB", async () => tenants);

describe("DynamoTenantRepository's keys", () => {
  it("are stored only as SHA-256 hashes", async () => {
    const tenant = await tenants.createTenant({ name: "Hashes" });
    const { key } = await tenants.createApiKey(tenant.id, { admin: false });
    const stored = await clients.dynamo.send(
      new GetCommand({ TableName: tableName, Key: itemKeys.apiKey(hashApiKey(key)) }),
    );
    expect(stored.Item).toMatchObject({ tenantId: tenant.id, admin: false });
    const everything = await clients.dynamo.send(new ScanCommand({ TableName: tableName }));
    expect(JSON.stringify(everything.Items)).not.toContain(key);
  });
});
