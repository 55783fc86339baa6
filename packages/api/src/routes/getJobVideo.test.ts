import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { bearer, inMemoryDeps, readError } from "../test-support/in-memory-deps";

const output = {
  bucket: "media",
  key: "videos/tenant_a/job_0001.mp4",
  size: 1024,
  contentType: "video/mp4",
  sha256: "0".repeat(64),
  width: 1280,
  height: 720,
};

describe("GET /v1/jobs/{id}/video", () => {
  it("redirects (302) to the presigned URL, uncached", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "succeeded", output });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}/video`, { headers: bearer("tenantA") });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      "https://media.test/videos/tenant_a/job_0001.mp4?X-Amz-Signature=abc",
    );
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers 409 no_output while the job has no archived video", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "generating" });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}/video`, { headers: bearer("tenantA") });
    expect(res.status).toBe(409);
    expect(await readError(res)).toEqual({
      code: "no_output",
      message: "The job has no archived video (yet).",
    });
  });

  it("answers 404 for another tenant's job", async () => {
    const { deps, jobs } = inMemoryDeps();
    const job = jobs.seed("tenant_a", { status: "succeeded", output });
    const res = await createApp(deps).request(`/v1/jobs/${job.id}/video`, { headers: bearer("tenantB") });
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });
});
