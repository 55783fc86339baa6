import { describe, expect, it } from "vitest";
import type { JobList } from "../contract";
import { apiWorld, bearer, readError, readJson } from "../test-support/api-world";

describe("GET /v1/jobs", () => {
  it("lists only the caller's jobs, newest first, 20 by default", async () => {
    const { app, jobIn } = await apiWorld();
    const older = await jobIn("tenantA", "queued");
    await jobIn("tenantB", "queued");
    const newer = await jobIn("tenantA", "queued");
    for (let i = 0; i < 20; i++) await jobIn("tenantA", "queued");
    const res = await app.request("/v1/jobs", { headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    const page = await readJson<JobList>(res);
    expect(page.jobs).toHaveLength(20);
    expect(page.jobs.every((job) => job.tenantId === "tenant_a")).toBe(true);
    const rest = await readJson<JobList>(
      await app.request(`/v1/jobs?cursor=${page.nextCursor}`, { headers: bearer("tenantA") }),
    );
    expect(rest).toEqual({ jobs: [newer, older], nextCursor: null });
  });

  it("pages with limit and the returned cursor, and filters by status", async () => {
    const { app, jobIn } = await apiWorld();
    const first = await jobIn("tenantA", "succeeded");
    const second = await jobIn("tenantA", "succeeded");
    const third = await jobIn("tenantA", "succeeded");
    await jobIn("tenantA", "failed");
    const page1 = await readJson<JobList>(
      await app.request("/v1/jobs?status=succeeded&limit=2", { headers: bearer("tenantA") }),
    );
    expect(page1.jobs.map((job) => job.id)).toEqual([third.id, second.id]);
    const page2 = await readJson<JobList>(
      await app.request(`/v1/jobs?status=succeeded&limit=2&cursor=${page1.nextCursor}`, {
        headers: bearer("tenantA"),
      }),
    );
    expect(page2).toEqual({ jobs: [first], nextCursor: null });
  });

  it("lists every problem of the query", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/jobs?status=done&limit=101", { headers: bearer("tenantA") });
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.code).toBe("invalid_request");
    expect(error.details?.map((problem) => `${problem.location}:${problem.path}`).sort()).toEqual([
      "query:limit",
      "query:status",
    ]);
  });

  it("refuses a limit below 1 or not a number", async () => {
    const { app } = await apiWorld();
    for (const limit of ["0", "abc", "2.5"]) {
      const res = await app.request(`/v1/jobs?limit=${limit}`, { headers: bearer("tenantA") });
      expect(res.status, limit).toBe(400);
    }
  });

  it("answers a cursor the service rejects with 400 invalid_cursor", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/jobs?cursor=forged", { headers: bearer("tenantA") });
    expect(res.status).toBe(400);
    expect(await readError(res)).toEqual({
      code: "invalid_cursor",
      message: "The cursor is invalid or expired.",
    });
  });

  it("filters by type and by creation time, bounds exclusive, together with status", async () => {
    const { app, jobIn, clock, pipeline } = await apiWorld();
    const early = await jobIn("tenantA", "queued");
    await clock.advance(60_000);
    const { job: effect } = await pipeline.lifecycle.accept(
      { tenantId: "tenant_a", type: "effect", input: {}, metadata: {} },
      { requestHash: "effect" },
    );
    await clock.advance(60_000);
    const late = await jobIn("tenantA", "queued");
    const list = async (query: string) =>
      (
        await readJson<JobList>(await app.request(`/v1/jobs?${query}`, { headers: bearer("tenantA") }))
      ).jobs.map((job) => job.id);
    expect(await list("type=effect")).toEqual([effect.id]);
    expect(await list(`createdAfter=${early.createdAt}`)).toEqual([late.id, effect.id]);
    expect(await list(`createdBefore=${late.createdAt}&createdAfter=${early.createdAt}`)).toEqual([
      effect.id,
    ]);
    expect(await list(`createdBefore=${encodeURIComponent(late.createdAt.replace("Z", "+00:00"))}`)).toEqual([
      effect.id,
      early.id,
    ]);
    expect(await list("type=text_to_video&status=queued")).toEqual([late.id, early.id]);
    expect(await list("type=text_to_video&status=failed")).toEqual([]);
  });

  it("names an unknown query parameter, a bad instant and an empty range instead of ignoring them", async () => {
    const { app } = await apiWorld();
    const problems = async (query: string) => {
      const res = await app.request(`/v1/jobs?${query}`, { headers: bearer("tenantA") });
      expect(res.status, query).toBe(400);
      return (await readError(res)).details?.map((problem) => `${problem.path}: ${problem.message}`);
    };
    expect(await problems("stauts=failed")).toEqual(["stauts: is not a known field"]);
    expect(await problems("type=text_to_sound")).toEqual([expect.stringMatching(/^type: /)]);
    expect(await problems("createdAfter=yesterday")).toEqual([expect.stringMatching(/^createdAfter: /)]);
    expect(await problems("createdAfter=2026-12-02T00:00:00Z&createdBefore=2026-12-01T00:00:00Z")).toEqual([
      "createdBefore: must be later than createdAfter",
    ]);
  });
});
