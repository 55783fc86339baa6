export {
  type CatalogueMetric,
  type CounterMetric,
  type DimensionValues,
  type DistributionMetric,
  deploymentDimensions,
  dimensionSetsOf,
  type GaugeMetric,
  METRICS,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  type MetricDefinition,
  type MetricKind,
  type MetricName,
  type MetricUnit,
  STAGE_DIMENSION,
  type TimerMetric,
} from "./catalogue";
export { EmfMetrics, type EmfMetricsOptions, type MetricsWarnings, summarizeEmfLine } from "./emf";
export type { MetricRecord, Metrics } from "./metrics";
export { MetricsRecorder } from "./recorder";
export { deploymentStage } from "./stage";
export { terminalMetricsWriter } from "./terminal";
