import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { bearer, inMemoryDeps, json, readError, readProblems } from "../test-support/in-memory-deps";

describe("POST /v1/masks", () => {
  it("answers the keyframe and masks for a video reference", async () => {
    const { deps, jobs } = inMemoryDeps();
    const request = { video: { job: "job_0001" }, keyframe_id: 12 };
    const res = await createApp(deps).request("/v1/masks", json(request, bearer("tenantA")));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ keyframeId: 12, credits: 2, masks: [{ maskId: "m_1" }] });
    expect(jobs.calls[0]?.args).toEqual([{ tenantId: "tenant_a", admin: false }, request]);
  });

  it("refuses a media reference that is not exactly one of upload, url or job", async () => {
    const { deps, jobs } = inMemoryDeps();
    const app = createApp(deps);
    for (const video of [
      {},
      { upload: "k", url: "https://x.test/v.mp4" },
      { url: "ftp://x.test/v.mp4" },
      "job_1",
    ]) {
      const res = await app.request("/v1/masks", json({ video }, bearer("tenantA")));
      expect(res.status, JSON.stringify(video)).toBe(400);
      expect((await readProblems(res))[0]?.path).toMatch(/^video/);
    }
    expect(jobs.calls).toHaveLength(0);
  });

  it("refuses a keyframe below 1", async () => {
    const { deps } = inMemoryDeps();
    const res = await createApp(deps).request(
      "/v1/masks",
      json({ video: { upload: "k" }, keyframe_id: 0 }, bearer("tenantA")),
    );
    expect((await readError(res)).details).toEqual([
      expect.objectContaining({ path: "keyframe_id", location: "body" }),
    ]);
  });
});
