import { describe, expect, it } from "vitest";
import type { WebhookSecret } from "../contract";
import { apiWorld, bearer, json, readJson } from "../test-support/api-world";

describe("GET /v1/webhooks/secret and POST /v1/webhooks/secret/rotate", () => {
  it("answer the tenant's own whsec_ secret, not cached", async () => {
    const world = await apiWorld();
    const res = await world.app.request("/v1/webhooks/secret", { headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const secret = await readJson<WebhookSecret>(res);
    expect(secret).toEqual({
      secret: expect.stringMatching(/^whsec_/),
      createdAt: expect.any(String),
      previousExpiresAt: null,
    });
    expect(Buffer.from(secret.secret.slice(6), "base64")).toHaveLength(32);
    const other = await readJson<WebhookSecret>(
      await world.app.request("/v1/webhooks/secret", { headers: bearer("tenantB") }),
    );
    expect(other.secret).not.toBe(secret.secret);
  });

  it("rotate with an overlap in which deliveries are signed by both secrets, a day by default", async () => {
    const world = await apiWorld();
    const before = await readJson<WebhookSecret>(
      await world.app.request("/v1/webhooks/secret", { headers: bearer("tenantA") }),
    );
    const res = await world.app.request("/v1/webhooks/secret/rotate", {
      method: "POST",
      headers: bearer("tenantA"),
    });
    expect(res.status).toBe(200);
    const rotated = await readJson<WebhookSecret>(res);
    expect(rotated.secret).not.toBe(before.secret);
    expect(Date.parse(rotated.previousExpiresAt ?? "") - world.clock.now().getTime()).toBe(86_400_000);
    const service = world.pipeline.webhookSecretService;
    expect(await service.signingSecrets("tenant_a")).toEqual([rotated.secret, before.secret]);
    await world.clock.advance(86_400_000);
    expect(await service.signingSecrets("tenant_a")).toEqual([rotated.secret]);
    const now = await readJson<WebhookSecret>(
      await world.app.request("/v1/webhooks/secret", { headers: bearer("tenantA") }),
    );
    expect(now).toEqual({ ...rotated, previousExpiresAt: null });

    const immediate = await world.app.request(
      "/v1/webhooks/secret/rotate",
      json({ overlapSeconds: 0 }, bearer("tenantA")),
    );
    expect((await readJson<WebhookSecret>(immediate)).previousExpiresAt).toBeNull();
    const bad = await world.app.request(
      "/v1/webhooks/secret/rotate",
      json({ overlapSeconds: -1 }, bearer("tenantA")),
    );
    expect(bad.status).toBe(400);
  });
});
