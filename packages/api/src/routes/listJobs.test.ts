import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import type { Job } from "../schemas";
import { bearer, inMemoryDeps, readError, readJson } from "../test-support/in-memory-deps";

type JobList = { jobs: Job[]; nextCursor: string | null };

function setup() {
  const fixture = inMemoryDeps();
  return { ...fixture, app: createApp(fixture.deps) };
}

describe("GET /v1/jobs", () => {
  it("lists only the caller's jobs, newest first, 20 by default", async () => {
    const { app, jobs } = setup();
    const older = jobs.seed("tenant_a");
    jobs.seed("tenant_b");
    const newer = jobs.seed("tenant_a");
    const res = await app.request("/v1/jobs", { headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ jobs: [newer, older], nextCursor: null });
    expect(jobs.calls[0]?.args[1]).toEqual({ limit: 20 });
  });

  it("pages with limit and the returned cursor, and filters by status", async () => {
    const { app, jobs } = setup();
    const [first, second, third] = [1, 2, 3].map(() => jobs.seed("tenant_a", { status: "succeeded" }));
    jobs.seed("tenant_a", { status: "failed" });
    const page1 = await readJson<JobList>(
      await app.request("/v1/jobs?status=succeeded&limit=2", { headers: bearer("tenantA") }),
    );
    expect(page1.jobs.map((job) => job.id)).toEqual([third?.id, second?.id]);
    const page2 = await readJson<JobList>(
      await app.request(`/v1/jobs?status=succeeded&limit=2&cursor=${page1.nextCursor}`, {
        headers: bearer("tenantA"),
      }),
    );
    expect(page2).toEqual({ jobs: [first], nextCursor: null });
  });

  it("lists every problem of the query", async () => {
    const { app, jobs } = setup();
    const res = await app.request("/v1/jobs?status=done&limit=101", { headers: bearer("tenantA") });
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.code).toBe("invalid_request");
    expect(error.details?.map((problem) => `${problem.location}:${problem.path}`).sort()).toEqual([
      "query:limit",
      "query:status",
    ]);
    expect(jobs.calls).toHaveLength(0);
  });

  it("refuses a limit below 1 or not a number", async () => {
    const { app } = setup();
    for (const limit of ["0", "abc", "2.5"]) {
      const res = await app.request(`/v1/jobs?limit=${limit}`, { headers: bearer("tenantA") });
      expect(res.status, limit).toBe(400);
    }
  });

  it("answers a cursor the service rejects with 400 invalid_cursor", async () => {
    const { app } = setup();
    const res = await app.request("/v1/jobs?cursor=forged", { headers: bearer("tenantA") });
    expect(res.status).toBe(400);
    expect(await readError(res)).toEqual({
      code: "invalid_cursor",
      message: "The cursor is invalid or expired.",
    });
  });
});
