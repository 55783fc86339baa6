import { describe, expect, it } from "vitest";
import type { Job } from "../contract";
import { apiWorld, bearer, readJson, readProblems } from "../test-support/api-world";

describe("GET /v1/jobs/{id}", () => {
  it("answers the caller's own job", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "generating");
    const res = await app.request(`/v1/jobs/${job.id}`, { headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(job);
  });

  it("answers 404, never 403, for another tenant's job, the same as for no job at all", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "queued");
    const foreign = await app.request(`/v1/jobs/${job.id}`, { headers: bearer("tenantB") });
    const missing = await app.request("/v1/jobs/job_9999", { headers: bearer("tenantB") });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: { code: "not_found", message: "No such job." } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No such job." } });
  });

  it("does not let an admin key read other tenants' jobs", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "queued");
    const res = await app.request(`/v1/jobs/${job.id}`, { headers: bearer("admin") });
    expect(res.status).toBe(404);
  });

  it("long-polls with ?wait=N: the job once it changes, or as it is at N seconds", async () => {
    const { app, jobIn, clock, pipeline, jobs } = await apiWorld();
    const job = await jobIn("tenantA", "queued");
    const unchanged = Promise.resolve(
      app.request(`/v1/jobs/${job.id}?wait=3`, { headers: bearer("tenantA") }),
    );
    await clock.run(unchanged);
    expect(await readJson<Job>(await unchanged)).toMatchObject({ status: "queued" });
    expect(clock.now().getTime() - Date.parse(job.createdAt)).toBe(3_000);

    const changing = Promise.resolve(
      app.request(`/v1/jobs/${job.id}?wait=25`, { headers: bearer("tenantA") }),
    );
    while (clock.pendingSleeps() === 0) await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(1_000);
    await pipeline.steps.start((await jobs.getById(job.id))!);
    await clock.run(changing);
    expect(await readJson<Job>(await changing)).toMatchObject({ status: "generating" });
    expect(clock.now().getTime() - Date.parse(job.createdAt)).toBeLessThan(3_000 + 3_000);
  });

  it("refuses a wait past 25 s, a wait that is no number, and unknown query parameters", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "queued");
    for (const query of ["wait=26", "wait=soon", "wiat=5"]) {
      const res = await app.request(`/v1/jobs/${job.id}?${query}`, { headers: bearer("tenantA") });
      expect(res.status, query).toBe(400);
      expect((await readProblems(res))[0]).toMatchObject({ location: "query" });
    }
  });
});
