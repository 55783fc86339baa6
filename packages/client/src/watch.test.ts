import { describe, expect, it } from "vitest";
import type { Job, JobStatus } from "./types";
import { watchJob } from "./watch";

const job = (status: JobStatus, updatedAt: string = status): Job => ({
  id: "job_1",
  tenantId: "t",
  type: "text_to_video",
  status,
  input: {},
  metadata: {},
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt,
  pixverse: { traceId: "trace" },
  generations: [{ traceId: "trace", status: "pending" }],
});

/** A reader that answers the given states in turn (the last one for ever), counting reads. */
function reader(states: Job[]) {
  let reads = 0;
  return {
    read: async () => states[Math.min(reads++, states.length - 1)]!,
    reads: () => reads,
  };
}

const fast = { backoff: { initialMs: 1, maxMs: 2, factor: 2 } };

describe("watchJob", () => {
  it("yields each distinct state once, the current one first, and returns the terminal job", async () => {
    const { read, reads } = reader([
      job("queued"),
      job("queued"),
      job("generating"),
      job("generating"),
      job("generating"),
      job("archiving"),
      job("succeeded"),
    ]);
    const seen: JobStatus[] = [];
    const states = watchJob(read, fast);
    let next = await states.next();
    while (!next.done) {
      seen.push(next.value.status);
      next = await states.next();
    }
    expect(seen).toEqual(["queued", "generating", "archiving", "succeeded"]);
    expect(next.value.status).toBe("succeeded");
    expect(reads()).toBe(7);
  });

  it("sees a change of any field, not only of the status", async () => {
    const { read } = reader([job("queued", "t1"), job("queued", "t2"), job("cancelled")]);
    const seen: string[] = [];
    for await (const state of watchJob(read, fast)) seen.push(state.updatedAt);
    expect(seen).toEqual(["t1", "t2", "cancelled"]);
  });

  it("reads a terminal job once", async () => {
    const { read, reads } = reader([job("failed")]);
    const states = [];
    for await (const state of watchJob(read, fast)) states.push(state.status);
    expect(states).toEqual(["failed"]);
    expect(reads()).toBe(1);
  });

  it("stops on its signal while the job goes on", async () => {
    const { read } = reader([job("generating")]);
    const abort = new AbortController();
    const states = watchJob(read, { signal: abort.signal, backoff: { initialMs: 60_000 } });
    await states.next();
    const pending = states.next();
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
