import { describe, expect, it } from "vitest";
import { apiWorld, bearer, readError } from "../test-support/api-world";

describe("GET /v1/jobs/{id}/video", () => {
  it("redirects (302) to the presigned URL of the archived video, uncached", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "succeeded");
    const res = await app.request(`/v1/jobs/${job.id}/video`, { headers: bearer("tenantA") });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`memory://media-test/videos/tenant_a/${job.id}.mp4?expires=300`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers 409 no_output while the job has no archived video", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "generating");
    const res = await app.request(`/v1/jobs/${job.id}/video`, { headers: bearer("tenantA") });
    expect(res.status).toBe(409);
    expect(await readError(res)).toEqual({
      code: "no_output",
      message: "The job has no archived video (yet).",
    });
  });

  it("answers 404 for another tenant's job", async () => {
    const { app, jobIn } = await apiWorld();
    const job = await jobIn("tenantA", "succeeded");
    const res = await app.request(`/v1/jobs/${job.id}/video`, { headers: bearer("tenantB") });
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });
});
