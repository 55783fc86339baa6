/*
 * pixpipe's metric catalogue: every CloudWatch metric the code emits, as data. The emitters
 * (metrics.ts) accept only these entries, and infra/ builds its alarms and dashboard from the same
 * objects, so a renamed metric cannot leave an alarm watching nothing.
 *
 * Plain data without imports: sst.config.ts bundles this file into the infra program.
 */

/** The CloudWatch namespace of every pixpipe metric. */
export const METRICS_NAMESPACE = "pixpipe";

/** Powertools' `service` dimension, on every metric. */
export const METRICS_SERVICE = "pixpipe";

/** The dimension naming the SST stage, on every metric: stages sharing an account stay apart. */
export const STAGE_DIMENSION = "Stage";

/** The dimensions every pixpipe metric carries besides its own. */
export function deploymentDimensions(stage: string): Readonly<Record<string, string>> {
  return { service: METRICS_SERVICE, [STAGE_DIMENSION]: stage };
}

/** CloudWatch units the catalogue uses (CloudWatch's own spelling). */
export type MetricUnit = "Count" | "Seconds" | "Milliseconds" | "Bytes" | "Bytes/Second";

/**
 * How a metric is emitted and read:
 * - `counter`: events, one value per occurrence; read as Sum.
 * - `timer`: an elapsed time; emitted from milliseconds, converted to the entry's unit; read as percentiles.
 * - `distribution`: a measured amount per occurrence (bytes, throughput); read as Sum, Average or percentiles.
 * - `gauge`: a level sampled at a moment (slots, balance); read as Maximum or Minimum.
 */
export type MetricKind = "counter" | "timer" | "distribution" | "gauge";

export interface MetricDefinition<K extends MetricKind = MetricKind, D extends string = string> {
  readonly name: string;
  readonly kind: K;
  readonly unit: MetricUnit;
  /** Every record names a value for each of these: the finest breakdown CloudWatch keeps. */
  readonly dimensions: readonly D[];
  /**
   * Coarser views CloudWatch also keeps, each a subset of `dimensions` (`[]` is the total, what
   * alarms watch). Every dimension combination is billed as its own custom metric: keep them few.
   */
  readonly rollups: readonly (readonly D[])[];
  readonly description: string;
}

/** Dimension values for a record of `metric`: exactly its dimensions, each a bounded value. */
export type DimensionValues<M extends MetricDefinition> = {
  readonly [K in M["dimensions"][number]]: string;
};

const define = <const K extends MetricKind, const D extends string>(metric: MetricDefinition<K, D>) => metric;

/** The total over every other dimension (still per stage). */
const TOTAL = [] as const;

export const METRICS = {
  jobsCreated: define({
    name: "JobsCreated",
    kind: "counter",
    unit: "Count",
    dimensions: ["JobType"],
    rollups: [TOTAL],
    description:
      "A job was stored (API, S3 intake), counted once even when a retried request finds it again.",
  }),
  jobsSucceeded: define({
    name: "JobsSucceeded",
    kind: "counter",
    unit: "Count",
    dimensions: ["JobType"],
    rollups: [TOTAL],
    description: "A job reached `succeeded` (its video archived).",
  }),
  jobsFailed: define({
    name: "JobsFailed",
    kind: "counter",
    unit: "Count",
    dimensions: ["JobType", "ErrorCode"],
    rollups: [TOTAL, ["ErrorCode"]],
    description: "A job reached `failed`; ErrorCode is the job's error code (JOB_ERROR_CODES).",
  }),
  generationsRetried: define({
    name: "GenerationsRetried",
    kind: "counter",
    unit: "Count",
    dimensions: ["JobType"],
    rollups: [TOTAL],
    description:
      "PixVerse reported a generation failed (status 8) and its job, which asked for retries, started a new one.",
  }),
  jobTimeToStatus: define({
    name: "JobTimeToStatus",
    kind: "timer",
    unit: "Seconds",
    dimensions: ["JobType", "Status"],
    rollups: [["Status"]],
    description:
      "From a job's createdAt to its first arrival in Status (generating, archiving, succeeded); Status=succeeded is the end-to-end time.",
  }),
  pixverseCalls: define({
    name: "PixverseCalls",
    kind: "counter",
    unit: "Count",
    dimensions: ["Endpoint"],
    rollups: [TOTAL],
    description:
      "A request to the PixVerse API, whatever its outcome. Endpoint is the path template (`/openapi/v2/video/result/{id}`), never a path with ids in it.",
  }),
  pixverseErrors: define({
    name: "PixverseErrors",
    kind: "counter",
    unit: "Count",
    dimensions: ["Endpoint", "ErrCode"],
    rollups: [TOTAL, ["ErrCode"]],
    description:
      "A PixVerse request that did not succeed: ErrCode is PixVerse's non-zero ErrCode, or `http_<status>` / `bad_response` (a 2xx that could not be read) / `network` / `timeout` when there was none.",
  }),
  pixverseCallDuration: define({
    name: "PixverseCallDuration",
    kind: "timer",
    unit: "Milliseconds",
    dimensions: ["Endpoint"],
    rollups: [],
    description: "How long a PixVerse request took, retries of the same call counted separately.",
  }),
  pixverseBalance: define({
    name: "PixverseBalance",
    kind: "gauge",
    unit: "Count",
    dimensions: [],
    rollups: [],
    description:
      "The PixVerse account's remaining credits (monthly plus package), as GET /account/balance reports them.",
  }),
  webhooksRefused: define({
    name: "WebhooksRefused",
    kind: "counter",
    unit: "Count",
    dimensions: ["Reason"],
    rollups: [TOTAL],
    description:
      "A PixVerse webhook delivery refused by verification; Reason is the WebhookRejection code, or `late` for one signed but outside the timestamp window (its body is not trusted; its job is polled instead).",
  }),
  archiveBytes: define({
    name: "ArchiveBytes",
    kind: "distribution",
    unit: "Bytes",
    dimensions: [],
    rollups: [],
    description: "Bytes of one video copied into S3 (its SampleCount is the number of archives).",
  }),
  archiveThroughput: define({
    name: "ArchiveThroughput",
    kind: "distribution",
    unit: "Bytes/Second",
    dimensions: [],
    rollups: [],
    description: "One archive copy's bytes divided by its duration.",
  }),
  archivesFailed: define({
    name: "ArchivesFailed",
    kind: "counter",
    unit: "Count",
    dimensions: ["Reason"],
    rollups: [TOTAL],
    description:
      "An archive attempt that failed (it may be retried); Reason is the ArchiveErrorCode. Counted per attempt, not per job.",
  }),
  eventSendsRefused: define({
    name: "EventSendsRefused",
    kind: "counter",
    unit: "Count",
    dimensions: ["EventType"],
    rollups: [TOTAL],
    description:
      "SQS refused (or failed) to take a job event for JobEvents; the step that sends it is retried.",
  }),
  generationSlotsInUse: define({
    name: "GenerationSlotsInUse",
    kind: "gauge",
    unit: "Count",
    dimensions: [],
    rollups: [],
    description:
      "PixVerse generations in flight, sampled by each poller tick (the limit is PIXVERSE_MAX_CONCURRENCY).",
  }),
  activeJobs: define({
    name: "ActiveJobs",
    kind: "gauge",
    unit: "Count",
    dimensions: ["Status"],
    rollups: [],
    description:
      "Jobs in each non-terminal Status (queued, generating, archiving), emitted by every poller tick, zeros included.",
  }),
  oldestActiveJobAge: define({
    name: "OldestActiveJobAge",
    kind: "gauge",
    unit: "Seconds",
    dimensions: ["Status"],
    rollups: [TOTAL],
    description:
      "Age (now - createdAt) of the oldest job in each non-terminal Status, 0 when there is none, emitted by every poller tick. The total is the poller's heartbeat: its absence means the poller is not running.",
  }),
} as const;

export type MetricName = keyof typeof METRICS;
type EntryOf<K extends MetricKind> = Extract<(typeof METRICS)[MetricName], { kind: K }>;
export type CounterMetric = EntryOf<"counter">;
export type TimerMetric = EntryOf<"timer">;
export type DistributionMetric = EntryOf<"distribution">;
export type GaugeMetric = EntryOf<"gauge">;
export type CatalogueMetric = (typeof METRICS)[MetricName];

/** Every dimension set a record of `metric` is emitted under (its own dimensions first). */
export function dimensionSetsOf(metric: MetricDefinition): readonly (readonly string[])[] {
  return [metric.dimensions, ...metric.rollups];
}
