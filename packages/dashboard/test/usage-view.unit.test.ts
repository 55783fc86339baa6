import type { UsageReport } from "@pixpipe/client";
import { describe, expect, it } from "vitest";
import { creditBars, usageQuery, usageSearch, usageSelection } from "../src/usage-view";

const figures = (credits: number, created = 1) => ({
  jobs: { created, succeeded: created, failed: 0, cancelled: 0 },
  credits,
});

describe("the usage page's selection", () => {
  it("reads days and a tenant from the URL and writes them back the same", () => {
    const selection = usageSelection("from=2026-11-01&to=2026-11-30&tenant=acme");
    expect(selection).toEqual({ from: "2026-11-01", to: "2026-11-30", tenantId: "acme" });
    expect(usageSearch(selection)).toBe("?from=2026-11-01&to=2026-11-30&tenant=acme");
    expect(usageQuery(selection, "type")).toEqual({ ...selection, groupBy: "type" });
  });

  it("drops a malformed day, so that the API's default range applies", () => {
    expect(usageSelection("from=yesterday&to=2026-11-30")).toEqual({ to: "2026-11-30" });
    expect(usageSearch({})).toBe("");
  });
});

describe("credits per day as bars", () => {
  const report = (credits: number[]): UsageReport => ({
    tenantId: "acme",
    from: "2026-11-01",
    to: "2026-11-03",
    groupBy: "day",
    groups: credits.map((c, i) => ({ key: `2026-11-0${i + 1}`, ...figures(c) })),
    totals: figures(
      credits.reduce((a, b) => a + b, 0),
      credits.length,
    ),
  });

  it("scales each day to the one that spent the most", () => {
    expect(creditBars(report([10, 40, 0])).map((bar) => bar.share)).toEqual([0.25, 1, 0]);
    expect(creditBars(report([10, 40, 0]))[1]).toEqual({ day: "2026-11-02", credits: 40, jobs: 1, share: 1 });
  });

  it("draws no bar at all when nothing was spent", () => {
    expect(creditBars(report([0, 0, 0])).map((bar) => bar.share)).toEqual([0, 0, 0]);
  });
});
