import { METRICS, MetricsRecorder } from "@pixpipe/core/metrics";
import { describe, expect, it } from "vitest";
import { flushingMetrics } from "./pipeline";

describe("flushingMetrics", () => {
  it("flushes once per invocation, after the handler's work, failed invocations too", async () => {
    const metrics = new MetricsRecorder();
    const handler = flushingMetrics({ metrics }, async (event: { fail: boolean }) => {
      metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" });
      if (event.fail) throw new Error("the table is gone");
      return "done";
    });
    expect(await handler({ fail: false })).toBe("done");
    expect({ flushes: metrics.flushes, pending: metrics.pending }).toEqual({ flushes: 1, pending: [] });
    await expect(handler({ fail: true })).rejects.toThrow("the table is gone");
    expect({ flushes: metrics.flushes, pending: metrics.pending }).toEqual({ flushes: 2, pending: [] });
    expect(metrics.records).toHaveLength(2);
  });
});
