import { describe, expect, it } from "vitest";
import { budgetRange, spentBudget } from "./budget";
import type { UsageRecord } from "./usage";

const record = (day: string, credits: number, type = "text_to_video"): UsageRecord => ({
  tenantId: "ten_1",
  day,
  type,
  jobs: { created: 1, succeeded: 1, failed: 0, cancelled: 0 },
  credits,
});

const now = new Date("2026-12-31T18:00:00.000Z");

describe("spentBudget", () => {
  it("is undefined while the day's credits, summed over every job type, are under the budget", () => {
    const records = [
      record("2026-12-31", 40),
      record("2026-12-31", 59, "image_to_video"),
      record("2026-12-30", 500),
    ];
    expect(spentBudget({ creditsPerDay: 100 }, records, now)).toBeUndefined();
  });

  it("names the day budget once it is reached, resetting at the next UTC midnight", () => {
    const records = [record("2026-12-31", 40), record("2026-12-31", 60, "image_to_video")];
    expect(spentBudget({ creditsPerDay: 100 }, records, now)).toEqual({
      period: "day",
      budget: 100,
      spent: 100,
      resetsAt: "2027-01-01T00:00:00.000Z",
      retryAfterSeconds: 6 * 3600,
    });
  });

  it("sums the month from its first day and resets on the first of the next month (across the year)", () => {
    const records = [record("2026-12-01", 300), record("2026-12-31", 10), record("2026-11-30", 900)];
    expect(spentBudget({ creditsPerDay: 100, creditsPerMonth: 310 }, records, now)).toMatchObject({
      period: "month",
      spent: 310,
      resetsAt: "2027-01-01T00:00:00.000Z",
    });
    expect(spentBudget({ creditsPerMonth: 311 }, records, now)).toBeUndefined();
  });

  it("reads today only for a day budget, and the month so far for a month budget", () => {
    expect(budgetRange({ creditsPerDay: 1 }, now)).toEqual({ from: "2026-12-31", to: "2026-12-31" });
    expect(budgetRange({ creditsPerMonth: 1 }, now)).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });
});
