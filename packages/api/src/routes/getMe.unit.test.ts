import { describe, expect, it } from "vitest";
import type { ApiKey, IssuedApiKey, Me } from "../contract";
import { apiWorld, bearer, json, readError, readJson } from "../test-support/api-world";

const me = (app: Awaited<ReturnType<typeof apiWorld>>["app"], headers: Record<string, string>) =>
  app.request("/v1/me", { headers });

describe("GET /v1/me", () => {
  it("tells any valid key its tenant, its limits and what the key may do", async () => {
    const { app } = await apiWorld();
    const keys = await readJson<{ keys: ApiKey[] }>(
      await app.request("/v1/admin/tenants/tenant_a/keys", { headers: bearer("admin") }),
    );
    const reader = await me(app, bearer("readerA"));
    expect(reader.status).toBe(200);
    expect(await readJson<Me>(reader)).toEqual({
      tenant: { id: "tenant_a", name: "tenant_a", limits: {} },
      key: {
        id: keys.keys.find((key) => key.scopes.length === 1)?.id,
        admin: false,
        scopes: ["jobs:read"],
      },
    });
    const writer = await readJson<Me>(await me(app, bearer("tenantA")));
    expect(writer.key).toMatchObject({ admin: false, scopes: ["jobs:write", "jobs:read"] });
    expect(writer.key.id).not.toBe((await readJson<Me>(await me(app, bearer("readerA")))).key.id);
    const admin = await readJson<Me>(await me(app, bearer("admin")));
    expect(admin).toMatchObject({
      tenant: { id: "tenant_ops" },
      key: { admin: true, scopes: ["admin", "jobs:write", "jobs:read"] },
    });
  });

  it("shows the limits an admin set, at once, and the name it gave", async () => {
    const { app } = await apiWorld();
    await app.request(
      "/v1/admin/tenants/tenant_a",
      json({ name: "Tenant A", limits: { maxInFlight: 2, creditsPerDay: 500 } }, bearer("admin"), "PATCH"),
    );
    expect((await readJson<Me>(await me(app, bearer("tenantA")))).tenant).toEqual({
      id: "tenant_a",
      name: "Tenant A",
      limits: { maxInFlight: 2, creditsPerDay: 500 },
    });
  });

  it("answers a key issued by the admin API with that key's id, and refuses it once revoked", async () => {
    const { app } = await apiWorld();
    const issued = await readJson<IssuedApiKey>(
      await app.request(
        "/v1/admin/tenants/tenant_b/keys",
        json({ label: "viewer", scopes: ["jobs:read"] }, bearer("admin")),
      ),
    );
    const headers = { Authorization: `Bearer ${issued.secret}` };
    expect((await readJson<Me>(await me(app, headers))).key).toEqual({
      id: issued.id,
      admin: false,
      scopes: ["jobs:read"],
    });
    await app.request(`/v1/admin/tenants/tenant_b/keys/${issued.id}`, {
      method: "DELETE",
      headers: bearer("admin"),
    });
    expect((await me(app, headers)).status).toBe(401);
  });

  it("refuses a missing key (401) and a disabled tenant's key (403 tenant_disabled)", async () => {
    const { app } = await apiWorld();
    const anonymous = await app.request("/v1/me");
    expect(anonymous.status).toBe(401);
    expect((await readError(anonymous)).code).toBe("unauthorized");
    await app.request("/v1/admin/tenants/tenant_b", json({ status: "disabled" }, bearer("admin"), "PATCH"));
    const disabled = await me(app, bearer("tenantB"));
    expect(disabled.status).toBe(403);
    expect((await readError(disabled)).code).toBe("tenant_disabled");
  });
});
