import { describe, expect, it } from "vitest";
import type { IssuedApiKey, Job, RotatedApiKey } from "./contract";
import { apiWorld, bearer, json, readError, readJson } from "./test-support/api-world";

const TEXT_TO_VIDEO = {
  type: "text_to_video",
  input: { model: "v5", prompt: "A cat surfing", duration: 5, quality: "540p", aspect_ratio: "16:9" },
};

const withKey = (secret: string) => ({ Authorization: `Bearer ${secret}` });

/** An admin issues a key for tenant_a over HTTP, as an operator would. */
async function issueKey(
  world: Awaited<ReturnType<typeof apiWorld>>,
  scopes: string[],
  tenantId = "tenant_a",
) {
  const res = await world.app.request(
    `/v1/admin/tenants/${tenantId}/keys`,
    json({ label: "test", scopes }, bearer("admin")),
  );
  expect(res.status).toBe(201);
  return readJson<IssuedApiKey>(res);
}

describe("scopes", () => {
  it("let a read-only key list, get, watch and download, and refuse it create, cancel, uploads and masks", async () => {
    const world = await apiWorld();
    const done = await world.jobIn("tenantA", "succeeded");
    const running = await world.jobIn("tenantA", "generating");
    const reader = bearer("readerA");
    for (const path of ["/v1/jobs", `/v1/jobs/${done.id}`, "/v1/catalog/voices", "/v1/usage"]) {
      expect((await world.app.request(path, { headers: reader })).status, path).toBe(200);
    }
    expect((await world.app.request(`/v1/jobs/${done.id}/video`, { headers: reader })).status).toBe(302);

    const refusals = [
      ["/v1/jobs", json(TEXT_TO_VIDEO, reader)],
      [`/v1/jobs/${running.id}/cancel`, { method: "POST", headers: reader }],
      ["/v1/uploads", json({ contentType: "image/png", filename: "a.png", size: 10 }, reader)],
      ["/v1/masks", json({ video: { job: done.id } }, reader)],
      ["/v1/webhooks/secret", { headers: reader }],
    ] as const;
    for (const [path, init] of refusals) {
      const res = await world.app.request(path, init);
      expect(res.status, path).toBe(403);
      expect(await readError(res)).toEqual({
        code: "forbidden",
        message: "This operation needs an API key with the jobs:write scope; this key has jobs:read.",
      });
    }
    expect(await world.jobsOf("tenantA")).toHaveLength(2);
    expect((await world.jobs.getById(running.id))?.status).toBe("generating");
  });

  it("are checked before the request is validated", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/jobs", json({ nonsense: true }, bearer("readerA")));
    expect(res.status).toBe(403);
  });

  it("keep admin routes from keys without the admin scope", async () => {
    const { app } = await apiWorld();
    for (const [path, init] of [
      ["/v1/admin/tenants", { headers: bearer("tenantA") }],
      ["/v1/admin/tenants", json({ name: "x" }, bearer("tenantA"))],
      ["/v1/admin/tenants/tenant_a/keys", { headers: bearer("tenantA") }],
    ] as const) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(403);
      expect((await readError(res)).message).toContain("the admin scope");
    }
  });
});

describe("key lifecycle", () => {
  it("refuses a revoked key with 401 at the very next request", async () => {
    const world = await apiWorld();
    const key = await issueKey(world, ["jobs:read"]);
    expect((await world.app.request("/v1/jobs", { headers: withKey(key.secret) })).status).toBe(200);
    const revoked = await world.app.request(`/v1/admin/tenants/tenant_a/keys/${key.id}`, {
      method: "DELETE",
      headers: bearer("admin"),
    });
    expect(revoked.status).toBe(204);
    const res = await world.app.request("/v1/jobs", { headers: withKey(key.secret) });
    expect(res.status).toBe(401);
    expect(await readError(res)).toEqual({ code: "unauthorized", message: "The API key is invalid." });
  });

  it("keeps a rotated key's old secret working until its expiry and not after", async () => {
    const world = await apiWorld();
    const old = await issueKey(world, ["jobs:write"]);
    const res = await world.app.request(
      `/v1/admin/tenants/tenant_a/keys/${old.id}/rotate`,
      json({ overlapSeconds: 60 }, bearer("admin")),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { key, previous } = await readJson<RotatedApiKey>(res);
    expect(previous).toMatchObject({
      id: old.id,
      expiresAt: new Date(world.clock.now().getTime() + 60_000).toISOString(),
    });
    const status = async (secret: string) =>
      (await world.app.request("/v1/jobs", { headers: withKey(secret) })).status;

    await world.clock.advance(59_000);
    expect(await status(old.secret)).toBe(200);
    expect(await status(key.secret)).toBe(200);
    await world.clock.advance(1_000);
    const expired = await world.app.request("/v1/jobs", { headers: withKey(old.secret) });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(/^Bearer .*invalid_token/);
    expect(await readError(expired)).toEqual({
      code: "unauthorized",
      message: "The API key has expired; use the key that replaced it.",
    });
    expect(await status(key.secret)).toBe(200);
  });

  it("rotates with a day's overlap by default, and refuses to rotate an expired key", async () => {
    const world = await apiWorld();
    const old = await issueKey(world, ["jobs:read"]);
    const path = `/v1/admin/tenants/tenant_a/keys/${old.id}/rotate`;
    const res = await world.app.request(path, { method: "POST", headers: bearer("admin") });
    expect(res.status).toBe(201);
    const { previous } = await readJson<RotatedApiKey>(res);
    expect(Date.parse(previous.expiresAt ?? "") - world.clock.now().getTime()).toBe(86_400_000);
    await world.clock.advance(86_400_000);
    const again = await world.app.request(path, json({ overlapSeconds: 10 }, bearer("admin")));
    expect(again.status).toBe(409);
    expect((await readError(again)).code).toBe("key_expired");
  });

  it("answers 403 tenant_disabled to every key of a disabled tenant, while its jobs go on", async () => {
    const world = await apiWorld();
    const running = await world.jobIn("tenantA", "generating");
    const disable = await world.app.request(
      "/v1/admin/tenants/tenant_a",
      json({ status: "disabled" }, bearer("admin"), "PATCH"),
    );
    expect(disable.status).toBe(200);
    for (const who of ["tenantA", "readerA"] as const) {
      const res = await world.app.request("/v1/jobs", { headers: bearer(who) });
      expect(res.status).toBe(403);
      expect(await readError(res)).toMatchObject({ code: "tenant_disabled" });
    }
    world.pixverse.finish((await world.jobs.getById(running.id))!.pixverseId!, 1);
    await world.pipeline.steps.advance((await world.jobs.getById(running.id))!);
    await world.archiveQueued();
    expect((await world.jobs.getById(running.id))?.status).toBe("succeeded");
    expect((await world.app.request("/v1/jobs", { headers: bearer("tenantB") })).status).toBe(200);

    await world.app.request(
      "/v1/admin/tenants/tenant_a",
      json({ status: "active" }, bearer("admin"), "PATCH"),
    );
    const back = await world.app.request("/v1/jobs", { headers: bearer("tenantA") });
    expect((await readJson<{ jobs: Job[] }>(back)).jobs.map((job) => job.id)).toEqual([running.id]);
  });

  it("records a key's last use at most once a minute", async () => {
    const world = await apiWorld();
    const key = await issueKey(world, ["jobs:read"]);
    const lastUsed = async () =>
      (await world.tenants.listApiKeys("tenant_a")).find((k) => k.id === key.id)?.lastUsedAt;
    const use = () => world.app.request("/v1/jobs", { headers: withKey(key.secret) });
    expect(await lastUsed()).toBeNull();
    await use();
    const first = world.clock.now().toISOString();
    await expect.poll(lastUsed).toBe(first);
    await world.clock.advance(30_000);
    await use();
    await world.clock.advance(29_000);
    await use();
    expect(await lastUsed()).toBe(first);
    await world.clock.advance(1_000);
    await use();
    await expect.poll(lastUsed).toBe(world.clock.now().toISOString());
  });
});
