import { METRICS, type MetricDefinition, STAGE_DIMENSION } from "./catalogue";
import { formatEmfReading, readEmfLine } from "./emf";

const ENTRIES = new Map<string, MetricDefinition>(
  Object.values(METRICS).map((metric) => [metric.name, metric]),
);

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));

/**
 * An EmfMetrics `write` for a developer's terminal (the local runtime): each EMF document as one
 * readable line, `metric JobsCreated=1 Count {JobType=text_to_video}`, keeping only what is news.
 * Each record is printed once, under its entry's own dimensions (the rollup documents repeat the same
 * records for CloudWatch), without the Stage (always the local one), and a gauge only when its reading
 * changed (the poller samples them on every tick, an idle pipeline the same zeros each time).
 */
export function terminalMetricsWriter(print: (line: string) => void): (emfLine: string) => void {
  const lastReadings = new Map<string, string>();
  return (emfLine) => {
    const reading = readEmfLine(emfLine);
    if (!reading) return;
    const dimensions = reading.dimensions.filter(([name]) => name !== STAGE_DIMENSION);
    const names = dimensions.map(([name]) => name);
    const news = reading.metrics.filter(({ name, value }) => {
      const entry = ENTRIES.get(name);
      if (!entry) return true;
      if (!sameNames(entry.dimensions, names)) return false;
      if (entry.kind !== "gauge") return true;
      const key = JSON.stringify([name, dimensions]);
      const shown = JSON.stringify(value);
      if (lastReadings.get(key) === shown) return false;
      lastReadings.set(key, shown);
      return true;
    });
    if (news.length === 0) return;
    print(`metric ${formatEmfReading({ dimensions, metrics: news })}`);
  };
}
