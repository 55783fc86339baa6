import { setTimeout as sleep } from "node:timers/promises";
import type { Context } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { startSchedule } from "./schedule";

const quiet = { info() {}, warn() {}, error() {} };

describe("schedule", () => {
  it("never starts a run while the previous one is still going", async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const schedule = startSchedule({
      functionName: "poller",
      intervalMs: 5,
      event: {},
      log: quiet,
      handler: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(30);
        active--;
        runs++;
      },
    });

    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(4));
    await schedule.stop();
    expect(maxActive).toBe(1);
  });

  it("passes the configured event and a Lambda context, and keeps ticking after a failed run", async () => {
    const calls: { event: unknown; context: Context }[] = [];
    const schedule = startSchedule({
      functionName: "poller",
      intervalMs: 5,
      event: { source: "local" },
      log: quiet,
      handler: async (event, context) => {
        calls.push({ event, context });
        if (calls.length === 1) throw new Error("first run fails");
      },
    });

    await vi.waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(2));
    await schedule.stop();
    expect(calls[0]?.event).toEqual({ source: "local" });
    expect(calls[0]?.context.functionName).toBe("poller");
    expect(calls[0]?.context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it("stop() waits for the run under way and starts no other", async () => {
    let release = () => {};
    let started = 0;
    let finished = false;
    const schedule = startSchedule({
      functionName: "poller",
      intervalMs: 5,
      event: {},
      log: quiet,
      handler: async () => {
        started++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        finished = true;
      },
    });
    await vi.waitFor(() => expect(started).toBe(1));

    let stopped = false;
    const stopping = schedule.stop().then(() => {
      stopped = true;
    });
    await sleep(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await sleep(30);
    expect(started).toBe(1);
  });
});
