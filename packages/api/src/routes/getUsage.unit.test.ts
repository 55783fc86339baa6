import { usageIncrement } from "@pixpipe/core/usage";
import { describe, expect, it } from "vitest";
import type { UsageReport } from "../contract";
import { apiWorld, bearer, readError, readJson, readProblems } from "../test-support/api-world";

/** Counters as the lifecycle writes them. */
async function seed(world: Awaited<ReturnType<typeof apiWorld>>) {
  const add = (
    tenantId: string,
    createdAt: string,
    type: string,
    counts: Parameters<typeof usageIncrement>[1],
  ) => world.usage.add(usageIncrement({ tenantId, createdAt, type }, counts));
  await add("tenant_a", "2026-11-29T10:00:00Z", "text_to_video", {
    created: 2,
    succeeded: 1,
    failed: 1,
    credits: 45,
  });
  await add("tenant_a", "2026-12-01T09:00:00Z", "effect", { created: 1, cancelled: 1 });
  await add("tenant_b", "2026-12-01T09:00:00Z", "effect", { created: 3, succeeded: 3, credits: 90 });
}

describe("GET /v1/usage", () => {
  it("answers the caller's tenant by day, every day of the range, with totals", async () => {
    const world = await apiWorld();
    await seed(world);
    const res = await world.app.request("/v1/usage?from=2026-11-29&to=2026-12-01", {
      headers: bearer("readerA"),
    });
    expect(res.status).toBe(200);
    const report = await readJson<UsageReport>(res);
    expect(report).toMatchObject({
      tenantId: "tenant_a",
      from: "2026-11-29",
      to: "2026-12-01",
      groupBy: "day",
    });
    expect(report.groups.map((group) => [group.key, group.jobs.created, group.credits])).toEqual([
      ["2026-11-29", 2, 45],
      ["2026-11-30", 0, 0],
      ["2026-12-01", 1, 0],
    ]);
    expect(report.totals).toEqual({
      jobs: { created: 3, succeeded: 1, failed: 1, cancelled: 1 },
      credits: 45,
    });
  });

  it("defaults to the 30 days up to today (the clock's), grouped by day", async () => {
    const world = await apiWorld();
    const report = await readJson<UsageReport>(
      await world.app.request("/v1/usage", { headers: bearer("tenantA") }),
    );
    expect(report).toMatchObject({ from: "2026-11-02", to: "2026-12-01", groupBy: "day" });
    expect(report.groups).toHaveLength(30);
  });

  it("gives admins any tenant, or every tenant together, by type or by tenant", async () => {
    const world = await apiWorld();
    await seed(world);
    const get = async (query: string) =>
      readJson<UsageReport>(
        await world.app.request(`/v1/usage?from=2026-11-01&to=2026-12-01&${query}`, {
          headers: bearer("admin"),
        }),
      );
    const b = await get("tenantId=tenant_b&groupBy=type");
    expect(b).toMatchObject({ tenantId: "tenant_b", groups: [{ key: "effect", credits: 90 }] });
    const all = await get("groupBy=tenant");
    expect(all.tenantId).toBeNull();
    expect(all.groups.map((group) => [group.key, group.credits])).toEqual([
      ["tenant_a", 45],
      ["tenant_b", 90],
    ]);
    expect(all.totals.jobs.created).toBe(6);
  });

  it("refuses another tenant to a key without the admin scope", async () => {
    const world = await apiWorld();
    const res = await world.app.request("/v1/usage?tenantId=tenant_b", { headers: bearer("tenantA") });
    expect(res.status).toBe(403);
    expect((await readError(res)).message).toContain("admin scope");
    const own = await world.app.request("/v1/usage?tenantId=tenant_a", { headers: bearer("tenantA") });
    expect(own.status).toBe(200);
  });

  it("answers 400 naming each problem: bad days, a reversed or too long range, unknown parameters", async () => {
    const world = await apiWorld();
    const problems = async (query: string) => {
      const res = await world.app.request(`/v1/usage?${query}`, { headers: bearer("tenantA") });
      expect(res.status, query).toBe(400);
      return (await readProblems(res)).map((problem) => `${problem.path}: ${problem.message}`);
    };
    expect(await problems("from=2026-02-30&to=2026-13-01")).toHaveLength(2);
    expect(await problems("from=2026-03-02&to=2026-03-01")).toEqual([
      "from: must not be after to (2026-03-01)",
    ]);
    expect(await problems("from=2025-01-01&to=2026-01-02")).toEqual([
      "to: the range may cover at most 366 days; this one covers 367",
    ]);
    // from after the default to (today).
    expect(await problems("from=2027-01-01")).toEqual(["from: must not be after to (2026-12-01)"]);
    expect(await problems("groupBy=week&form=2026-01-01")).toHaveLength(2);
  });
});
