import type { PublicJob } from "@pixpipe/core/job";
import type { LedgerGeneration } from "@pixpipe/simulator";
import { describe, expect, it } from "vitest";
import { chaosFigures, formatFigures, type Observed } from "./figures";
import type { PlannedJob } from "./workload";

const plan = (index: number, overrides: Partial<PlannedJob> = {}): PlannedJob => ({
  index,
  tenant: 0,
  type: "text_to_video",
  entry: "api",
  needsSource: false,
  ...overrides,
});

const job = (index: number, overrides: Partial<PublicJob> = {}): PublicJob =>
  ({
    id: `job_${index}`,
    tenantId: "chaos-a",
    type: "text_to_video",
    status: "succeeded",
    metadata: { chaos: String(index) },
    pixverse: { traceId: `trace-${index}`, videoId: `${1000 + index}` },
    generations: [{ traceId: `trace-${index}`, videoId: `${1000 + index}`, status: "succeeded" }],
    output: { key: `videos/chaos-a/job_${index}.mp4`, sha256: `sha-${index}` },
    ...overrides,
  }) as PublicJob;

const generation = (index: number, overrides: Partial<LedgerGeneration> = {}): LedgerGeneration =>
  ({
    id: `${1000 + index}`,
    traceId: `trace-${index}`,
    status: 1,
    replays: 0,
    ...overrides,
  }) as LedgerGeneration;

/** A run of three jobs where everything held. */
function clean(): Observed {
  return {
    planned: [plan(0), plan(1), plan(2, { entry: "s3" })],
    jobs: new Map([0, 1, 2].map((i) => [i, [job(i)]])),
    generations: [0, 1, 2].map((i) => generation(i)),
    uploads: 0,
    peakInFlight: 2,
    limit: 2,
    eventIds: new Map([0, 1, 2].map((i) => [`job_${i}`, [`job_${i}:succeeded`]])),
    archives: new Map(
      [0, 1, 2].map((i) => [`job_${i}`, { stored: `sha-${i}`, recorded: `sha-${i}`, source: `sha-${i}` }]),
    ),
    slotsHeld: 0,
    timeToAllTerminalMs: 12_345,
  };
}

const failing = (observed: Observed) =>
  chaosFigures(observed)
    .filter((f) => !f.ok)
    .map((f) => f.name);

describe("the chaos verdict", () => {
  it("passes a run where every figure holds, one line per figure and a summary", () => {
    const figures = chaosFigures(clean());
    expect(figures.every((f) => f.ok)).toBe(true);
    const lines = formatFigures(figures);
    expect(lines.at(-1)).toBe(`chaos: ${figures.length} passed, 0 failed`);
    expect(lines).toContain("ok   jobs lost: 0");
    expect(lines).toContain("ok   time to all terminal: 12.3 s");
    expect(lines.join("\n")).toMatch(/jobs accepted: 3 \(2 through the API, 1 through S3 incoming\/\)/);
  });

  it("fails a job never created, one not terminal, and a job created twice", () => {
    const observed = clean();
    const jobs = new Map(observed.jobs);
    jobs.delete(0);
    jobs.set(1, [job(1, { status: "generating" })]);
    jobs.set(2, [job(2), job(2, { id: "job_2b" })]);
    expect(failing({ ...observed, jobs })).toEqual(expect.arrayContaining(["jobs lost", "jobs accepted"]));
    const lost = chaosFigures({ ...observed, jobs }).find((f) => f.name === "jobs lost");
    expect(lost?.value).toMatch(
      /^2 \(plan 0 \(text_to_video, api\): never created, job_1 \(text_to_video\) generating/,
    );
  });

  it("fails a job with two generations or none, and one whose outcome is not PixVerse's", () => {
    const observed = clean();
    expect(
      failing({ ...observed, generations: [...observed.generations, generation(0, { id: "2000" })] }),
    ).toEqual(["PixVerse generations per job"]);
    expect(failing({ ...observed, generations: observed.generations.slice(1) })).toContain(
      "PixVerse generations per job",
    );
    const generations = [generation(0, { status: 8 }), generation(1), generation(2)];
    expect(failing({ ...observed, generations })).toContain("outcomes");
    const failedAsPixverseSaid = new Map(observed.jobs).set(0, [
      job(0, {
        status: "failed",
        error: { code: "generation_failed", message: "failed" },
        output: undefined,
      }),
    ]);
    const eventIds = new Map(observed.eventIds).set("job_0", ["job_0:failed"]);
    expect(failing({ ...observed, generations, jobs: failedAsPixverseSaid, eventIds })).toEqual([]);
  });

  it("counts a job that retried a failed generation by its generations, one per trace id", () => {
    const observed = clean();
    const retried = job(0, {
      generations: [
        { traceId: "trace-0-first", videoId: "900", status: "failed" },
        { traceId: "trace-0", videoId: "1000", status: "succeeded" },
      ],
    });
    const jobs = new Map(observed.jobs).set(0, [retried]);
    const first = generation(0, { id: "900", traceId: "trace-0-first", status: 8 });
    const withRetry = { ...observed, jobs, generations: [first, ...observed.generations] };
    expect(failing(withRetry)).toEqual([]);
    expect(chaosFigures(withRetry).find((f) => f.name === "status-8 jobs")?.value).toMatch(
      /^1, 1 of them retried/,
    );
    // The retry's first generation missing at PixVerse, or started twice: not what the job says.
    expect(failing({ ...withRetry, generations: observed.generations })).toEqual([
      "PixVerse generations per job",
    ]);
    expect(failing({ ...withRetry, generations: [first, first, ...observed.generations] })).toEqual([
      "PixVerse generations per job",
    ]);
  });

  it("fails a peak above the limit, a missing or mixed event, a wrong archive and a slot still held", () => {
    const observed = clean();
    expect(failing({ ...observed, peakInFlight: 3 })).toEqual(["peak generations in flight at PixVerse"]);
    expect(failing({ ...observed, eventIds: new Map([["job_0", ["job_0:succeeded"]]]) })).toEqual([
      "terminal events per job",
    ]);
    const mixed = new Map(observed.eventIds).set("job_1", ["job_1:succeeded", "job_1:failed"]);
    expect(failing({ ...observed, eventIds: mixed })).toEqual(["terminal events per job"]);
    const duplicated = new Map(observed.eventIds).set("job_1", ["job_1:succeeded", "job_1:succeeded"]);
    expect(failing({ ...observed, eventIds: duplicated })).toEqual([]);
    const archives = new Map(observed.archives).set("job_2", {
      stored: "other",
      recorded: "sha-2",
      source: "sha-2",
    });
    expect(failing({ ...observed, archives })).toEqual(["archived bytes"]);
    expect(failing({ ...observed, slotsHeld: 1 })).toEqual(["generation slots still held"]);
    expect(failing({ ...observed, timeToAllTerminalMs: null })).toEqual(["time to all terminal"]);
  });
});
