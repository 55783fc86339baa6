import { describe, expect, it } from "vitest";
import { apiWorld, bearer } from "../test-support/api-world";

describe("GET /v1/account/balance", () => {
  it("answers the balance to an admin key, the account id as a string", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/account/balance", { headers: bearer("admin") });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accountId: "627410861853514292",
      creditMonthly: 1069020,
      creditPackage: 3630,
    });
  });

  it("answers 403 forbidden to a tenant key, without asking PixVerse", async () => {
    const { app, pixverse } = await apiWorld();
    const res = await app.request("/v1/account/balance", { headers: bearer("tenantA") });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: "forbidden",
        message: "This operation needs an API key with the admin scope; this key has jobs:write, jobs:read.",
      },
    });
    expect(pixverse.callsOf("getBalance")).toHaveLength(0);
  });

  it("answers 401 without a key", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/account/balance");
    expect(res.status).toBe(401);
  });
});
