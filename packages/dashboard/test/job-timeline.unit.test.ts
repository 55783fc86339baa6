import type { Job } from "@pixpipe/client";
import { describe, expect, it } from "vitest";
import { observe, timelineSteps } from "../src/job-timeline";

const job = (fields: Partial<Job>): Job => ({
  id: "job_1",
  tenantId: "local",
  type: "text_to_video",
  status: "queued",
  input: {},
  metadata: {},
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:05.000Z",
  pixverse: { traceId: "t" },
  generations: [{ traceId: "t", status: "pending" }],
  ...fields,
});

const summary = (steps: ReturnType<typeof timelineSteps>) =>
  steps.map((step) => `${step.status}:${step.state}`);

describe("a job's timeline", () => {
  it("shows where a running job is and what is left", () => {
    const steps = timelineSteps(job({ status: "generating", pixverse: { traceId: "t", videoId: "42" } }), []);
    expect(summary(steps)).toEqual([
      "queued:done",
      "generating:current",
      "archiving:pending",
      "succeeded:pending",
    ]);
    expect(steps[1]?.notes).toEqual(["PixVerse video 42."]);
    expect(steps[0]).toMatchObject({ at: "2026-12-01T10:00:00.000Z", atSource: "recorded" });
  });

  it("lists the generations a job retried after before its current one", () => {
    const error = {
      code: "generation_failed" as const,
      message: "PixVerse reported that the generation failed",
    };
    const steps = timelineSteps(
      job({
        status: "generating",
        pixverse: { traceId: "t3", videoId: "43" },
        generations: [
          { traceId: "t1", videoId: "41", status: "failed", error },
          { traceId: "t2", videoId: "42", status: "failed", error },
          { traceId: "t3", videoId: "43", status: "generating" },
        ],
      }),
      [],
    );
    expect(steps[1]?.notes).toEqual([
      "Generation 1 of 3: PixVerse video 41 failed (generation_failed).",
      "Generation 2 of 3: PixVerse video 42 failed (generation_failed).",
      "PixVerse video 43.",
    ]);
  });

  it("ends with the failure, its reason, and only the steps the job reached", () => {
    const steps = timelineSteps(
      job({
        status: "failed",
        pixverse: { traceId: "t", videoId: "42" },
        error: {
          code: "moderation_failed",
          message: "PixVerse moderation refused the result",
          providerCode: 7,
        },
      }),
      [{ status: "generating", at: "2026-12-01T10:00:02.000Z" }],
    );
    expect(summary(steps)).toEqual(["queued:done", "generating:done", "failed:failed"]);
    expect(steps[1]).toMatchObject({ at: "2026-12-01T10:00:02.000Z", atSource: "seen" });
    expect(steps[2]?.notes).toEqual([
      "moderation_failed: PixVerse moderation refused the result",
      "PixVerse error code 7.",
    ]);
  });

  it("renders the API's progress (stage, attempt, reason, next attempt) on the current step", () => {
    const running = {
      ...job({ status: "queued" }),
      progress: {
        stage: "submitting" as const,
        reason: "PixVerse is busy",
        attempts: 2,
        nextAttemptAt: "2026-12-01T10:01:00.000Z",
      },
    };
    const [queued] = timelineSteps(running, []);
    expect(queued?.notes.slice(0, 4)).toEqual([
      "Accepted by the API.",
      "Stage: submitting.",
      "Attempt 2.",
      "PixVerse is busy",
    ]);
    expect(queued?.notes[4]).toMatch(/^Next attempt /);
  });
});

describe("the changes a job page saw", () => {
  const queued = job({ progress: { stage: "waiting_for_capacity", attempts: 0 } });
  const retrying = job({
    progress: { stage: "fetching_media", attempts: 2, reason: "cannot fetch example.com: timed out" },
  });

  it("adds a state that differs from the last one seen, in the order seen", () => {
    const seen = observe(observe([], queued, "t1"), retrying, "t2");
    expect(seen).toEqual([
      { status: "queued", at: "t1", stage: "waiting_for_capacity", attempts: 0 },
      {
        status: "queued",
        at: "t2",
        stage: "fetching_media",
        attempts: 2,
        reason: "cannot fetch example.com: timed out",
      },
    ]);
    const done = observe(seen, job({ status: "succeeded" }), "t3");
    expect(done.at(-1)).toEqual({ status: "succeeded", at: "t3" });
  });

  it("keeps the list as it is when the job is as last seen (an answer without a change)", () => {
    const seen = observe([], retrying, "t1");
    expect(observe(seen, { ...retrying, updatedAt: "2026-12-01T10:09:00.000Z" }, "t2")).toBe(seen);
  });

  it("counts another poll of the same stage on the row it has, not as a row of its own", () => {
    const generating = (attempts: number) =>
      job({ status: "generating", progress: { stage: "generating", attempts } });
    const seen = observe(observe(observe([], generating(0), "t1"), generating(1), "t2"), generating(2), "t3");
    expect(seen).toEqual([{ status: "generating", at: "t1", stage: "generating", attempts: 2 }]);
  });
});
