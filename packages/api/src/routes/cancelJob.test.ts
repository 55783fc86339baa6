import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { bearer, inMemoryDeps, readError } from "../test-support/in-memory-deps";

describe("POST /v1/jobs/{id}/cancel", () => {
  it("cancels a running job and answers it", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "generating" });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}/cancel`, {
      method: "POST",
      headers: bearer("tenantA"),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "cancelled" });
  });

  it("answers 409 job_not_cancellable for a finished job", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "succeeded" });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}/cancel`, {
      method: "POST",
      headers: bearer("tenantA"),
    });
    expect(res.status).toBe(409);
    expect((await readError(res)).code).toBe("job_not_cancellable");
    expect(job.status).toBe("succeeded");
  });

  it("answers 404 for another tenant's job and leaves it running", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "queued" });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}/cancel`, {
      method: "POST",
      headers: bearer("tenantB"),
    });
    expect(res.status).toBe(404);
    expect(job.status).toBe("queued");
  });
});
