import { decodeTime } from "ulid";
import { describe, expect, it } from "vitest";
import { requestHash } from "./idempotency";
import { type JobRecord, jobIdSchema, newJobId, publicJobSchema, toPublicJob } from "./job";
import { allowedTransitions, canTransition, isTerminal, JOB_STATUSES, TERMINAL_STATUSES } from "./status";

const record: JobRecord = {
  id: "job_01JDQ7Z8X9V2K3M4N5P6Q7R8S9",
  tenantId: "ten_1",
  type: "text_to_video",
  status: "succeeded",
  input: { prompt: "a cat", model: "v5" },
  metadata: { ref: "42" },
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:02:00.000Z",
  version: 4,
  traceId: "6f1c0d1e-3c1b-4a53-9a55-1c7b8f2e4a10",
  pixverseId: "398765432109876543210",
  credits: 45,
  resultUrl: "https://media.pixverse.ai/x.mp4",
  output: {
    bucket: "media",
    key: "videos/ten_1/job_01JDQ7Z8X9V2K3M4N5P6Q7R8S9.mp4",
    size: 1234,
    contentType: "video/mp4",
    sha256: "a".repeat(64),
    width: 1280,
    height: 720,
  },
  attempts: 0,
};

describe("job ids", () => {
  it("are job_ + a ULID carrying the creation time, sorting in creation order", () => {
    const now = new Date("2026-11-25T10:00:00.000Z");
    const ids = Array.from({ length: 50 }, () => newJobId(now));
    for (const id of ids) expect(jobIdSchema.parse(id)).toBe(id);
    expect(decodeTime(ids[0]!.slice(4))).toBe(now.getTime());
    expect([...ids].sort()).toEqual(ids);
  });
});

describe("the state machine", () => {
  it("lets live jobs move forward, fail or be cancelled, and terminal jobs not at all", () => {
    expect(canTransition("queued", "generating")).toBe(true);
    expect(canTransition("generating", "archiving")).toBe(true);
    expect(canTransition("archiving", "succeeded")).toBe(true);
    expect(canTransition("queued", "archiving")).toBe(false);
    expect(canTransition("queued", "succeeded")).toBe(false);
    // Back to queued only as a new generation (the opt-in retry after PixVerse's status 8).
    expect(canTransition("generating", "queued")).toBe(true);
    expect(canTransition("archiving", "queued")).toBe(false);
    expect(canTransition("archiving", "generating")).toBe(false);
    for (const status of JOB_STATUSES) {
      expect(canTransition(status, status)).toBe(false);
      expect(canTransition(status, "cancelled")).toBe(!isTerminal(status));
      expect(canTransition(status, "failed")).toBe(!isTerminal(status));
    }
    for (const terminal of TERMINAL_STATUSES) expect(allowedTransitions[terminal]).toEqual([]);
  });
});

describe("toPublicJob", () => {
  it("nests PixVerse fields and keeps internal bookkeeping private", () => {
    const job = toPublicJob({ ...record, nextCheckAt: record.updatedAt, eventPending: true, attempts: 3 });
    expect(publicJobSchema.parse(job)).toEqual(job);
    expect(job).toEqual({
      id: record.id,
      tenantId: "ten_1",
      type: "text_to_video",
      status: "succeeded",
      input: record.input,
      metadata: record.metadata,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      pixverse: { videoId: "398765432109876543210", traceId: record.traceId, credits: 45 },
      generations: [
        { traceId: record.traceId, videoId: "398765432109876543210", status: "succeeded", credits: 45 },
      ],
      output: record.output,
    });
  });

  it("lists every generation of a job that retried, its credits summed in pixverse.credits", () => {
    const error = {
      code: "generation_failed" as const,
      message: "PixVerse reported that the generation failed",
    };
    const job = toPublicJob({
      ...record,
      retry: { generationFailed: 2 },
      earlierGenerations: [
        { traceId: "trace-1", pixverseId: "111", credits: 30, error },
        { traceId: "trace-2", pixverseId: "222", error },
      ],
    });
    expect(publicJobSchema.parse(job)).toEqual(job);
    expect(job).toMatchObject({
      retry: { generationFailed: 2 },
      pixverse: { videoId: "398765432109876543210", traceId: record.traceId, credits: 75 },
      generations: [
        { traceId: "trace-1", videoId: "111", status: "failed", error, credits: 30 },
        { traceId: "trace-2", videoId: "222", status: "failed", error },
        { traceId: record.traceId, videoId: "398765432109876543210", status: "succeeded", credits: 45 },
      ],
    });
    expect(job.generations[1]).not.toHaveProperty("credits");
  });

  it("omits PixVerse fields before submission and shows the error once failed", () => {
    const { pixverseId, credits, output, resultUrl, ...queued } = record;
    const failed = toPublicJob({
      ...queued,
      status: "failed",
      error: {
        code: "moderation_failed",
        message: "PixVerse moderation refused the result",
        providerCode: 7,
      },
    });
    expect(Object.keys(failed.pixverse)).toEqual(["traceId"]);
    expect(failed.generations).toEqual([{ traceId: record.traceId, status: "failed", error: failed.error }]);
    expect(failed.error).toEqual({ code: "moderation_failed", message: expect.any(String), providerCode: 7 });
    expect(failed).not.toHaveProperty("output");
  });
});

describe("requestHash", () => {
  it("ignores object key order and undefined fields but not values or array order", () => {
    const a = requestHash({
      type: "effect",
      input: { template_id: 1, image: { upload: "k" } },
      metadata: undefined,
    });
    const b = requestHash({ input: { image: { upload: "k" }, template_id: 1 }, type: "effect" });
    expect(a).toBe(b);
    expect(requestHash({ type: "effect", input: { template_id: 2 } })).not.toBe(
      requestHash({ type: "effect", input: { template_id: 1 } }),
    );
    expect(requestHash({ images: [1, 2] })).not.toBe(requestHash({ images: [2, 1] }));
  });
});
