import { describe, expect, it } from "vitest";
import type { ApiKey, IssuedApiKey } from "../contract";
import { apiWorld, bearer, json, readError, readJson, readProblems } from "../test-support/api-world";

const admin = bearer("admin");

describe("POST /v1/admin/tenants/{id}/keys", () => {
  it("issues a key whose secret works at once, is shown once and not cached", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/admin/tenants/tenant_b/keys", json({ label: "ci" }, admin));
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const key = await readJson<IssuedApiKey>(res);
    expect(key).toMatchObject({
      tenantId: "tenant_b",
      label: "ci",
      scopes: ["jobs:write", "jobs:read"],
      expiresAt: null,
    });
    expect(key.secret).toMatch(/^pp_live_.{43}\.tenant_b$/);
    expect(key.prefix).toBe(key.secret.slice(0, 14));
    const jobs = await app.request("/v1/jobs", { headers: { Authorization: `Bearer ${key.secret}` } });
    expect(jobs.status).toBe(200);
  });

  it("refuses an unknown tenant, unknown scopes and a bad expiry", async () => {
    const { app } = await apiWorld();
    expect((await app.request("/v1/admin/tenants/ten_nobody/keys", json({ label: "x" }, admin))).status).toBe(
      404,
    );
    const bad = await app.request(
      "/v1/admin/tenants/tenant_b/keys",
      json({ label: "x", scopes: ["jobs:delete"], expiresAt: "tomorrow" }, admin),
    );
    expect(bad.status).toBe(400);
    expect((await readProblems(bad)).map((problem) => problem.path).sort()).toEqual([
      "expiresAt",
      "scopes.0",
    ]);
  });
});

describe("GET /v1/admin/tenants/{id}/keys", () => {
  it("lists prefixes, labels, scopes, creation, last use and expiry, never secrets", async () => {
    const { app } = await apiWorld();
    const issued = await readJson<IssuedApiKey>(
      await app.request(
        "/v1/admin/tenants/tenant_b/keys",
        json({ label: "reader", scopes: ["jobs:read"] }, admin),
      ),
    );
    const res = await app.request("/v1/admin/tenants/tenant_b/keys", { headers: admin });
    expect(res.status).toBe(200);
    const { keys } = await readJson<{ keys: ApiKey[] }>(res);
    expect(keys.map((key) => key.label)).toEqual(["configured key", "reader"]);
    const { secret: _secret, ...listed } = issued;
    expect(keys[1]).toEqual(listed);
    expect(JSON.stringify(keys)).not.toContain(issued.secret);
    expect((await app.request("/v1/admin/tenants/ten_nobody/keys", { headers: admin })).status).toBe(404);
  });
});

describe("DELETE /v1/admin/tenants/{id}/keys/{keyId}", () => {
  it("answers 404 for a key of another tenant or an unknown one, and leaves the key working", async () => {
    const { app } = await apiWorld();
    const key = await readJson<IssuedApiKey>(
      await app.request("/v1/admin/tenants/tenant_b/keys", json({ label: "b" }, admin)),
    );
    const wrongTenant = await app.request(`/v1/admin/tenants/tenant_a/keys/${key.id}`, {
      method: "DELETE",
      headers: admin,
    });
    expect(wrongTenant.status).toBe(404);
    expect(await readError(wrongTenant)).toEqual({ code: "not_found", message: "No such API key." });
    expect(
      (await app.request("/v1/jobs", { headers: { Authorization: `Bearer ${key.secret}` } })).status,
    ).toBe(200);
    const badId = await app.request("/v1/admin/tenants/tenant_b/keys/nope", {
      method: "DELETE",
      headers: admin,
    });
    expect(badId.status).toBe(400);
  });
});
