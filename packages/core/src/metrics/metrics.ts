import type {
  CounterMetric,
  DimensionValues,
  DistributionMetric,
  GaugeMetric,
  MetricDefinition,
  TimerMetric,
} from "./catalogue";

/**
 * The metrics port: records by catalogue entry, each method taking only entries of its kind, with a
 * value for every dimension the entry names. Recording never throws into the pipeline's path in
 * production (the EMF adapter drops and warns); the test recorder throws so a bad call fails its test.
 */
export interface Metrics {
  /** `value` occurrences (1 by default) of a counter. */
  count<M extends CounterMetric>(metric: M, dimensions: DimensionValues<M>, value?: number): void;
  /** An elapsed time in milliseconds, stored in the entry's unit. */
  timing<M extends TimerMetric>(metric: M, dimensions: DimensionValues<M>, milliseconds: number): void;
  /** One measured amount (bytes, bytes per second) in the entry's unit. */
  observe<M extends DistributionMetric>(metric: M, dimensions: DimensionValues<M>, value: number): void;
  /** The level of a gauge now, in the entry's unit. */
  gauge<M extends GaugeMetric>(metric: M, dimensions: DimensionValues<M>, value: number): void;
  /**
   * Writes everything recorded since the last flush. Call once at the end of every Lambda invocation
   * (in a `finally`, so failed invocations count too) and on a timer in long-running processes.
   */
  flush(): void;
}

/** One recorded value, already in its entry's unit. */
export interface MetricRecord {
  readonly metric: MetricDefinition;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
}

/** CloudWatch stores dimension values of 1 to 1024 characters. */
const MAX_DIMENSION_VALUE_LENGTH = 1024;

/**
 * The record for a call, or the reason it cannot be one: a dimension missing, unknown or empty, or a
 * value that is not a finite, non-negative number.
 */
function toRecord(
  metric: MetricDefinition,
  dimensions: Readonly<Record<string, string>>,
  value: number,
): MetricRecord | { problem: string } {
  const expected = new Set(metric.dimensions);
  const given = Object.keys(dimensions);
  const unknown = given.filter((name) => !expected.has(name));
  const missing = metric.dimensions.filter((name) => !given.includes(name));
  const empty = given.filter((name) => {
    const dimension = dimensions[name];
    return typeof dimension !== "string" || dimension === "" || dimension.length > MAX_DIMENSION_VALUE_LENGTH;
  });
  const problems = [
    ...(missing.length > 0 ? [`missing dimension(s) ${missing.join(", ")}`] : []),
    ...(unknown.length > 0 ? [`unknown dimension(s) ${unknown.join(", ")}`] : []),
    ...(empty.length > 0 ? [`dimension(s) ${empty.join(", ")} must be 1-1024 characters`] : []),
    ...(Number.isFinite(value) && value >= 0 ? [] : [`value ${value} is not a finite number >= 0`]),
  ];
  if (problems.length > 0) return { problem: `metric ${metric.name}: ${problems.join("; ")}` };
  return { metric, dimensions: { ...dimensions }, value };
}

/** Milliseconds in the timer's unit. */
function timerValue(metric: TimerMetric, milliseconds: number): number {
  return metric.unit === "Seconds" ? milliseconds / 1000 : milliseconds;
}

/** The port's four recording methods over one `accept`; adapters decide what a bad call does. */
export abstract class BaseMetrics implements Metrics {
  protected abstract accept(record: MetricRecord): void;
  protected abstract refuse(problem: string): void;
  abstract flush(): void;

  count<M extends CounterMetric>(metric: M, dimensions: DimensionValues<M>, value = 1): void {
    this.record(metric, dimensions, value);
  }

  timing<M extends TimerMetric>(metric: M, dimensions: DimensionValues<M>, milliseconds: number): void {
    this.record(metric, dimensions, timerValue(metric, milliseconds));
  }

  observe<M extends DistributionMetric>(metric: M, dimensions: DimensionValues<M>, value: number): void {
    this.record(metric, dimensions, value);
  }

  gauge<M extends GaugeMetric>(metric: M, dimensions: DimensionValues<M>, value: number): void {
    this.record(metric, dimensions, value);
  }

  private record(
    metric: MetricDefinition,
    dimensions: Readonly<Record<string, string>>,
    value: number,
  ): void {
    const record = toRecord(metric, dimensions, value);
    if ("problem" in record) this.refuse(record.problem);
    else this.accept(record);
  }
}
