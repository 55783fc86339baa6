import { describe, expect, it } from "vitest";
import type { JobErrorCode } from "../job";
import { MediaFetchError } from "../media";
import { PixverseError } from "../pixverse";
import {
  decideFailedGeneration,
  decideFailure,
  describeFailure,
  type FailureContext,
  type FailureDecision,
  type PixverseStep,
} from "./failure-policy";

const pixverse = (kind: PixverseError["kind"], code?: number) =>
  new PixverseError({ kind, retryable: kind === "retryable", code, traceId: "t", providerMessage: "no" });

const created = "2026-12-01T12:00:00.000Z";
const timings = {
  poll: { initialMs: 15_000, factor: 1.5, maxMs: 120_000 },
  submitRetry: { initialMs: 5_000, factor: 2, maxMs: 300_000 },
  mediaRetry: { initialMs: 5_000, factor: 2, maxMs: 30_000 },
  mediaMaxAttempts: 4,
};

function decide(
  error: unknown,
  step: PixverseStep,
  overrides: Partial<FailureContext> = {},
): FailureDecision {
  return decideFailure({
    error,
    step,
    attempts: 0,
    createdAt: created,
    now: new Date(Date.parse(created) + 60_000),
    deadlineSeconds: 3600,
    timings,
    // No jitter: 0.5 is the middle of the ±20 % band.
    random: () => 0.5,
    ...overrides,
  });
}

const retry = (after: number, alarming = false): FailureDecision => ({ action: "retry", after, alarming });
const fail = (code: string, providerCode?: number) =>
  expect.objectContaining({
    action: "fail",
    error: expect.objectContaining({ code, ...(providerCode ? { providerCode } : {}) }),
  });

describe("the failure policy", () => {
  it.each([
    // cause                                     step      decision
    ["concurrency limit 500044", pixverse("retryable", 500044), "submit", retry(5_000)],
    ["high load 500069", pixverse("retryable", 500069), "submit", retry(5_000)],
    ["an answer it cannot read", pixverse("unknown"), "submit", retry(5_000)],
    ["a wrong API key (operator)", pixverse("auth", 400012), "submit", retry(5_000, true)],
    ["a bug or an unknown error", new TypeError("x is undefined"), "submit", retry(5_000, true)],
    ["a poll that timed out", pixverse("retryable"), "poll", retry(15_000)],
    [
      "media that may come back (5xx, timeouts)",
      new MediaFetchError("503", "unavailable"),
      "upload",
      retry(5_000),
    ],
    [
      "media PixVerse does not take",
      new MediaFetchError("a text file", "wrong_type"),
      "upload",
      fail("media_unavailable"),
    ],
    [
      "media over the size limit",
      new MediaFetchError("too big", "too_large"),
      "upload",
      fail("media_unavailable"),
    ],
    ["a private address", new MediaFetchError("10.0.0.1", "refused"), "upload", fail("media_unavailable")],
    ["moderation of the input", pixverse("content", 500063), "submit", fail("moderation_failed", 500063)],
    ["no credits", pixverse("credits", 500090), "submit", fail("insufficient_credits", 500090)],
    ["a parameter PixVerse refuses", pixverse("request", 400017), "submit", fail("invalid_request", 400017)],
    [
      "a file PixVerse's upload refuses",
      pixverse("request", 400032),
      "upload",
      fail("media_unavailable", 400032),
    ],
    [
      "a source video PixVerse lost",
      pixverse("not_found", 500064),
      "submit",
      fail("invalid_request", 500064),
    ],
    [
      "a video PixVerse no longer knows",
      pixverse("not_found", 500008),
      "poll",
      fail("generation_failed", 500008),
    ],
  ] as const)("%s: %j", (_cause, error, step, decision) => {
    expect(decide(error, step)).toEqual(decision);
  });

  it("backs off exponentially per step policy, capped, with jitter", () => {
    const afters = [0, 1, 2, 3, 10].map((attempts) => decide(pixverse("retryable"), "submit", { attempts }));
    expect(afters.map((d) => (d.action === "retry" ? d.after : undefined))).toEqual([
      5_000, 10_000, 20_000, 40_000, 300_000,
    ]);
    const low = decide(pixverse("retryable"), "poll", { random: () => 0 });
    const high = decide(pixverse("retryable"), "poll", { random: () => 1 });
    expect([low, high]).toEqual([retry(12_000), retry(18_000)]);
  });

  it("retries media that looks gone for good a few times, quickly, then fails it media_unavailable", () => {
    for (const problem of ["unresolvable_host", "not_found"] as const) {
      const gone = new MediaFetchError("cannot fetch example.com: the host does not resolve", problem);
      const decisions = [0, 1, 2, 3].map((attempts) => decide(gone, "upload", { attempts }));
      expect(decisions.slice(0, 3)).toEqual([
        { action: "retry", after: 5_000, alarming: false, maxAttempts: 4 },
        { action: "retry", after: 10_000, alarming: false, maxAttempts: 4 },
        { action: "retry", after: 20_000, alarming: false, maxAttempts: 4 },
      ]);
      expect(decisions[3]).toEqual({
        action: "fail",
        error: {
          code: "media_unavailable",
          message: "cannot fetch example.com: the host does not resolve (after 4 attempts)",
        },
      });
    }
  });

  it("says in words what failed and when it is tried again", () => {
    const retryAt = new Date("2026-12-01T12:03:10.000Z");
    expect(
      describeFailure(
        new MediaFetchError("cannot fetch example.com: the host does not resolve", "unresolvable_host"),
        {
          attempt: 2,
          retryAt,
          maxAttempts: 4,
        },
      ),
    ).toBe("cannot fetch example.com: the host does not resolve; retry 3 of 4 at 12:03:10Z");
    expect(describeFailure(pixverse("retryable", 500069), { attempt: 0, retryAt })).toBe(
      "PixVerse answered 500069: system under high load; retry 1 at 12:03:10Z",
    );
  });

  it("fails the job with timeout once it is past its deadline, whatever the cause", () => {
    const late = { now: new Date(Date.parse(created) + 3601_000) };
    for (const step of ["upload", "submit", "poll"] as const) {
      expect(decide(pixverse("retryable", 500044), step, late)).toEqual({
        action: "fail",
        error: { code: "timeout", message: "the job did not finish within 3600 s" },
      });
    }
    // A cause no retry could fix keeps its own code.
    expect(decide(pixverse("credits", 500090), "submit", late)).toEqual(fail("insufficient_credits"));
  });
});

describe("the failure policy for a generation PixVerse ended without a video", () => {
  const within = new Date(Date.parse(created) + 60_000);
  const late = new Date(Date.parse(created) + 3601_000);
  const regenerate = (generation: number, of: number): FailureDecision => ({
    action: "regenerate",
    failed: { code: "generation_failed", message: "PixVerse reported that the generation failed" },
    generation,
    of,
    reason: `retrying after generation_failed (generation ${generation} of ${of})`,
  });
  const failWith = (code: JobErrorCode, message: string): FailureDecision => ({
    action: "fail",
    error: { code, message },
  });

  it.each([
    // case                                          status generation retries now     decision
    [
      "status 8, no retries asked (the default)",
      8,
      1,
      0,
      within,
      failWith("generation_failed", "PixVerse reported that the generation failed"),
    ],
    ["status 8, the first of 1 + 2", 8, 1, 2, within, regenerate(2, 3)],
    ["status 8, the second of 1 + 2", 8, 2, 2, within, regenerate(3, 3)],
    [
      "status 8, the last of 1 + 2",
      8,
      3,
      2,
      within,
      failWith("generation_failed", "PixVerse reported that the generation failed (3 generations)"),
    ],
    [
      "status 8 with retries left, past the deadline",
      8,
      1,
      3,
      late,
      failWith(
        "generation_failed",
        "PixVerse reported that the generation failed; no retry: the job is past its 3600 s deadline",
      ),
    ],
    [
      "status 7 (moderation), retries asked",
      7,
      1,
      3,
      within,
      failWith("moderation_failed", "PixVerse moderation refused the content"),
    ],
    [
      "status 6 (deleted), retries asked",
      6,
      1,
      3,
      within,
      failWith("generation_deleted", "PixVerse reports the video as deleted"),
    ],
  ] as const)("%s", (_case, status, generation, retries, now, decision) => {
    expect(
      decideFailedGeneration({ status, generation, retries, createdAt: created, now, deadlineSeconds: 3600 }),
    ).toEqual(decision);
  });
});
