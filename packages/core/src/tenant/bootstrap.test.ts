import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsClients } from "../aws";
import { createTestTable } from "../test-support/test-table";
import { DynamoTenantRepository } from "./dynamo-tenant-repository";

// The root script `admin:bootstrap` as an operator runs it, against DynamoDB Local.
const SCRIPT = fileURLToPath(new URL("../../scripts/admin-bootstrap.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

let clients: AwsClients;
let tableName: string;
let tenants: DynamoTenantRepository;

beforeAll(async () => {
  ({ clients, tableName } = await createTestTable("bootstrap"));
  tenants = new DynamoTenantRepository(clients.dynamo, tableName);
});
afterAll(() => clients.destroy());

function bootstrap(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.AWS_ENDPOINT_URL_DYNAMODB; // Given as --endpoint, as for a DynamoDB Local of one's own.
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", SCRIPT, "--", "--endpoint", process.env.AWS_ENDPOINT_URL_DYNAMODB ?? "", ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("admin:bootstrap", () => {
  it("writes an admin key of a new tenant into the table and prints it once", async () => {
    const run = await bootstrap(["--table", tableName, "--region", "us-east-1", "--name", "Operations"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const secret = run.stdout.match(/^pp_live_\S+\.ops$/m)?.[0] ?? "";
    expect(run.stdout).toContain('of tenant ops ("Operations")');
    expect(await tenants.authenticate(secret)).toEqual({
      ok: true,
      limits: {},
      key: expect.objectContaining({
        tenantId: "ops",
        scopes: ["admin", "jobs:write", "jobs:read"],
        label: "bootstrap admin key",
      }),
    });
    expect(await tenants.getTenant("ops")).toMatchObject({ name: "Operations", status: "active" });
  });

  it("adds a key to an existing tenant, keeping it, and prints JSON with --json", async () => {
    await tenants.createTenant({ id: "acme", name: "Acme", limits: { maxInFlight: 2 } });
    const run = await bootstrap([
      "--table",
      tableName,
      "--tenant",
      "acme",
      "--label",
      "break glass",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const { tenant, key } = JSON.parse(run.stdout) as {
      tenant: { name: string };
      key: { secret: string; label: string };
    };
    expect(tenant).toMatchObject({ name: "Acme", limits: { maxInFlight: 2 } });
    expect(tenant).not.toHaveProperty("webhookSecrets");
    expect(key.label).toBe("break glass");
    expect((await tenants.authenticate(key.secret)).ok).toBe(true);
  });

  it("fails clearly without a table, for a missing table and for a bad tenant id", async () => {
    const missing = await bootstrap([]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("--table is required") });
    const noTable = await bootstrap(["--table", "no-such-table", "--region", "us-east-1"]);
    expect(noTable).toMatchObject({
      code: 1,
      stderr: "admin:bootstrap: no table no-such-table in us-east-1\n",
    });
    const badTenant = await bootstrap(["--table", tableName, "--tenant", "no#hash"]);
    expect(badTenant.code).toBe(2);
    expect(noTable.stdout + badTenant.stdout).toBe("");
  });
});
