import { describe, expect, it } from "vitest";
import { apiWorld, bearer } from "../test-support/api-world";

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
});
