import { describe, expect, it } from "vitest";
import { deploymentDimensions, dimensionSetsOf, METRICS, type MetricKind } from "./catalogue";

const entries = Object.values(METRICS);

/** Units that make sense for each kind. */
const unitsOf: Record<MetricKind, readonly string[]> = {
  counter: ["Count"],
  timer: ["Seconds", "Milliseconds"],
  distribution: ["Bytes", "Bytes/Second"],
  gauge: ["Count", "Seconds"],
};

describe("the metric catalogue", () => {
  it("names each metric once, in CloudWatch's limits", () => {
    const names = entries.map((metric) => metric.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]{1,254}$/);
  });

  it("gives each kind a unit it can be read in", () => {
    for (const metric of entries) expect(unitsOf[metric.kind], metric.name).toContain(metric.unit);
  });

  it("has rollups that are proper subsets of the entry's dimensions, none repeated", () => {
    for (const metric of entries) {
      const sets = dimensionSetsOf(metric).map((set) => JSON.stringify(set));
      expect(new Set(sets).size, metric.name).toBe(sets.length);
      for (const rollup of metric.rollups) {
        expect(rollup.length, metric.name).toBeLessThan(metric.dimensions.length);
        for (const name of rollup) expect(metric.dimensions, metric.name).toContain(name);
      }
    }
  });

  it("keeps its own dimension names clear of the deployment's and of metric names", () => {
    const reserved = new Set([...Object.keys(deploymentDimensions("x")), ...entries.map((m) => m.name)]);
    for (const metric of entries) {
      for (const name of metric.dimensions) expect(reserved.has(name), `${metric.name}.${name}`).toBe(false);
    }
  });

  it("gives the alarms' figures a total (per stage) to watch", () => {
    for (const metric of [
      METRICS.jobsFailed,
      METRICS.pixverseCalls,
      METRICS.pixverseErrors,
      METRICS.archivesFailed,
      METRICS.oldestActiveJobAge,
      METRICS.pixverseBalance,
    ]) {
      expect(dimensionSetsOf(metric), metric.name).toContainEqual([]);
    }
  });
});
