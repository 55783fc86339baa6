import { describe, expect, it } from "vitest";
import type { Tenant, TenantList } from "../contract";
import { apiWorld, bearer, json, readError, readJson, readProblems } from "../test-support/api-world";

const admin = bearer("admin");
const patch = (body: unknown) => json(body, admin, "PATCH");

describe("POST /v1/admin/tenants", () => {
  it("creates an active tenant with a generated id, its Location, and no secret in the answer", async () => {
    const { app, tenants } = await apiWorld();
    const res = await app.request(
      "/v1/admin/tenants",
      json({ name: "Acme", limits: { maxInFlight: 2 } }, admin),
    );
    expect(res.status).toBe(201);
    const tenant = await readJson<Tenant>(res);
    expect(tenant).toEqual({
      id: expect.stringMatching(/^ten_[0-9A-Z]{26}$/),
      name: "Acme",
      status: "active",
      limits: { maxInFlight: 2 },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.headers.get("location")).toBe(`/v1/admin/tenants/${tenant.id}`);
    expect((await tenants.getTenant(tenant.id))?.webhookSecrets.current.secret).toMatch(/^whsec_/);
  });

  it("takes a chosen id once (409 tenant_exists after) and lists every problem of a bad request", async () => {
    const { app } = await apiWorld();
    expect((await app.request("/v1/admin/tenants", json({ id: "acme", name: "Acme" }, admin))).status).toBe(
      201,
    );
    const taken = await app.request("/v1/admin/tenants", json({ id: "acme", name: "Again" }, admin));
    expect(taken.status).toBe(409);
    expect((await readError(taken)).code).toBe("tenant_exists");
    const bad = await app.request(
      "/v1/admin/tenants",
      json({ id: "has#hash", name: "", limits: { maxInFlight: 0, maxInflight: 3 }, extra: 1 }, admin),
    );
    expect(bad.status).toBe(400);
    expect((await readProblems(bad)).map((problem) => problem.path).sort()).toEqual(
      ["extra", "id", "limits.maxInFlight", "limits.maxInflight", "name"].sort(),
    );
  });
});

describe("GET /v1/admin/tenants", () => {
  it("lists tenants by id a page at a time and refuses a forged cursor", async () => {
    const { app } = await apiWorld();
    const page = async (query: string) => {
      const res = await app.request(`/v1/admin/tenants${query}`, { headers: admin });
      expect(res.status).toBe(200);
      return readJson<TenantList>(res);
    };
    const first = await page("?limit=2");
    expect(first.tenants.map((tenant) => tenant.id)).toEqual(["tenant_a", "tenant_b"]);
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ tenants: [expect.objectContaining({ id: "tenant_ops" })], nextCursor: null });
    expect(JSON.stringify(second)).not.toContain("whsec_");
    const forged = await app.request("/v1/admin/tenants?cursor=bm8jcGU", { headers: admin });
    expect(forged.status).toBe(400);
    expect((await readError(forged)).code).toBe("invalid_cursor");
    const unknown = await app.request("/v1/admin/tenants?limt=2", { headers: admin });
    expect(unknown.status).toBe(400);
  });
});

describe("GET and PATCH /v1/admin/tenants/{id}", () => {
  it("reads a tenant, and 404 for an unknown one", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/admin/tenants/tenant_a", { headers: admin });
    expect(await readJson<Tenant>(res)).toMatchObject({ id: "tenant_a", status: "active", limits: {} });
    const missing = await app.request("/v1/admin/tenants/ten_nobody", { headers: admin });
    expect(missing.status).toBe(404);
    expect(await readError(missing)).toEqual({ code: "not_found", message: "No such tenant." });
  });

  it("merges a patch (JSON or merge-patch+json): null removes a limit, absent fields stay", async () => {
    const { app } = await apiWorld();
    await app.request(
      "/v1/admin/tenants/tenant_a",
      patch({ limits: { maxInFlight: 4, creditsPerDay: 100 } }),
    );
    const res = await app.request("/v1/admin/tenants/tenant_a", {
      ...patch({ name: "Tenant A", limits: { creditsPerDay: null, creditsPerMonth: 2000 } }),
      headers: { ...admin, "Content-Type": "application/merge-patch+json" },
    });
    expect(res.status).toBe(200);
    expect(await readJson<Tenant>(res)).toMatchObject({
      id: "tenant_a",
      name: "Tenant A",
      status: "active",
      limits: { maxInFlight: 4, creditsPerMonth: 2000 },
    });
  });

  it("refuses bad patches, an unknown tenant, and an admin disabling its own tenant", async () => {
    const { app } = await apiWorld();
    const bad = await app.request(
      "/v1/admin/tenants/tenant_a",
      patch({ status: "paused", limits: { maxInFlight: -1 } }),
    );
    expect(bad.status).toBe(400);
    expect((await readProblems(bad)).map((problem) => problem.path).sort()).toEqual([
      "limits.maxInFlight",
      "status",
    ]);
    expect((await app.request("/v1/admin/tenants/ten_nobody", patch({ name: "x" }))).status).toBe(404);
    const own = await app.request("/v1/admin/tenants/tenant_ops", patch({ status: "disabled" }));
    expect(own.status).toBe(409);
    expect((await readError(own)).code).toBe("own_tenant");
    expect((await app.request("/v1/jobs", { headers: admin })).status).toBe(200);
  });
});
