import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

const policy = { initialMs: 1000, factor: 2, maxMs: 10_000 };

describe("backoffDelayMs", () => {
  it("grows exponentially from the initial delay", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3].map((attempt) => backoffDelayMs(policy, attempt, middle))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it("never exceeds the cap plus jitter", () => {
    expect(backoffDelayMs(policy, 30, () => 1)).toBe(12_000);
    expect(backoffDelayMs(policy, 30, () => 0)).toBe(8000);
  });
});
