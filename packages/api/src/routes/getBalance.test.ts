import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { bearer, inMemoryDeps } from "../test-support/in-memory-deps";

describe("GET /v1/account/balance", () => {
  it("answers the balance to an admin key, the account id as a string", async () => {
    const { deps } = inMemoryDeps();
    const res = await createApp(deps).request("/v1/account/balance", { headers: bearer("admin") });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accountId: "627410861853514292",
      creditMonthly: 1069020,
      creditPackage: 3630,
    });
  });

  it("answers 403 forbidden to a tenant key", async () => {
    const { deps } = inMemoryDeps();
    deps.jobs.balance = async () => {
      throw new Error("balance must not be fetched for a non-admin");
    };
    const res = await createApp(deps).request("/v1/account/balance", { headers: bearer("tenantA") });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: "forbidden", message: "This operation needs an admin API key." },
    });
  });

  it("answers 401 without a key", async () => {
    const { deps } = inMemoryDeps();
    const res = await createApp(deps).request("/v1/account/balance");
    expect(res.status).toBe(401);
  });
});
