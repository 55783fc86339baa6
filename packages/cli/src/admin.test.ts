import { readFile } from "node:fs/promises";
import path from "node:path";
import type {
  ApiKey,
  IssuedApiKey,
  RotatedApiKey,
  Tenant,
  UsageReport,
  WebhookSecret,
} from "@pixpipe/client";
import type { E2eRuntime } from "@pixpipe/local/test-support/e2e-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "./errors";
import { type BinHarness, startBinHarness } from "./test-support/bin-harness";

// `pixpipe tenants|keys|usage|webhooks` through the real bin, with the local runtime's admin dev key.

let e2e: E2eRuntime;
let pixpipe: BinHarness["pixpipe"];
let project: string;
let tenant: Tenant;

/** A command's --json answer, expecting it to succeed. */
async function json<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
  const result = await pixpipe(["--json", ...args], { env });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(EXIT.ok);
  return JSON.parse(result.stdout) as T;
}

const asKey = (secret: string) => ({ PIXPIPE_API_KEY: secret });

beforeAll(async () => {
  ({ e2e, pixpipe, project } = await startBinHarness());
  tenant = await json<Tenant>(["tenants", "create", "--name", "Tenant B", "--max-in-flight", "2"]);
}, 120_000);
afterAll(() => e2e?.stop());

describe("pixpipe tenants", { timeout: 60_000 }, () => {
  it("creates, lists, shows and updates tenants", async () => {
    expect(tenant).toMatchObject({
      id: expect.stringMatching(/^ten_/),
      name: "Tenant B",
      limits: { maxInFlight: 2 },
    });
    const list = await pixpipe(["tenants", "list"]);
    expect(list.code).toBe(EXIT.ok);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+LIMITS\s+CREATED$/m);
    expect(list.stdout).toMatch(new RegExp(`^${tenant.id}\\s+Tenant B\\s+active\\s+maxInFlight 2 `, "m"));
    expect(list.stdout).toMatch(/^local\s+local\s+active\s+none /m);
    const shown = await pixpipe(["tenants", "get", tenant.id]);
    expect(shown.stdout).toContain("limits   maxInFlight 2");
    const updated = await json<Tenant>([
      "tenants",
      "update",
      tenant.id,
      "--max-in-flight",
      "none",
      "--credits-per-day",
      "100",
    ]);
    expect(updated.limits).toEqual({ creditsPerDay: 100 });
  });

  it("exits 5 for an unknown tenant, 2 for bad flags, 6 for what the API refuses", async () => {
    const missing = await pixpipe(["tenants", "get", "ten_nobody"]);
    expect(missing).toMatchObject({
      code: EXIT.notFound,
      stderr: expect.stringContaining("not_found: No such tenant."),
    });
    expect((await pixpipe(["tenants", "update", tenant.id])).code).toBe(EXIT.usage);
    expect((await pixpipe(["tenants", "update", tenant.id, "--max-in-flight", "1.5"])).code).toBe(EXIT.usage);
    expect((await pixpipe(["tenants", "create"])).code).toBe(EXIT.usage);
    const taken = await pixpipe(["tenants", "create", "--name", "again", "--id", "local"]);
    expect(taken).toMatchObject({ code: EXIT.rejected, stderr: expect.stringContaining("tenant_exists") });
  });
});

describe("pixpipe keys", { timeout: 60_000 }, () => {
  it("issues a key (shown once), lists it, rotates it and revokes it, each taking effect at once", async () => {
    const created = await pixpipe(["keys", "create", "--tenant", tenant.id, "--label", "render server"]);
    expect(created.code).toBe(EXIT.ok);
    const secret = created.stdout.match(/pp_live_\S+/)?.[0] ?? "";
    expect(created.stdout).toContain("shown only this once");
    expect((await pixpipe(["jobs", "list"], { env: asKey(secret) })).code).toBe(EXIT.ok);

    const listed = await pixpipe(["keys", "list", "--tenant", tenant.id]);
    expect(listed.stdout).toMatch(/^ID\s+PREFIX\s+LABEL\s+SCOPES\s+CREATED\s+LAST USED\s+EXPIRES$/m);
    expect(listed.stdout).toContain(`${secret.slice(0, 14)}…  render server  jobs:write,jobs:read`);
    expect(listed.stdout).not.toContain(secret);
    const [key] = (await json<{ keys: ApiKey[] }>(["keys", "list", "--tenant", tenant.id])).keys;

    const rotated = await json<RotatedApiKey>([
      "keys",
      "rotate",
      "--tenant",
      tenant.id,
      key?.id ?? "",
      "--overlap",
      "0",
    ]);
    expect(rotated.key.label).toBe("render server");
    const old = await pixpipe(["jobs", "list"], { env: asKey(secret) });
    expect(old).toMatchObject({
      code: EXIT.auth,
      stderr: expect.stringContaining("unauthorized: The API key has expired"),
    });
    expect((await pixpipe(["jobs", "list"], { env: asKey(rotated.key.secret) })).code).toBe(EXIT.ok);

    const revoked = await pixpipe(["keys", "revoke", "--tenant", tenant.id, rotated.key.id]);
    expect(revoked).toMatchObject({ code: EXIT.ok, stdout: `API key ${rotated.key.id} revoked\n` });
    expect((await pixpipe(["jobs", "list"], { env: asKey(rotated.key.secret) })).code).toBe(EXIT.auth);
  });

  it("gives a read-only key no job creation, and a disabled tenant's key 403 tenant_disabled", async () => {
    const reader = await json<IssuedApiKey>([
      "keys",
      "create",
      "--tenant",
      tenant.id,
      "--label",
      "ro",
      "--scope",
      "jobs:read",
      "--expires-in",
      "1h",
    ]);
    expect(reader.scopes).toEqual(["jobs:read"]);
    expect(Date.parse(reader.expiresAt ?? "") - Date.now()).toBeGreaterThan(3_500_000);
    const run = await pixpipe(["run", "text_to_video", "--prompt", "no"], { env: asKey(reader.secret) });
    expect(run).toMatchObject({
      code: EXIT.auth,
      stderr: expect.stringContaining("forbidden: This operation needs an API key with the jobs:write scope"),
    });
    expect(
      (await pixpipe(["keys", "create", "--tenant", tenant.id, "--label", "x", "--scope", "root"])).code,
    ).toBe(EXIT.usage);
    expect(
      (await pixpipe(["keys", "create", "--tenant", tenant.id, "--label", "x", "--expires-in", "soon"])).code,
    ).toBe(EXIT.usage);

    await json<Tenant>(["tenants", "update", tenant.id, "--status", "disabled"]);
    const refused = await pixpipe(["jobs", "list"], { env: asKey(reader.secret) });
    expect(refused).toMatchObject({ code: EXIT.auth, stderr: expect.stringContaining("tenant_disabled") });
    await json<Tenant>(["tenants", "update", tenant.id, "--status", "active"]);
    expect((await pixpipe(["jobs", "list"], { env: asKey(reader.secret) })).code).toBe(EXIT.ok);
  });
});

describe("pixpipe usage and webhooks secret", { timeout: 60_000 }, () => {
  it("prints usage per day with totals, or JSON, and refuses a bad grouping or range", async () => {
    const report = await json<UsageReport>([
      "usage",
      "--from",
      "2026-01-01",
      "--to",
      "2026-01-03",
      "--group-by",
      "day",
    ]);
    expect(report).toMatchObject({ tenantId: null, from: "2026-01-01", to: "2026-01-03" });
    expect(report.groups.map((group) => group.key)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    const table = await pixpipe([
      "usage",
      "--from",
      "2026-01-01",
      "--to",
      "2026-01-02",
      "--tenant",
      tenant.id,
    ]);
    expect(table.stdout.split("\n")).toEqual([
      `tenant ${tenant.id}, 2026-01-01 to 2026-01-02 (UTC)`,
      "DAY         CREATED  SUCCEEDED  FAILED  CANCELLED  CREDITS",
      "2026-01-01  0        0          0       0          0",
      "2026-01-02  0        0          0       0          0",
      "total       0        0          0       0          0",
      "",
    ]);
    expect((await pixpipe(["usage", "--group-by", "week"])).code).toBe(EXIT.usage);
    const reversed = await pixpipe(["usage", "--from", "2026-01-02", "--to", "2026-01-01"]);
    expect(reversed).toMatchObject({
      code: EXIT.rejected,
      stderr: expect.stringContaining("from: must not be after to"),
    });
  });

  it("prints the tenant's webhook secret, the one in local.json, and rotates it with an overlap", async () => {
    const local = JSON.parse(await readFile(path.join(project, ".pixpipe", "local.json"), "utf8")) as {
      webhookSecret: string;
    };
    const shown = await pixpipe(["webhooks", "secret"]);
    expect(shown).toMatchObject({ code: EXIT.ok, stdout: `${local.webhookSecret}\n` });
    const rotated = await pixpipe(["webhooks", "secret", "--rotate", "--overlap", "1h"]);
    const [secret, note] = rotated.stdout.trim().split("\n");
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(local.webhookSecret);
    expect(note).toMatch(/^\(deliveries are also signed with the previous secret until \d{4}-.+Z\)$/);
    const now = await json<WebhookSecret>(["webhooks", "secret"]);
    expect(now.secret).toBe(secret);
    expect((await pixpipe(["webhooks", "secret", "--overlap", "1h"])).code).toBe(EXIT.usage);
  });
});
