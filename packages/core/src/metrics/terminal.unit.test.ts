import { describe, expect, it } from "vitest";
import { METRICS } from "./catalogue";
import { EmfMetrics } from "./emf";
import { terminalMetricsWriter } from "./terminal";

function terminal() {
  const printed: string[] = [];
  const metrics = new EmfMetrics({
    stage: "local",
    write: terminalMetricsWriter((line) => printed.push(line)),
    warnings: { warn: () => {} },
  });
  return { metrics, printed };
}

describe("metrics in a terminal", () => {
  it("print each record once, under its own dimensions, without the stage, to 3 decimals", () => {
    const { metrics, printed } = terminal();
    metrics.count(METRICS.jobsCreated, { JobType: "text_to_video" });
    metrics.count(METRICS.jobsFailed, { JobType: "text_to_video", ErrorCode: "timeout" });
    metrics.timing(METRICS.pixverseCallDuration, { Endpoint: "/openapi/v2/video/result/{id}" }, 41.2345678);
    metrics.observe(METRICS.archiveBytes, {}, 1_048_576);
    metrics.flush();
    expect(printed.sort()).toEqual([
      "metric ArchiveBytes=1048576 Bytes",
      "metric JobsCreated=1 Count {JobType=text_to_video}",
      "metric JobsFailed=1 Count {JobType=text_to_video, ErrorCode=timeout}",
      "metric PixverseCallDuration=41.235 Milliseconds {Endpoint=/openapi/v2/video/result/{id}}",
    ]);
  });

  it("print every occurrence of a counter, but a gauge only when its reading changed", () => {
    const { metrics, printed } = terminal();
    const tick = (queued: number, ageSeconds: number) => {
      metrics.gauge(METRICS.activeJobs, { Status: "queued" }, queued);
      metrics.gauge(METRICS.oldestActiveJobAge, { Status: "queued" }, ageSeconds);
      metrics.gauge(METRICS.generationSlotsInUse, {}, 0);
      metrics.count(METRICS.jobsCreated, { JobType: "effect" });
      metrics.flush();
    };
    tick(0, 0);
    tick(0, 0);
    tick(1, 0);
    tick(1, 2);
    expect(printed).toEqual([
      "metric ActiveJobs=0 Count, OldestActiveJobAge=0 Seconds {Status=queued}",
      "metric GenerationSlotsInUse=0 Count",
      "metric JobsCreated=1 Count {JobType=effect}",
      "metric JobsCreated=1 Count {JobType=effect}",
      "metric ActiveJobs=1 Count {Status=queued}",
      "metric JobsCreated=1 Count {JobType=effect}",
      "metric OldestActiveJobAge=2 Seconds {Status=queued}",
      "metric JobsCreated=1 Count {JobType=effect}",
    ]);
  });
});
