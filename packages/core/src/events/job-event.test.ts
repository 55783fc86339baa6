import { describe, expect, it } from "vitest";
import { buildJobEvent } from "./job-event";

const job = {
  id: "job_01J",
  tenantId: "tenant-1",
  type: "text_to_video",
  status: "succeeded",
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:03:00.000Z",
  output: { bucket: "media", key: "videos/tenant-1/job_01J.mp4", size: 10, sha256: "ab" },
};

describe("buildJobEvent", () => {
  it("builds a CloudEvents 1.0 event whose data is the job", () => {
    expect(buildJobEvent(job, { source: "urn:pixpipe:test" })).toEqual({
      specversion: "1.0",
      id: "job_01J:succeeded",
      type: "pixpipe.job.succeeded",
      source: "urn:pixpipe:test",
      subject: "job_01J",
      time: "2026-11-25T10:03:00.000Z",
      datacontenttype: "application/json",
      data: job,
    });
  });

  it("builds the same event every time for the same job state", () => {
    expect(buildJobEvent(job, { source: "s" })).toEqual(buildJobEvent({ ...job }, { source: "s" }));
  });

  it("types failed and cancelled jobs, with ids that differ per status", () => {
    const failed = buildJobEvent({ ...job, status: "failed" }, { source: "s" });
    const cancelled = buildJobEvent({ ...job, status: "cancelled" }, { source: "s" });

    expect([failed.type, failed.id]).toEqual(["pixpipe.job.failed", "job_01J:failed"]);
    expect([cancelled.type, cancelled.id]).toEqual(["pixpipe.job.cancelled", "job_01J:cancelled"]);
  });

  it("types the statuses per-job webhooks may ask for (generating, archiving)", () => {
    const generating = buildJobEvent({ ...job, status: "generating" }, { source: "s" });
    expect([generating.type, generating.id]).toEqual(["pixpipe.job.generating", "job_01J:generating"]);
    expect(buildJobEvent({ ...job, status: "archiving" }, { source: "s" }).type).toBe(
      "pixpipe.job.archiving",
    );
  });

  it("refuses a status no change announces, and an empty source", () => {
    for (const status of ["queued", "toString"]) {
      expect(() => buildJobEvent({ ...job, status }, { source: "s" })).toThrow(RangeError);
    }
    expect(() => buildJobEvent(job, { source: "" })).toThrow(RangeError);
  });
});
