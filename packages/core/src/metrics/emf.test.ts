import { describe, expect, it } from "vitest";
import { METRICS } from "./catalogue";
import { EmfMetrics, summarizeEmfLine } from "./emf";

interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** An EmfMetrics whose output and warnings are captured. */
function capture(stage = "prod") {
  const lines: string[] = [];
  const warnings: { message: string; details?: Record<string, unknown> }[] = [];
  const metrics = new EmfMetrics({
    stage,
    write: (line) => lines.push(line),
    warnings: { warn: (message, details) => warnings.push({ message, ...(details ? { details } : {}) }) },
  });
  const documents = () => lines.map((line) => JSON.parse(line) as EmfDocument);
  /** The document whose dimension set is exactly `dimensions` (besides service and Stage). */
  const documentFor = (dimensions: Record<string, string>) => {
    const found = documents().filter((document) => {
      const names = document._aws.CloudWatchMetrics[0]!.Dimensions[0]!;
      return (
        JSON.stringify(names) === JSON.stringify(["service", "Stage", ...Object.keys(dimensions)]) &&
        Object.entries(dimensions).every(([name, value]) => document[name] === value)
      );
    });
    expect(found, JSON.stringify(dimensions)).toHaveLength(1);
    return found[0]!;
  };
  return { metrics, lines, warnings, documents, documentFor };
}

describe("EmfMetrics", () => {
  it("writes nothing until flush, then one valid EMF document per dimension set", () => {
    const { metrics, lines, documents } = capture();
    metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" });
    expect(lines).toEqual([]);
    metrics.flush();
    expect(lines.length).toBeGreaterThan(0);
    for (const document of documents()) {
      const [directive, ...others] = document._aws.CloudWatchMetrics;
      expect(others).toEqual([]);
      expect(directive!.Namespace).toBe("pixpipe");
      expect(document.service).toBe("pixpipe");
      expect(document.Stage).toBe("prod");
      expect(Math.abs(document._aws.Timestamp - Date.now())).toBeLessThan(60_000);
      // Every dimension and metric the directive names is a top-level member of the document.
      for (const name of directive!.Dimensions.flat()) expect(typeof document[name]).toBe("string");
      for (const { Name } of directive!.Metrics) expect(document[Name]).toBeDefined();
    }
  });

  it("emits a record under its own dimensions and each rollup of its entry", () => {
    const { metrics, documentFor } = capture();
    metrics.count(METRICS.jobsFailed, { JobType: "image_to_video", ErrorCode: "timeout" });
    metrics.flush();
    expect(documentFor({ JobType: "image_to_video", ErrorCode: "timeout" }).JobsFailed).toBe(1);
    expect(documentFor({ ErrorCode: "timeout" }).JobsFailed).toBe(1);
    expect(documentFor({}).JobsFailed).toBe(1);
  });

  it("sums counters per document and keeps every value of timers, distributions and gauges", () => {
    const { metrics, documentFor } = capture();
    metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" });
    metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" }, 2);
    metrics.count(METRICS.jobsCreated, { JobType: "image_to_video" });
    metrics.timing(METRICS.jobTimeToStatus, { JobType: "text_to_video", Status: "succeeded" }, 93_500);
    metrics.timing(METRICS.jobTimeToStatus, { JobType: "text_to_video", Status: "succeeded" }, 61_000);
    metrics.timing(METRICS.pixverseCallDuration, { Endpoint: "/openapi/v2/video/text/generate" }, 412);
    metrics.observe(METRICS.archiveBytes, {}, 5_000_000);
    metrics.observe(METRICS.archiveBytes, {}, 7_000_000);
    metrics.gauge(METRICS.generationSlotsInUse, {}, 3);
    metrics.flush();
    expect(documentFor({ JobType: "text_to_video" }).JobsCreated).toBe(3);
    expect(documentFor({ JobType: "image_to_video" }).JobsCreated).toBe(1);
    const totals = documentFor({});
    expect(totals.JobsCreated).toBe(4);
    expect(totals.ArchiveBytes).toEqual([5_000_000, 7_000_000]);
    expect(totals.GenerationSlotsInUse).toBe(3);
    expect(totals._aws.CloudWatchMetrics[0]!.Metrics).toEqual(
      expect.arrayContaining([
        { Name: "JobsCreated", Unit: "Count" },
        { Name: "ArchiveBytes", Unit: "Bytes" },
        { Name: "GenerationSlotsInUse", Unit: "Count" },
      ]),
    );
    // Timers arrive in milliseconds and are stored in the entry's unit.
    const succeeded = documentFor({ JobType: "text_to_video", Status: "succeeded" });
    expect(succeeded.JobTimeToStatus).toEqual([93.5, 61]);
    expect(succeeded._aws.CloudWatchMetrics[0]!.Metrics).toEqual([
      { Name: "JobTimeToStatus", Unit: "Seconds" },
    ]);
    expect(documentFor({ Endpoint: "/openapi/v2/video/text/generate" }).PixverseCallDuration).toBe(412);
  });

  it("starts afresh after a flush", () => {
    const { metrics, lines } = capture();
    metrics.count(METRICS.webhooksRefused, { Reason: "signature" });
    metrics.flush();
    const written = lines.length;
    metrics.flush();
    expect(lines.length).toBe(written);
    metrics.count(METRICS.webhooksRefused, { Reason: "signature" });
    metrics.flush();
    expect(lines.slice(written).map((line) => JSON.parse(line).WebhooksRefused)).toEqual([1, 1]);
  });

  it("splits a metric with many values over several documents, losing none, all through write", () => {
    const { metrics, documents } = capture();
    const stdout = process.stdout.write;
    let leaked = 0;
    process.stdout.write = ((chunk: unknown, ...rest: never[]) => {
      if (String(chunk).includes('"_aws"')) leaked++;
      return stdout.call(process.stdout, chunk as string, ...rest);
    }) as typeof process.stdout.write;
    try {
      for (let i = 0; i < 250; i++) metrics.observe(METRICS.archiveThroughput, {}, i);
      metrics.flush();
    } finally {
      process.stdout.write = stdout;
    }
    expect(leaked).toBe(0);
    const values = documents().flatMap((document) => document.ArchiveThroughput as number[]);
    expect(values).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(documents().length).toBe(3);
  });

  it("drops a bad record with a warning instead of throwing into the caller", () => {
    const { metrics, lines, warnings } = capture();
    const untyped = metrics as unknown as {
      count(metric: unknown, dimensions: Record<string, string>, value?: number): void;
      gauge(metric: unknown, dimensions: Record<string, string>, value: number): void;
    };
    untyped.count(METRICS.jobsFailed, { JobType: "text_to_video" });
    untyped.count(METRICS.jobsCreated, { JobType: "text_to_video", TenantId: "acme" });
    untyped.count(METRICS.jobsCreated, { JobType: "" });
    untyped.gauge(METRICS.pixverseBalance, {}, Number.NaN);
    untyped.gauge(METRICS.pixverseBalance, {}, -1);
    metrics.flush();
    expect(lines).toEqual([]);
    expect(warnings.map((warning) => warning.details?.problem)).toEqual([
      "metric JobsFailed: missing dimension(s) ErrorCode",
      "metric JobsCreated: unknown dimension(s) TenantId",
      "metric JobsCreated: dimension(s) JobType must be 1-1024 characters",
      "metric PixverseBalance: value NaN is not a finite number >= 0",
      "metric PixverseBalance: value -1 is not a finite number >= 0",
    ]);
  });

  it("summarizes a line for a developer's terminal", () => {
    const { metrics, lines } = capture("local");
    metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" });
    metrics.timing(METRICS.jobTimeToStatus, { JobType: "text_to_video", Status: "generating" }, 1500);
    metrics.timing(METRICS.jobTimeToStatus, { JobType: "text_to_video", Status: "generating" }, 2500);
    metrics.flush();
    expect(lines.map(summarizeEmfLine)).toEqual(
      expect.arrayContaining([
        "JobsCreated=1 Count {Stage=local, JobType=text_to_video}",
        "JobsCreated=1 Count {Stage=local}",
        "JobTimeToStatus=[1.5,2.5] Seconds {Stage=local, JobType=text_to_video, Status=generating}",
        "JobTimeToStatus=[1.5,2.5] Seconds {Stage=local, Status=generating}",
      ]),
    );
  });
});
