import { GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import type { AwsClients } from "../aws";
import { itemKeys } from "../table";
import { describeTenantRepositoryContract } from "../test-support/tenant-repository-contract";
import { createTestTable } from "../test-support/test-table";
import { hashApiKey } from "./api-key";
import { DynamoTenantRepository } from "./dynamo-tenant-repository";
import { ApiKeyConflictError } from "./errors";

const opened: AwsClients[] = [];
async function freshRepository(): Promise<
  { tenants: DynamoTenantRepository } & Awaited<ReturnType<typeof createTestTable>>
> {
  const table = await createTestTable("tenants");
  opened.push(table.clients);
  return { ...table, tenants: new DynamoTenantRepository(table.clients.dynamo, table.tableName) };
}
afterAll(() => {
  for (const clients of opened) clients.destroy();
});

describeTenantRepositoryContract("DynamoDB", async () => (await freshRepository()).tenants);

describe("DynamoTenantRepository", () => {
  it("stores keys only as SHA-256 hashes, and an expiry as the table's TTL", async () => {
    const { tenants, clients, tableName } = await freshRepository();
    const tenant = await tenants.createTenant({ name: "Hashes" });
    const { secret } = await tenants.createApiKey(tenant.id, {
      label: "temp",
      scopes: ["jobs:read"],
      expiresAt: new Date("2030-01-01T00:00:00Z"),
    });
    const stored = await clients.dynamo.send(
      new GetCommand({ TableName: tableName, Key: itemKeys.apiKey(hashApiKey(secret)) }),
    );
    expect(stored.Item).toMatchObject({ tenantId: tenant.id, scopes: ["jobs:read"], expiresAt: 1893456000 });
    const everything = await clients.dynamo.send(new ScanCommand({ TableName: tableName }));
    expect(JSON.stringify(everything.Items)).not.toContain(secret);
  });

  it("decides an issued key with one DynamoDB request (a BatchGet of key and tenant), a chosen one with two", async () => {
    const { tenants: writer, clients, tableName } = await freshRepository();
    const tenant = await writer.createTenant({ name: "Round trips" });
    const { secret } = await writer.createApiKey(tenant.id, { label: "k", scopes: ["jobs:read"] });
    await writer.ensureApiKey(tenant.id, "a-chosen-local-key", { scopes: ["jobs:read"] });
    const sent: string[] = [];
    const counting = new Proxy(clients.dynamo, {
      get: (target, property, receiver) =>
        property === "send"
          ? (command: { constructor: { name: string } }) => {
              sent.push(command.constructor.name);
              return target.send(command as never);
            }
          : Reflect.get(target, property, receiver),
    });
    const reader = new DynamoTenantRepository(counting, tableName);
    expect((await reader.authenticate(secret)).ok).toBe(true);
    expect(sent).toEqual(["BatchGetCommand"]);
    sent.length = 0;
    expect((await reader.authenticate("a-chosen-local-key")).ok).toBe(true);
    expect(sent).toEqual(["GetCommand", "GetCommand"]);
  });

  it("brings a tenant and a dev key written by an older pixpipe up to date when they are ensured", async () => {
    const { tenants, clients, tableName } = await freshRepository();
    await clients.dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...itemKeys.tenant("old"),
          id: "old",
          name: "Old one",
          createdAt: "2025-01-01T00:00:00.000Z",
        },
      }),
    );
    const ensured = await tenants.ensureTenant({ id: "old", name: "ignored" });
    expect(ensured).toMatchObject({ id: "old", name: "Old one", status: "active", limits: {} });
    expect(ensured.createdAt).toBe("2025-01-01T00:00:00.000Z");
    expect((await tenants.listTenants({ limit: 10 })).tenants.map((t) => t.id)).toEqual(["old"]);
    // The dev key kept by an older local runtime: ensured again on start, it becomes a whole key.
    await clients.dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...itemKeys.apiKey(hashApiKey("pxp_kept-dev-key")),
          tenantId: "old",
          admin: true,
          createdAt: "2025-01-01T00:00:00.000Z",
        },
      }),
    );
    expect(await tenants.authenticate("pxp_kept-dev-key")).toEqual({ ok: false, reason: "invalid" });
    await tenants.ensureApiKey("old", "pxp_kept-dev-key", { scopes: ["admin", "jobs:write"] });
    expect(await tenants.authenticate("pxp_kept-dev-key")).toEqual({
      ok: true,
      limits: {},
      key: expect.objectContaining({ tenantId: "old", scopes: ["admin", "jobs:write", "jobs:read"] }),
    });
    await expect(
      tenants.ensureApiKey("other", "pxp_kept-dev-key", { scopes: ["admin"] }),
    ).rejects.toBeInstanceOf(ApiKeyConflictError);
    expect(await tenants.updateTenant("old", { limits: { maxInFlight: 2 } })).toMatchObject({
      limits: { maxInFlight: 2 },
    });
  });
});
