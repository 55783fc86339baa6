import { describe, expect, it } from "vitest";
import { apiWorld, bearer, readError } from "../test-support/api-world";

const cancel = { method: "POST" };

describe("POST /v1/jobs/{id}/cancel", () => {
  it("cancels a running job and answers it, sending its cancelled event", async () => {
    const { app, jobIn, events } = await apiWorld();
    const job = await jobIn("tenantA", "generating");
    const res = await app.request(`/v1/jobs/${job.id}/cancel`, { ...cancel, headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: job.id, status: "cancelled" });
    expect(events.ids()).toEqual([`${job.id}:cancelled`]);
  });

  it("answers 409 job_not_cancellable for a finished job and leaves it as it was", async () => {
    const { app, jobIn, pipeline } = await apiWorld();
    const job = await jobIn("tenantA", "succeeded");
    const res = await app.request(`/v1/jobs/${job.id}/cancel`, { ...cancel, headers: bearer("tenantA") });
    expect(res.status).toBe(409);
    expect(await readError(res)).toEqual({
      code: "job_not_cancellable",
      message: "The job has already succeeded and can no longer be cancelled.",
    });
    expect(await pipeline.jobService.getJob({ tenantId: "tenant_a", admin: false }, job.id)).toEqual(job);
  });

  it("says a cancelled job is already cancelled, not finished", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "cancelled");
    const res = await app.request(`/v1/jobs/${job.id}/cancel`, { ...cancel, headers: bearer("tenantA") });
    expect(res.status).toBe(409);
    expect(await readError(res)).toEqual({
      code: "job_not_cancellable",
      message: "The job is already cancelled.",
    });
  });

  it("answers 404 for another tenant's job and leaves it running", async () => {
    const { app, jobIn, pipeline } = await apiWorld();
    const job = await jobIn("tenantA", "queued");
    const res = await app.request(`/v1/jobs/${job.id}/cancel`, { ...cancel, headers: bearer("tenantB") });
    expect(res.status).toBe(404);
    expect((await pipeline.jobService.getJob({ tenantId: "tenant_a", admin: false }, job.id))?.status).toBe(
      "queued",
    );
  });
});
