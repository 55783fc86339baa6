import { describe, expect, it } from "vitest";
import { apiWorld, bearer, json, readError, readProblems } from "../test-support/api-world";

describe("POST /v1/masks", () => {
  it("answers the keyframe and masks for the video of an earlier job", async () => {
    const { app, jobIn, pixverse } = await apiWorld();
    const source = await jobIn("tenantA", "succeeded");
    const request = { video: { job: source.id }, keyframe_id: 12 };
    const res = await app.request("/v1/masks", json(request, bearer("tenantA")));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ keyframeId: 12, credits: 2, masks: [{ maskId: "1" }] });
    expect(pixverse.callsOf("selectMask")).toEqual([
      [{ source_video_id: source.pixverse.videoId, keyframe_id: 12 }],
    ]);
  });

  it("refuses a media reference that is not exactly one of upload, url or job", async () => {
    const { app, pixverse } = await apiWorld();
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
    expect(pixverse.calls).toHaveLength(0);
  });

  it("refuses a field it does not know, naming it, calling PixVerse for nothing", async () => {
    const { app, jobIn, pixverse } = await apiWorld();
    const source = await jobIn("tenantA", "succeeded");
    const res = await app.request(
      "/v1/masks",
      json({ video: { job: source.id }, source_video_id: 1 }, bearer("tenantA")),
    );
    expect(res.status).toBe(400);
    expect(await readProblems(res)).toEqual([
      expect.objectContaining({ path: "source_video_id", message: "is not a known field" }),
    ]);
    expect(pixverse.callsOf("selectMask")).toHaveLength(0);
  });

  it("refuses another tenant's job as the video, calling PixVerse for nothing", async () => {
    const { app, jobIn, pixverse } = await apiWorld();
    const source = await jobIn("tenantA", "succeeded");
    const res = await app.request("/v1/masks", json({ video: { job: source.id } }, bearer("tenantB")));
    expect(res.status).toBe(400);
    expect(await readProblems(res)).toEqual([
      { path: "video", message: `job ${source.id} does not exist`, location: "body" },
    ]);
    expect(pixverse.callsOf("selectMask")).toHaveLength(0);
  });

  it("refuses a keyframe below 1", async () => {
    const { app } = await apiWorld();
    const res = await app.request(
      "/v1/masks",
      json({ video: { upload: "k" }, keyframe_id: 0 }, bearer("tenantA")),
    );
    expect((await readError(res)).details).toEqual([
      expect.objectContaining({ path: "keyframe_id", location: "body" }),
    ]);
  });
});
