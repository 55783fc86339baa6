import { Metrics as PowertoolsMetrics } from "@aws-lambda-powertools/metrics";
import {
  dimensionSetsOf,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  type MetricDefinition,
  STAGE_DIMENSION,
} from "./catalogue";
import { BaseMetrics, type MetricRecord } from "./metrics";

/** Where problems with a metric call are reported (never thrown into the pipeline). */
export interface MetricsWarnings {
  warn(message: string, details: Record<string, unknown>): void;
}

export interface EmfMetricsOptions {
  /** The SST stage: the `Stage` dimension of every metric. */
  stage: string;
  /**
   * Receives each EMF document, one JSON line per call. Standard output by default: on Lambda,
   * CloudWatch Logs turns those lines into metrics.
   */
  write?: (line: string) => void;
  /** Told about dropped records and documents that could not be written. */
  warnings: MetricsWarnings;
}

/**
 * Powertools keeps a metric's values in an array and publishes on its own (to stdout) once it holds
 * 100; documents are cut below that so every line goes through `write`.
 */
const MAX_VALUES_PER_DOCUMENT = 99;

/** Records that share one dimension set and its values: one EMF document (or a few, if large). */
interface Group {
  dimensions: Record<string, string>;
  values: Map<MetricDefinition, number[]>;
}

/**
 * Metrics as CloudWatch Embedded Metric Format lines, built by Powertools for AWS Lambda. Records
 * are kept until flush(), then written grouped by dimension set: each record once under its own
 * dimensions and once under each of its entry's rollups. Counters are summed per document (alarms
 * and the dashboard read their Sum); timers, distributions and gauges keep every value.
 */
export class EmfMetrics extends BaseMetrics {
  readonly #powertools: PowertoolsMetrics;
  readonly #write: (line: string) => void;
  readonly #warnings: MetricsWarnings;
  #groups = new Map<string, Group>();

  constructor(options: EmfMetricsOptions) {
    super();
    this.#powertools = new PowertoolsMetrics({
      namespace: METRICS_NAMESPACE,
      serviceName: METRICS_SERVICE,
      defaultDimensions: { [STAGE_DIMENSION]: options.stage },
    });
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#warnings = options.warnings;
  }

  protected accept(record: MetricRecord): void {
    for (const set of dimensionSetsOf(record.metric)) {
      const dimensions = Object.fromEntries(set.map((name) => [name, record.dimensions[name]!]));
      const key = JSON.stringify(Object.entries(dimensions));
      let group = this.#groups.get(key);
      if (!group) {
        group = { dimensions, values: new Map() };
        this.#groups.set(key, group);
      }
      const values = group.values.get(record.metric) ?? [];
      group.values.set(record.metric, values);
      if (record.metric.kind === "counter" && values.length > 0) values[0]! += record.value;
      else values.push(record.value);
    }
  }

  protected refuse(problem: string): void {
    this.#warnings.warn("metric dropped", { problem });
  }

  flush(): void {
    const groups = this.#groups;
    this.#groups = new Map();
    for (const group of groups.values()) {
      const longest = Math.max(...[...group.values.values()].map((values) => values.length));
      for (let start = 0; start < longest; start += MAX_VALUES_PER_DOCUMENT) {
        this.#writeDocument(group, start);
      }
    }
  }

  #writeDocument(group: Group, start: number): void {
    const powertools = this.#powertools;
    try {
      if (Object.keys(group.dimensions).length > 0) powertools.addDimensions(group.dimensions);
      for (const [metric, values] of group.values) {
        for (const value of values.slice(start, start + MAX_VALUES_PER_DOCUMENT)) {
          powertools.addMetric(metric.name, metric.unit, value);
        }
      }
      this.#write(JSON.stringify(powertools.serializeMetrics()));
    } catch (error) {
      this.#warnings.warn("metrics not written", { error: String(error) });
    } finally {
      powertools.clearMetrics();
      powertools.clearDimensions();
    }
  }
}

/** One EMF document as plain data: its dimensions (besides `service`) and each metric's values. */
export interface EmfReading {
  readonly dimensions: readonly (readonly [name: string, value: string])[];
  readonly metrics: readonly { readonly name: string; readonly unit: string; readonly value: unknown }[];
}

/** Reads an EMF line as written by EmfMetrics (one directive); null for any other line. */
export function readEmfLine(line: string): EmfReading | null {
  const document = JSON.parse(line) as Record<string, unknown> & {
    _aws?: { CloudWatchMetrics?: { Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  };
  const directive = document._aws?.CloudWatchMetrics?.[0];
  if (!directive) return null;
  return {
    dimensions: (directive.Dimensions[0] ?? [])
      .filter((name) => name !== "service")
      .map((name) => [name, String(document[name])] as const),
    metrics: directive.Metrics.map(({ Name, Unit }) => ({ name: Name, unit: Unit, value: document[Name] })),
  };
}

/** A value as a person reads it: numbers to at most 3 decimals (the EMF document keeps every digit). */
const readable = (value: unknown) =>
  typeof value === "number" ? String(Math.round(value * 1000) / 1000) : String(value);

/** `JobsCreated=1 Count, ... {Stage=local, JobType=text_to_video}` (no braces without dimensions). */
export function formatEmfReading(reading: EmfReading): string {
  const metrics = reading.metrics.map(
    ({ name, unit, value }) =>
      `${name}=${Array.isArray(value) ? `[${value.map(readable).join(",")}]` : readable(value)} ${unit}`,
  );
  const dimensions = reading.dimensions.map(([name, value]) => `${name}=${value}`);
  return dimensions.length === 0 ? metrics.join(", ") : `${metrics.join(", ")} {${dimensions.join(", ")}}`;
}

/**
 * One EMF line as a short readable line for a developer's terminal, e.g.
 * `JobsCreated=1 Count, JobsSucceeded=1 Count {Stage=local, JobType=text_to_video}`.
 */
export function summarizeEmfLine(line: string): string {
  const reading = readEmfLine(line);
  return reading ? formatEmfReading(reading) : line;
}
