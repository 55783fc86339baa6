import type { DimensionValues, MetricDefinition } from "./catalogue";
import { BaseMetrics, type MetricRecord } from "./metrics";

/** Some of a metric's dimension values: the records a query matches. */
type DimensionFilter<M extends MetricDefinition> = Partial<DimensionValues<M>>;

/**
 * Metrics kept in memory, for tests: what was recorded, what was flushed, and sums over them. A call
 * the EMF adapter would drop (a missing dimension, a negative value) throws here instead.
 */
export class MetricsRecorder extends BaseMetrics {
  /** Every record, in order. */
  readonly records: MetricRecord[] = [];
  /** Records already flushed; the rest are pending. */
  private flushedCount = 0;
  /** How many times flush() was called. */
  flushes = 0;

  protected accept(record: MetricRecord): void {
    this.records.push(record);
  }

  protected refuse(problem: string): never {
    throw new RangeError(problem);
  }

  flush(): void {
    this.flushes++;
    this.flushedCount = this.records.length;
  }

  /** Records not flushed yet (a missing flush shows up here). */
  get pending(): readonly MetricRecord[] {
    return this.records.slice(this.flushedCount);
  }

  /** The values of `metric` whose dimensions match `filter`, in order. */
  values<M extends MetricDefinition>(metric: M, filter: DimensionFilter<M> = {}): number[] {
    const wanted = Object.entries(filter) as [string, string][];
    return this.records
      .filter(
        (record) =>
          record.metric.name === metric.name &&
          wanted.every(([name, value]) => record.dimensions[name] === value),
      )
      .map((record) => record.value);
  }

  sum<M extends MetricDefinition>(metric: M, filter: DimensionFilter<M> = {}): number {
    return this.values(metric, filter).reduce((total, value) => total + value, 0);
  }

  clear(): void {
    this.records.length = 0;
    this.flushedCount = 0;
    this.flushes = 0;
  }
}
