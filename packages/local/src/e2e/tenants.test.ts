import { readFile } from "node:fs/promises";
import type { PublicJob } from "@pixpipe/core/job";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type E2eRuntime,
  type ErrorBody,
  sha256Hex,
  sleep,
  startE2eRuntime,
  TEXT_TO_VIDEO,
} from "../test-support/e2e-runtime";

// Tenants and keys made the way an operator makes them: over HTTP with the admin dev key.

let e2e: E2eRuntime;
/** The dev key: an admin key of tenant "local" (tenant A here). */
let admin: ApiClient;
let tenantB: { id: string };
/** B's jobs:write key. */
let b: ApiClient;
let bKeyId: string;

interface IssuedKey {
  id: string;
  secret: string;
  scopes: string[];
}

async function issueKey(tenantId: string, body: unknown): Promise<IssuedKey> {
  const answer = await admin.request<IssuedKey>("POST", `/v1/admin/tenants/${tenantId}/keys`, { json: body });
  expect(answer.status).toBe(201);
  return answer.body;
}

beforeAll(async () => {
  e2e = await startE2eRuntime();
  admin = e2e.api;
  const created = await admin.request<{ id: string }>("POST", "/v1/admin/tenants", {
    json: { name: "Tenant B" },
  });
  expect(created.status).toBe(201);
  tenantB = created.body;
  const key = await issueKey(tenantB.id, { label: "B's server" });
  b = admin.withKey(key.secret);
  bKeyId = key.id;
}, 120_000);
afterAll(() => e2e?.stop());

describe("tenants through the local runtime", { timeout: 60_000 }, () => {
  it("lets tenant B create and download a job, and never see tenant A's", async () => {
    const mine = await admin.accepted(TEXT_TO_VIDEO);
    const theirs = await b.accepted(TEXT_TO_VIDEO);
    expect(theirs.tenantId).toBe(tenantB.id);
    const done = await b.waitForStatus(theirs.id, ["succeeded", "failed", "cancelled"]);
    expect(done.status).toBe("succeeded");
    expect(done.output?.sha256).toBe(await e2e.sim.control.contentSha256(done.pixverse.videoId ?? ""));

    const video = await b.request("GET", `/v1/jobs/${theirs.id}/video`);
    expect(video.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(video.headers.get("location") ?? "")).arrayBuffer());
    expect(sha256Hex(bytes)).toBe(done.output?.sha256);

    expect((await b.getJob(mine.id)).status).toBe(404);
    expect((await b.request("GET", `/v1/jobs/${mine.id}/video`)).status).toBe(404);
    expect((await b.request("POST", `/v1/jobs/${mine.id}/cancel`)).status).toBe(404);
    expect((await b.allJobs()).map((job: PublicJob) => job.id)).toEqual([theirs.id]);
    expect((await admin.allJobs()).map((job) => job.id)).not.toContain(theirs.id);
  });

  it("refuses a read-only key the writes, and a revoked key from the next request on", async () => {
    const reader = admin.withKey(
      (await issueKey(tenantB.id, { label: "dashboard", scopes: ["jobs:read"] })).secret,
    );
    expect((await reader.listJobs()).status).toBe(200);
    const create = await reader.createJob<ErrorBody>(TEXT_TO_VIDEO);
    expect(create.status).toBe(403);
    expect(create.body.error).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("jobs:write"),
    });
    expect((await reader.request("GET", "/v1/admin/tenants")).status).toBe(403);

    const keys = await admin.request<{ keys: { id: string; label: string }[] }>(
      "GET",
      `/v1/admin/tenants/${tenantB.id}/keys`,
    );
    const readerId = keys.body.keys.find((key) => key.label === "dashboard")?.id ?? "";
    expect((await admin.request("DELETE", `/v1/admin/tenants/${tenantB.id}/keys/${readerId}`)).status).toBe(
      204,
    );
    const refused = await reader.listJobs();
    expect(refused.status).toBe(401);
  });

  it("keeps a rotated key's old secret working until its expiry and not after", async () => {
    const old = await issueKey(tenantB.id, { label: "rotating" });
    const rotatedAt = Date.now();
    const answer = await admin.request<{ key: IssuedKey; previous: { expiresAt: string } }>(
      "POST",
      `/v1/admin/tenants/${tenantB.id}/keys/${old.id}/rotate`,
      { json: { overlapSeconds: 5 } },
    );
    expect(answer.status).toBe(201);
    const expiresAt = Date.parse(answer.body.previous.expiresAt);
    const oldKey = admin.withKey(old.secret);
    const newKey = admin.withKey(answer.body.key.secret);
    expect((await oldKey.listJobs()).status).toBe(200);
    expect((await newKey.listJobs()).status).toBe(200);
    let status = 200;
    while (status === 200 && Date.now() < rotatedAt + 30_000) {
      status = (await oldKey.listJobs()).status;
      if (status === 200) await sleep(100);
    }
    expect(status).toBe(401);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect((await newKey.listJobs()).status).toBe(200);
  });

  it("answers 403 tenant_disabled to a disabled tenant's keys, and lets them in again once enabled", async () => {
    const path = `/v1/admin/tenants/${tenantB.id}`;
    expect((await admin.request("PATCH", path, { json: { status: "disabled" } })).status).toBe(200);
    const refused = await b.listJobs();
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorBody).error.code).toBe("tenant_disabled");
    expect((await admin.request("PATCH", path, { json: { status: "active" } })).status).toBe(200);
    expect((await b.listJobs()).status).toBe(200);
    const keys = await admin.request<{ keys: { id: string; lastUsedAt: string | null }[] }>(
      "GET",
      `${path}/keys`,
    );
    expect(keys.body.keys.find((key) => key.id === bKeyId)?.lastUsedAt).toEqual(expect.any(String));
  });

  it("gives each tenant its own webhook secret, the dev tenant's in local.json, and its own usage", async () => {
    const local = JSON.parse(await readFile(e2e.runtime.infoFile, "utf8")) as { webhookSecret: string };
    const devSecret = await admin.request<{ secret: string }>("GET", "/v1/webhooks/secret");
    expect(devSecret.body.secret).toBe(local.webhookSecret);
    const bSecret = await b.request<{ secret: string }>("GET", "/v1/webhooks/secret");
    expect(bSecret.body.secret).toMatch(/^whsec_/);
    expect(bSecret.body.secret).not.toBe(local.webhookSecret);
    const usage = await b.request<{ tenantId: string; groups: unknown[] }>("GET", "/v1/usage?groupBy=type");
    expect(usage.status).toBe(200);
    expect(usage.body.tenantId).toBe(tenantB.id);
  });
});
