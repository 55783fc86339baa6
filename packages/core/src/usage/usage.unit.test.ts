import { describe, expect, it } from "vitest";
import { describeUsageRepositoryContract } from "../test-support/usage-repository-contract";
import { InMemoryUsageRepository } from "./memory-usage-repository";
import { defaultUsageRange, usageIncrement, usageRangeIssues, usageRecordOf, usageReport } from "./usage";

describeUsageRepositoryContract("in memory", async () => {
  const usage = new InMemoryUsageRepository();
  return { usage, add: (increment) => usage.add(increment) };
});

const job = { tenantId: "ten_1", type: "text_to_video", createdAt: "2026-03-05T23:30:00.000+00:00" };

describe("usageIncrement", () => {
  it("names the counter item of the job's tenant, UTC creation day and type, and ADDs the non-zero amounts", () => {
    expect(
      usageIncrement(
        { ...job, createdAt: "2026-03-05T22:30:00-02:00" },
        { succeeded: 1, credits: 45, failed: 0 },
      ),
    ).toEqual({
      tenantId: "ten_1",
      day: "2026-03-06",
      type: "text_to_video",
      counts: { succeeded: 1, credits: 45 },
      update: {
        Key: { pk: "USAGE#ten_1", sk: "DAY#2026-03-06#text_to_video" },
        UpdateExpression: "ADD #succeeded :succeeded, #credits :credits",
        ExpressionAttributeNames: { "#succeeded": "succeeded", "#credits": "credits" },
        ExpressionAttributeValues: { ":succeeded": 1, ":credits": 45 },
      },
    });
  });

  it("refuses nothing to add, negative or fractional job counts, and non-finite credits", () => {
    expect(() => usageIncrement(job, {})).toThrow(RangeError);
    expect(() => usageIncrement(job, { credits: 0 })).toThrow(RangeError);
    expect(() => usageIncrement(job, { created: -1 })).toThrow(RangeError);
    expect(() => usageIncrement(job, { created: 0.5 })).toThrow(RangeError);
    expect(() => usageIncrement(job, { credits: Number.NaN })).toThrow(RangeError);
    expect(usageIncrement(job, { credits: 0.25 }).counts).toEqual({ credits: 0.25 });
  });

  it("writes what the reader reads", () => {
    const { update } = usageIncrement(job, { created: 1, credits: 3 });
    const item = { ...update.Key, created: 1, credits: 3 };
    expect(usageRecordOf(item)).toEqual({
      tenantId: "ten_1",
      day: "2026-03-05",
      type: "text_to_video",
      jobs: { created: 1, succeeded: 0, failed: 0, cancelled: 0 },
      credits: 3,
    });
  });
});

describe("usage ranges", () => {
  it("default to the 30 days up to today, or up to the given end", () => {
    const now = new Date("2026-03-05T10:00:00Z");
    expect(defaultUsageRange(now)).toEqual({ from: "2026-02-04", to: "2026-03-05" });
    expect(defaultUsageRange(now, { to: "2026-01-31" })).toEqual({ from: "2026-01-02", to: "2026-01-31" });
    expect(defaultUsageRange(now, { from: "2026-03-01" })).toEqual({ from: "2026-03-01", to: "2026-03-05" });
  });

  it("must not end before they start, nor cover more than 366 days", () => {
    expect(usageRangeIssues({ from: "2026-03-01", to: "2026-03-01" })).toEqual([]);
    expect(usageRangeIssues({ from: "2024-01-01", to: "2024-12-31" })).toEqual([]);
    expect(usageRangeIssues({ from: "2026-03-02", to: "2026-03-01" })).toEqual([
      { path: "from", message: "must not be after to (2026-03-01)" },
    ]);
    expect(usageRangeIssues({ from: "2025-01-01", to: "2026-01-02" })).toEqual([
      { path: "to", message: "the range may cover at most 366 days; this one covers 367" },
    ]);
  });
});

describe("usageReport", () => {
  const record = (tenantId: string, day: string, type: string, created: number, credits: number) => ({
    tenantId,
    day,
    type,
    jobs: { created, succeeded: created, failed: 0, cancelled: 0 },
    credits,
  });
  const records = [
    record("a", "2026-03-01", "effect", 1, 10),
    record("a", "2026-03-03", "effect", 2, 20),
    record("b", "2026-03-03", "text_to_video", 4, 40),
  ];
  const range = { from: "2026-03-01", to: "2026-03-03", tenantId: null };

  it("by day: every day of the range, empty ones as zeros, with totals", () => {
    const report = usageReport(records, { ...range, groupBy: "day" });
    expect(report.groups.map((group) => [group.key, group.jobs.created, group.credits])).toEqual([
      ["2026-03-01", 1, 10],
      ["2026-03-02", 0, 0],
      ["2026-03-03", 6, 60],
    ]);
    expect(report.totals).toEqual({
      jobs: { created: 7, succeeded: 7, failed: 0, cancelled: 0 },
      credits: 70,
    });
    expect(report).toMatchObject({ tenantId: null, from: "2026-03-01", to: "2026-03-03", groupBy: "day" });
  });

  it("by type and by tenant: the ones with usage, by name", () => {
    expect(usageReport(records, { ...range, groupBy: "type" }).groups.map((g) => [g.key, g.credits])).toEqual(
      [
        ["effect", 30],
        ["text_to_video", 40],
      ],
    );
    expect(
      usageReport(records, { ...range, groupBy: "tenant" }).groups.map((g) => [g.key, g.credits]),
    ).toEqual([
      ["a", 30],
      ["b", 40],
    ]);
    expect(usageReport([], { ...range, groupBy: "type" }).groups).toEqual([]);
  });
});
