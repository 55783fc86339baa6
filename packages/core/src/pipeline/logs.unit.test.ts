import { afterEach, describe, expect, it } from "vitest";
import {
  createInMemoryPipeline,
  type LoggedLine,
  pixverseError,
  TEXT_TO_VIDEO,
  testConfig,
} from "../test-support";
import { createPipeline } from "../wiring";

// What the pipeline logs, and at which level: progress at INFO, what a caller caused or the pipeline
// recovers from at WARN, what needs an operator at ERROR, an idle poller at DEBUG; and every line about
// a job names its tenant and the job.

function world(config: { jobDeadlineSeconds?: number } = {}) {
  const w = createInMemoryPipeline({ config: { inlineSubmitMs: 0, ...config } });
  const read = async (id: string) => (await w.jobs.getById(id))!;
  const create = async () => (await w.pipeline.jobService.createJob(w.tenant, TEXT_TO_VIDEO)).job;
  const generate = async (id: string, status: 1 | 7 | 8) => {
    await w.pipeline.steps.start(await read(id));
    w.pixverse.finish((await read(id)).pixverseId!, status);
    await w.pipeline.steps.advance(await read(id));
  };
  const tick = () => w.clock.run(w.pipeline.poller.tick());
  const levelOf = (message: string) => w.logger.named(message).map((line) => line.level);
  return { ...w, read, create, generate, tick, levelOf };
}

const about = (lines: LoggedLine[], jobId: string) => lines.filter((line) => line.attributes.jobId === jobId);

describe("job log lines", () => {
  it("carry the tenant and the job on every line about a job, through success, retries and failures", async () => {
    const w = world();
    const succeeded = await w.create();
    w.pixverse.failNext("generate", pixverseError(500069, "retryable", "system under high load"));
    await w.pipeline.steps.start(await w.read(succeeded.id));
    await w.clock.advance(60_000);
    await w.tick();
    w.pixverse.finish((await w.read(succeeded.id)).pixverseId!, 1);
    await w.clock.advance(60_000);
    await w.tick();
    await w.archiveQueued();
    const failed = await w.create();
    await w.generate(failed.id, 8);

    expect((await w.read(succeeded.id)).status).toBe("succeeded");
    expect(about(w.logger.lines, succeeded.id).map((line) => line.message)).toEqual([
      "PixVerse submit failed; retrying",
      "job submitted to PixVerse",
      "job archived",
    ]);
    expect(about(w.logger.lines, failed.id).map((line) => line.message)).toEqual([
      "job submitted to PixVerse",
      "job failed",
    ]);
    const jobLines = w.logger.lines.filter((line) => "jobId" in line.attributes);
    expect(jobLines.length).toBeGreaterThanOrEqual(5);
    for (const line of jobLines)
      expect(line.attributes, line.message).toMatchObject({ tenantId: w.tenant.tenantId });
  });

  it("log a failure the caller caused at WARN and one that needs an operator at ERROR", async () => {
    const w = world({ jobDeadlineSeconds: 60 });
    await w.generate((await w.create()).id, 7); // moderation: the caller's content
    await w.generate((await w.create()).id, 8); // PixVerse's generation failed
    const late = await w.create();
    await w.clock.advance(61_000);
    await w.pipeline.steps.advance(await w.read(late.id)); // the deadline passed
    await w.pipeline.jobService.recordRejected(
      w.tenant,
      { type: "image_to_video", input: {}, metadata: {} },
      { code: "invalid_request", message: "the manifest is not JSON" },
      { idempotencyKey: "s3:bad.job.json" },
    );
    const failures = w.logger
      .named("job failed")
      .map((line) => [(line.attributes.error as { code: string }).code, line.level]);
    expect(failures).toEqual([
      ["moderation_failed", "WARN"],
      ["generation_failed", "ERROR"],
      ["timeout", "ERROR"],
    ]);
    expect(w.levelOf("job rejected at creation")).toEqual(["WARN"]);
    expect(
      w.logger.lines.filter((line) => line.level === "INFO" && /fail|refus|reject/i.test(line.message)),
    ).toEqual([]);
  });

  it("log a refused webhook at WARN and a late one, which pixpipe handles, at INFO", async () => {
    const w = world();
    const job = await w.create();
    await w.pipeline.steps.start(await w.read(job.id));
    const delivery = w.signedWebhook({ id: (await w.read(job.id)).pixverseId!, status: 5 });
    await w.pipeline.webhooks.receive(
      delivery.body,
      new Headers({ ...delivery.headers, "webhook-signature": "AAAA" }),
    );
    await w.clock.advance(301_000);
    await w.pipeline.webhooks.receive(delivery.body, new Headers(delivery.headers));
    expect(w.levelOf("PixVerse webhook refused")).toEqual(["WARN"]);
    expect(w.logger.named("late PixVerse webhook: polling instead of trusting it")).toEqual([
      expect.objectContaining({ level: "INFO", attributes: expect.objectContaining({ jobId: job.id }) }),
    ]);
  });
});

describe("poller ticks", () => {
  it("are logged at DEBUG while there is nothing to do, at INFO when they moved a job", async () => {
    const w = world();
    await w.tick();
    await w.create();
    await w.tick();
    await w.clock.advance(1_000);
    await w.tick();
    const ticks = w.logger.named("poller tick");
    expect(ticks.map((line) => line.level)).toEqual(["DEBUG", "INFO", "INFO"]);
    expect(ticks[1]!.attributes).toMatchObject({ started: 1, submitted: 1 });
    expect(ticks[2]!.attributes).toMatchObject({ examined: 1, polled: 1 });
  });
});

describe("the default logger", () => {
  const saved = { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL, LOG_LEVEL: process.env.LOG_LEVEL };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** What the pipeline's own logger prints for a line at each level, under `env`. */
  function printed(env: Record<string, string>): string[] {
    delete process.env.POWERTOOLS_LOG_LEVEL;
    delete process.env.LOG_LEVEL;
    Object.assign(process.env, env);
    const { logger } = createPipeline(
      testConfig({ pixverse: { baseUrl: "https://pixverse.test", maxConcurrency: 1, requestsPerSecond: 1 } }),
    );
    const lines: string[] = [];
    const streams = [process.stdout, process.stderr] as const;
    const writes = streams.map((stream) => stream.write);
    for (const stream of streams) {
      stream.write = ((chunk: unknown) => {
        lines.push(String(chunk));
        return true;
      }) as typeof stream.write;
    }
    try {
      logger.debug("a debug line");
      logger.info("an info line");
      logger.warn("a warn line");
      logger.error("an error line");
    } finally {
      streams.forEach((stream, i) => {
        stream.write = writes[i]!;
      });
    }
    return lines.map((line) => (JSON.parse(line) as { level: string }).level);
  }

  it("logs at the level POWERTOOLS_LOG_LEVEL (or LOG_LEVEL) sets, INFO without either", () => {
    expect(printed({ POWERTOOLS_LOG_LEVEL: "WARN" })).toEqual(["WARN", "ERROR"]);
    expect(printed({ LOG_LEVEL: "DEBUG" })).toEqual(["DEBUG", "INFO", "WARN", "ERROR"]);
    expect(printed({})).toEqual(["INFO", "WARN", "ERROR"]);
  });
});
