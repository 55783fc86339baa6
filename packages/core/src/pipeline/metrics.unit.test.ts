import { describe, expect, it } from "vitest";
import { EventRejectedError } from "../events";
import { METRICS } from "../metrics";
import {
  createInMemoryPipeline,
  type InMemoryPipelineOptions,
  pixverseError,
  resultBytes,
  TEXT_TO_VIDEO,
} from "../test-support";

// What the pipeline records through its Metrics port (a MetricsRecorder here, EMF in Lambda), step by
// step over the in-memory pipeline: the figures the alarms and the dashboard in infra/ are built on.

function world(options: InMemoryPipelineOptions = {}) {
  const w = createInMemoryPipeline({ ...options, config: { inlineSubmitMs: 0, ...options.config } });
  const read = async (id: string) => (await w.jobs.getById(id))!;
  const create = async () => (await w.pipeline.jobService.createJob(w.tenant, TEXT_TO_VIDEO)).job;
  /** Starts a queued job and lets PixVerse finish it with `status`, the poller reading the outcome. */
  const generate = async (id: string, status: 1 | 7 | 8 = 1) => {
    await w.pipeline.steps.start(await read(id));
    w.pixverse.finish((await read(id)).pixverseId!, status);
    await w.pipeline.steps.advance(await read(id));
  };
  const tick = () => w.clock.run(w.pipeline.poller.tick());
  return { ...w, read, create, generate, tick };
}

describe("job metrics", () => {
  it("count a job created and succeeded, and time its first arrival in each status from its creation", async () => {
    const w = world();
    const job = await w.create();
    expect(w.metrics.sum(METRICS.jobsCreated, { JobType: "text_to_video" })).toBe(1);

    await w.clock.advance(2_000);
    await w.pipeline.steps.start(await w.read(job.id));
    await w.clock.advance(30_000);
    w.pixverse.finish((await w.read(job.id)).pixverseId!, 1);
    await w.pipeline.steps.advance(await w.read(job.id));
    await w.clock.advance(1_500);
    await w.archiveQueued();

    expect((await w.read(job.id)).status).toBe("succeeded");
    const seconds = (Status: string) =>
      w.metrics.values(METRICS.jobTimeToStatus, { JobType: "text_to_video", Status });
    expect({
      generating: seconds("generating"),
      archiving: seconds("archiving"),
      succeeded: seconds("succeeded"),
    }).toEqual({
      generating: [2],
      archiving: [32],
      succeeded: [33.5],
    });
    expect(w.metrics.sum(METRICS.jobsSucceeded, { JobType: "text_to_video" })).toBe(1);
    expect(w.metrics.sum(METRICS.jobsFailed)).toBe(0);
  });

  it("count a job once however often its request is repeated, and steps that changed nothing not at all", async () => {
    const w = world();
    const again = () =>
      w.pipeline.jobService.createJob(w.tenant, TEXT_TO_VIDEO, { idempotencyKey: "order-7" });
    const { job } = await again();
    await again();
    await w.generate(job.id);
    // A duplicate poll or webhook of the same outcome moves nothing and times nothing again.
    await w.pipeline.steps.applyOutcome(await w.read(job.id), { status: 1, url: "https://x/v.mp4" });
    expect(w.metrics.sum(METRICS.jobsCreated)).toBe(1);
    expect(w.metrics.values(METRICS.jobTimeToStatus, { Status: "archiving" })).toHaveLength(1);
  });

  it("count failed jobs by type and error code, those refused at creation included", async () => {
    const w = world();
    await w.generate((await w.create()).id, 7);
    await w.generate((await w.create()).id, 8);
    await w.pipeline.jobService.recordRejected(
      w.tenant,
      { type: "image_to_video", input: {}, metadata: {} },
      { code: "invalid_request", message: "the manifest is not JSON" },
      { idempotencyKey: "s3:bad.job.json" },
    );
    const failed = (ErrorCode: string) => w.metrics.values(METRICS.jobsFailed, { ErrorCode });
    expect(failed("moderation_failed")).toEqual([1]);
    expect(failed("generation_failed")).toEqual([1]);
    expect(
      w.metrics.values(METRICS.jobsFailed, { JobType: "image_to_video", ErrorCode: "invalid_request" }),
    ).toEqual([1]);
    expect(w.metrics.sum(METRICS.jobsCreated)).toBe(3);
    expect(w.metrics.sum(METRICS.jobsCreated, { JobType: "image_to_video" })).toBe(1);
    expect(w.metrics.sum(METRICS.jobsSucceeded)).toBe(0);
  });

  it("count an event SQS did not take, by event type, whether it is retried or refused for good", async () => {
    const w = world();
    const job = await w.create();
    await w.generate(job.id);
    w.events.failNext(new Error("SQS is unreachable"));
    await w.archiveQueued();
    const cancelled = await w.create();
    w.events.failNext(new EventRejectedError("the body has characters SQS refuses"));
    await w.pipeline.jobService.cancelJob(w.tenant, cancelled.id);
    expect(w.metrics.values(METRICS.eventSendsRefused, { EventType: "pixpipe.job.succeeded" })).toEqual([1]);
    expect(w.metrics.values(METRICS.eventSendsRefused, { EventType: "pixpipe.job.cancelled" })).toEqual([1]);
    // The retried send goes out: nothing more is counted.
    await w.clock.advance(60_000);
    await w.tick();
    expect(w.events.ids()).toContain(`${job.id}:succeeded`);
    expect(w.metrics.sum(METRICS.eventSendsRefused)).toBe(2);
  });
});

describe("archive metrics", () => {
  it("measure the bytes and throughput of each copy and count failed attempts by reason", async () => {
    const w = world();
    const copied = await w.create();
    await w.generate(copied.id);
    await w.archiveQueued();
    const pixverseId = (await w.read(copied.id)).pixverseId!;
    expect(w.metrics.values(METRICS.archiveBytes)).toEqual([resultBytes(pixverseId).length]);
    const [throughput, ...more] = w.metrics.values(METRICS.archiveThroughput);
    expect(more).toEqual([]);
    expect(throughput).toBeGreaterThan(0);

    const gone = await w.create();
    await w.generate(gone.id);
    w.pixverse.expireUrl((await w.read(gone.id)).pixverseId!, { reissue: false });
    await w.archiveQueued();
    expect((await w.read(gone.id)).status).toBe("failed");
    // Counted per attempt: the stored URL, then the one PixVerse gives now (the same, still expired).
    expect(w.metrics.values(METRICS.archivesFailed, { Reason: "source_status" })).toEqual([1, 1]);
    expect(w.metrics.values(METRICS.archiveBytes)).toHaveLength(1);
    expect(w.metrics.values(METRICS.jobsFailed, { ErrorCode: "archive_failed" })).toEqual([1]);
  });
});

describe("webhook metrics", () => {
  it("count deliveries refused by reason, late ones included, and nothing for an accepted one", async () => {
    const w = world();
    const job = await w.create();
    await w.pipeline.steps.start(await w.read(job.id));
    const id = (await w.read(job.id)).pixverseId!;
    const receive = ({ body, headers }: { body: string; headers: Record<string, string> }) =>
      w.pipeline.webhooks.receive(body, new Headers(headers));

    const delivery = w.signedWebhook({ id, status: 5 });
    await receive(delivery);
    expect(w.metrics.sum(METRICS.webhooksRefused)).toBe(0);
    await receive(delivery);
    await receive({ ...delivery, headers: { ...delivery.headers, "webhook-signature": "AAAA" } });
    await receive({ body: "not json", headers: delivery.headers });
    const late = w.signedWebhook({ id, status: 5 });
    await w.clock.advance(301_000);
    await receive(late);
    const reasons = w.metrics.records
      .filter((record) => record.metric === METRICS.webhooksRefused)
      .map((record) => record.dimensions.Reason);
    expect(reasons).toEqual(["replayed", "bad_signature", "malformed", "late"]);
  });
});

describe("the poller's gauges", () => {
  const gauges = (w: ReturnType<typeof world>) => {
    const last = (metric: typeof METRICS.activeJobs | typeof METRICS.oldestActiveJobAge) =>
      Object.fromEntries(
        (["queued", "generating", "archiving"] as const).map((Status) => [
          Status,
          w.metrics.values<typeof metric>(metric, { Status }).at(-1),
        ]),
      );
    return {
      active: last(METRICS.activeJobs),
      oldestSeconds: last(METRICS.oldestActiveJobAge),
      slots: w.metrics.values(METRICS.generationSlotsInUse).at(-1),
    };
  };

  it("report every non-terminal status on every tick, zeros included, and the slots in use", async () => {
    const w = world({ config: { pixverse: { maxConcurrency: 1 } } });
    await w.tick();
    expect(gauges(w)).toEqual({
      active: { queued: 0, generating: 0, archiving: 0 },
      oldestSeconds: { queued: 0, generating: 0, archiving: 0 },
      slots: 0,
    });

    const first = await w.create();
    await w.clock.advance(10_000);
    await w.create();
    await w.tick(); // starts the first job; the second waits for the only slot
    expect((await w.read(first.id)).status).toBe("generating");
    await w.clock.advance(80_000);
    await w.tick();
    expect(gauges(w)).toEqual({
      active: { queued: 1, generating: 1, archiving: 0 },
      oldestSeconds: { queued: 80, generating: 90, archiving: 0 },
      slots: 1,
    });
    expect(w.metrics.values(METRICS.activeJobs, { Status: "queued" })).toHaveLength(3);
  });

  it("read the PixVerse balance at most every 5 minutes, and a failed read fails no tick", async () => {
    const w = world();
    await w.tick();
    await w.clock.advance(60_000);
    await w.tick();
    expect(w.metrics.values(METRICS.pixverseBalance)).toEqual([1_069_020 + 3630]);
    await w.clock.advance(240_000);
    w.pixverse.failNext("getBalance", pixverseError(500069, "retryable", "system under high load"));
    await w.tick();
    expect(w.pixverse.callsOf("getBalance")).toHaveLength(2);
    expect(w.logger.named("PixVerse balance not read; trying again at the next interval")).toHaveLength(1);
    await w.clock.advance(300_000);
    await w.tick();
    expect(w.metrics.values(METRICS.pixverseBalance)).toEqual([1_072_650, 1_072_650]);
    expect(w.metrics.values(METRICS.oldestActiveJobAge, { Status: "queued" })).toHaveLength(4);
  });

  it("log a census that cannot be read at ERROR and still end the tick", async () => {
    const w = world();
    w.jobs.activeJobCensus = async () => {
      throw new Error("DynamoDB throttled the query");
    };
    await expect(w.tick()).resolves.toMatchObject({ errors: 0 });
    expect(w.metrics.values(METRICS.activeJobs)).toEqual([]);
    expect(
      w.logger.lines.filter((line) => line.level === "ERROR").map((line) => line.attributes.error),
    ).toEqual(["Error: DynamoDB throttled the query"]);
  });
});
