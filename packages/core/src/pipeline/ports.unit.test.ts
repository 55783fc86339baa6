import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { systemClock } from "./ports";

describe("systemClock.sleep", () => {
  it("leaves no listener on the signal once it has slept (a long poll sleeps often on one signal)", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await systemClock.sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("wakes as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const slept = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
