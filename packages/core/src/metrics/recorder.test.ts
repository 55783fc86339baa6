import { describe, expect, it } from "vitest";
import { METRICS } from "./catalogue";
import { MetricsRecorder } from "./recorder";

describe("MetricsRecorder", () => {
  it("keeps every record in its entry's unit and sums them by dimension", () => {
    const metrics = new MetricsRecorder();
    metrics.count(METRICS.jobsFailed, { JobType: "text_to_video", ErrorCode: "timeout" });
    metrics.count(METRICS.jobsFailed, { JobType: "image_to_video", ErrorCode: "timeout" }, 2);
    metrics.count(METRICS.jobsFailed, { JobType: "text_to_video", ErrorCode: "generation_failed" });
    metrics.timing(METRICS.jobTimeToStatus, { JobType: "text_to_video", Status: "succeeded" }, 90_000);
    expect(metrics.sum(METRICS.jobsFailed)).toBe(4);
    expect(metrics.sum(METRICS.jobsFailed, { ErrorCode: "timeout" })).toBe(3);
    expect(metrics.values(METRICS.jobsFailed, { JobType: "text_to_video" })).toEqual([1, 1]);
    expect(metrics.values(METRICS.jobTimeToStatus)).toEqual([90]);
    expect(metrics.sum(METRICS.jobsCreated)).toBe(0);
  });

  it("tells flushed records from pending ones", () => {
    const metrics = new MetricsRecorder();
    metrics.gauge(METRICS.generationSlotsInUse, {}, 2);
    expect(metrics.pending).toHaveLength(1);
    metrics.flush();
    expect(metrics.pending).toEqual([]);
    metrics.gauge(METRICS.generationSlotsInUse, {}, 4);
    expect(metrics.pending.map((record) => record.value)).toEqual([4]);
    expect(metrics.flushes).toBe(1);
    metrics.clear();
    expect({ records: metrics.records, flushes: metrics.flushes }).toEqual({ records: [], flushes: 0 });
  });

  it("throws on a call the EMF adapter would drop, so the test that makes it fails", () => {
    const metrics = new MetricsRecorder();
    const untyped = metrics as unknown as {
      count(metric: unknown, dimensions: Record<string, string>, value?: number): void;
    };
    expect(() => untyped.count(METRICS.jobsFailed, { JobType: "text_to_video" })).toThrow(
      "metric JobsFailed: missing dimension(s) ErrorCode",
    );
    expect(() => metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" }, -1)).toThrow(
      "value -1 is not a finite number >= 0",
    );
    expect(metrics.records).toEqual([]);
  });

  it("accepts only entries of each method's kind, with exactly their dimensions (type-checked)", () => {
    const metrics = new MetricsRecorder();
    // @ts-expect-error a timer is not a counter
    expect(() => metrics.count(METRICS.jobTimeToStatus, { JobType: "x", Status: "y" })).not.toThrow();
    // @ts-expect-error JobsFailed needs ErrorCode too
    expect(() => metrics.count(METRICS.jobsFailed, { JobType: "x" })).toThrow();
    // @ts-expect-error a gauge is not a distribution
    metrics.observe(METRICS.pixverseBalance, {}, 1);
    expect(metrics.records).toHaveLength(2);
  });
});
