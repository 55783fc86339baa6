import { afterEach, describe, expect, it, vi } from "vitest";
import { PixpipeApiError } from "./errors";
import type { Job, JobStatus } from "./types";
import { type ReadChange, watchJob } from "./watch";

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

/**
 * A reader that answers the given states in turn (the last one for ever), recording each read's wait;
 * `holdMs` makes a read with a wait take that long, as the API's long poll does when nothing changes.
 */
function reader(states: Job[], holdMs = 0) {
  const waits: (number | undefined)[] = [];
  const read: ReadChange<Job> = async ({ waitSeconds }) => {
    waits.push(waitSeconds);
    if (waitSeconds && holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
    return states[Math.min(waits.length - 1, states.length - 1)]!;
  };
  return { read, waits };
}

async function statusesOf(states: AsyncGenerator<Job, Job>): Promise<{ seen: JobStatus[]; last: Job }> {
  const seen: JobStatus[] = [];
  for (;;) {
    const next = await states.next();
    if (next.done) return { seen, last: next.value };
    seen.push(next.value.status);
  }
}

/** Pauses so long that a test reaching one would time out: where these are set, nothing may pause. */
const NEVER_PAUSE = { backoff: { initialMs: 600_000, maxMs: 600_000 } };
const FAST_POLLING = { waitSeconds: 0, backoff: { initialMs: 1, maxMs: 2, factor: 2 } };

afterEach(() => {
  vi.useRealTimers();
});

describe("watchJob", () => {
  it("long-polls after the first read, yields each change at once and returns the terminal job", async () => {
    const { read, waits } = reader([job("queued"), job("generating"), job("archiving"), job("succeeded")]);
    const { seen, last } = await statusesOf(watchJob(read, NEVER_PAUSE));
    expect(seen).toEqual(["queued", "generating", "archiving", "succeeded"]);
    expect(last.status).toBe("succeeded");
    expect(waits).toEqual([undefined, 25, 25, 25]);
  });

  it("asks again at once when a long poll was held to its end without a change", async () => {
    vi.useFakeTimers();
    const { read, waits } = reader([job("generating"), job("generating"), job("succeeded")], 2000);
    const done = statusesOf(watchJob(read, { waitSeconds: 2, ...NEVER_PAUSE }));
    await vi.advanceTimersByTimeAsync(4000);
    expect((await done).seen).toEqual(["generating", "succeeded"]);
    expect(waits).toEqual([undefined, 2, 2]);
  });

  it("paces answers that come back early without a change (an API or proxy that does not hold them)", async () => {
    const { read, waits } = reader([job("generating")]);
    const abort = new AbortController();
    const states = watchJob(read, { signal: abort.signal, ...NEVER_PAUSE });
    await states.next();
    const pending = states.next();
    await vi.waitFor(() => expect(waits).toHaveLength(2));
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(waits).toHaveLength(2);
  });

  it("polls with backoff an API that refuses wait, seeing a change of any field", async () => {
    const states = [job("queued", "t1"), job("queued", "t2"), job("queued", "t2"), job("cancelled")];
    const waits: (number | undefined)[] = [];
    let reads = 0;
    const read: ReadChange<Job> = async ({ waitSeconds }) => {
      waits.push(waitSeconds);
      if (waitSeconds !== undefined) {
        throw new PixpipeApiError(400, {
          code: "invalid_request",
          message: "Unknown query parameter: wait.",
          details: [{ path: "wait", message: "unknown parameter", location: "query" }],
        });
      }
      return states[Math.min(reads++, states.length - 1)]!;
    };
    const seen: string[] = [];
    for await (const state of watchJob(read, { backoff: FAST_POLLING.backoff })) seen.push(state.updatedAt);
    expect(seen).toEqual(["t1", "t2", "cancelled"]);
    expect(waits).toEqual([undefined, 25, undefined, undefined, undefined]);
  });

  it("polls with backoff when told not to wait", async () => {
    const { read, waits } = reader([job("queued"), job("queued"), job("generating"), job("failed")]);
    expect((await statusesOf(watchJob(read, FAST_POLLING))).seen).toEqual(["queued", "generating", "failed"]);
    expect(waits).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("starts from the job the caller has, and reads a terminal one not at all", async () => {
    const { read, waits } = reader([job("succeeded")]);
    expect((await statusesOf(watchJob(read, { initial: job("archiving") }))).seen).toEqual([
      "archiving",
      "succeeded",
    ]);
    expect(waits).toEqual([25]);
    const none = reader([]);
    expect((await statusesOf(watchJob(none.read, { initial: job("failed") }))).seen).toEqual(["failed"]);
    expect(none.waits).toEqual([]);
  });

  it("passes on an error that is not about wait", async () => {
    const read: ReadChange<Job> = async ({ waitSeconds }) => {
      if (waitSeconds) throw new PixpipeApiError(404, { code: "not_found", message: "No such job." });
      return job("queued");
    };
    const states = watchJob(read);
    await states.next();
    await expect(states.next()).rejects.toMatchObject({ status: 404 });
  });

  it("stops on its signal while the job goes on", async () => {
    const { read } = reader([job("generating")]);
    const abort = new AbortController();
    const states = watchJob(read, { signal: abort.signal, waitSeconds: 0, backoff: { initialMs: 60_000 } });
    await states.next();
    const pending = states.next();
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
