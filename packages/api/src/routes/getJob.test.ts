import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { bearer, inMemoryDeps } from "../test-support/in-memory-deps";

describe("GET /v1/jobs/{id}", () => {
  it("answers the caller's own job", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "generating" });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}`, { headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(job);
  });

  it("answers 404, never 403, for another tenant's job, the same as for no job at all", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a");
    const app = createApp(deps);
    const foreign = await app.request(`/v1/jobs/${job.id}`, { headers: bearer("tenantB") });
    const missing = await app.request("/v1/jobs/job_9999", { headers: bearer("tenantB") });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: { code: "not_found", message: "No such job." } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No such job." } });
  });

  it("does not let an admin key read other tenants' jobs", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a");
    const res = await createApp(deps).request(`/v1/jobs/${job.id}`, { headers: bearer("admin") });
    expect(res.status).toBe(404);
  });
});
