import { describe, expect, it } from "vitest";
import { MediaFetchError } from "../media";
import { createInMemoryPipeline, FAST_TIMINGS, pixverseError, TEXT_TO_VIDEO } from "../test-support";

async function setup(config: Parameters<typeof createInMemoryPipeline>[0] = {}) {
  const world = createInMemoryPipeline({ ...config, config: { inlineSubmitMs: 0, ...config.config } });
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  const read = async () => (await world.jobs.getById(job.id))!;
  const advance = async () => world.pipeline.steps.advance(await read());
  return { ...world, job, read, advance, steps: world.pipeline.steps };
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();

describe("submitting", () => {
  it("sends the job with its trace id and records PixVerse's id and charge", async () => {
    const world = await setup();
    expect(await world.advance()).toBe("submitted");
    const [generation] = world.pixverse.allGenerations();
    expect(generation).toMatchObject({ traceId: world.job.pixverse.traceId, capability: "text" });
    expect(await world.read()).toMatchObject({
      status: "generating",
      pixverseId: generation!.id,
      credits: 20,
    });
  });

  it("defers a job when no generation slot is free, without calling PixVerse", async () => {
    const world = await setup();
    expect(await world.steps.submit(await world.read(), { take: async () => false })).toBe("deferred");
    expect(world.pixverse.calls).toEqual([]);
    expect(await world.read()).toMatchObject({
      status: "queued",
      nextCheckAt: later(world.clock.now(), FAST_TIMINGS.capacityWaitMs),
    });
  });

  it("counts generations in flight against the limit", async () => {
    const world = await setup({ config: { pixverse: { maxConcurrency: 1 } } });
    expect(await world.advance()).toBe("submitted");
    const { job: second } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    expect(await world.steps.advance((await world.jobs.getById(second.id))!)).toBe("deferred");
  });

  it("retries a concurrency refusal (500044) with the same trace id, never generating twice", async () => {
    const world = await setup();
    world.pixverse.failNext("generate", pixverseError(500044, "retryable"));
    expect(await world.advance()).toBe("retry_scheduled");
    expect(await world.read()).toMatchObject({
      status: "queued",
      attempts: 1,
      nextCheckAt: expect.any(String),
    });
    expect(await world.advance()).toBe("submitted");
    const traces = world.pixverse
      .callsOf("generate")
      .map(([, , options]) => (options as { traceId: string }).traceId);
    expect(traces).toEqual([world.job.pixverse.traceId, world.job.pixverse.traceId]);
    expect(world.pixverse.allGenerations()).toHaveLength(1);
  });

  it("fails a job PixVerse refuses for good (a 4000xx parameter error), with its ErrCode", async () => {
    const world = await setup();
    world.pixverse.failNext("generate", pixverseError(400017, "request", "invalid parameter"));
    expect(await world.advance()).toBe("failed");
    expect(await world.read()).toMatchObject({
      status: "failed",
      error: { code: "invalid_request", providerCode: 400017 },
    });
    expect(world.events.ids()).toEqual([`${world.job.id}:failed`]);
  });

  it("fails a queued job past its deadline with timeout instead of submitting it", async () => {
    const world = await setup({ config: { jobDeadlineSeconds: 60 } });
    await world.clock.advance(61_000);
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error).toEqual({
      code: "timeout",
      message: "the job did not finish within 60 s",
    });
    expect(world.pixverse.calls).toEqual([]);
  });
});

describe("media before a submit", () => {
  it("fails the job media_unavailable when its media cannot be had, and retries when it may come back", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
    const key = `uploads/${world.tenant.tenantId}/01/cat.png`;
    world.store.put(key, new Uint8Array([137, 80, 78, 71]), "image/png");
    const { job } = await world.pipeline.jobService.createJob(world.tenant, {
      type: "image_to_video",
      input: { prompt: "go", model: "v5", duration: 5, quality: "540p", image: { upload: key } },
    });
    world.pixverse.failNext("uploadImage", new MediaFetchError("S3 is slow", true));
    expect(await world.pipeline.steps.advance((await world.jobs.getById(job.id))!)).toBe("retry_scheduled");
    world.pixverse.failNext("uploadImage", pixverseError(500032, "request", "invalid image format"));
    expect(await world.pipeline.steps.advance((await world.jobs.getById(job.id))!)).toBe("failed");
    expect((await world.jobs.getById(job.id))!.error).toMatchObject({
      code: "media_unavailable",
      providerCode: 500032,
    });
  });
});

describe("following a generation", () => {
  it("polls again with backoff while PixVerse works, then archives when it is done", async () => {
    const world = await setup();
    await world.advance();
    const { pixverseId } = await world.read();
    expect(await world.advance()).toBe("polled");
    expect(await world.advance()).toBe("polled");
    expect(await world.read()).toMatchObject({ status: "generating", attempts: 2 });

    world.pixverse.finish(pixverseId!, 1, { credits: 25 });
    expect(await world.advance()).toBe("archive_requested");
    expect(await world.read()).toMatchObject({ status: "archiving", credits: 25, attempts: 0 });
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
  });

  it.each([
    [7, "moderation_failed"],
    [8, "generation_failed"],
    [6, "generation_failed"],
  ] as const)("fails a generation PixVerse ended with status %i as %s", async (status, code) => {
    const world = await setup();
    await world.advance();
    world.pixverse.finish((await world.read()).pixverseId!, status);
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error?.code).toBe(code);
  });

  it("applies an outcome only to a generating job: late, duplicate and reordered ones change nothing", async () => {
    const world = await setup();
    await world.advance();
    const generating = await world.read();
    const url = "https://media.pixverse.test/x.mp4";
    expect(await world.steps.applyOutcome(generating, { status: 1, url })).toBe("archive_requested");
    const archiving = await world.read();
    for (const late of [{ status: 8 }, { status: 7 }, { status: 1, url }, { status: 5 }]) {
      expect(await world.steps.applyOutcome(generating, late)).toBe("nothing");
      expect(await world.steps.applyOutcome(archiving, late)).toBe("nothing");
    }
    expect(await world.read()).toEqual(archiving);
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
  });

  it("takes a last look past the deadline: archives a finished video, times out an unfinished one", async () => {
    const finished = await setup({ config: { jobDeadlineSeconds: 60 } });
    await finished.advance();
    finished.pixverse.finish((await finished.read()).pixverseId!, 1);
    await finished.clock.advance(120_000);
    expect(await finished.advance()).toBe("archive_requested");

    const unfinished = await setup({ config: { jobDeadlineSeconds: 60 } });
    await unfinished.advance();
    await unfinished.clock.advance(120_000);
    expect(await unfinished.advance()).toBe("failed");
    expect((await unfinished.read()).error?.code).toBe("timeout");
  });

  it("fails a job whose video PixVerse no longer knows", async () => {
    const world = await setup();
    await world.advance();
    world.pixverse.failNext("getVideoResult", pixverseError(500008, "not_found"));
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error).toMatchObject({ code: "generation_failed", providerCode: 500008 });
  });
});

describe("re-driving an archive", () => {
  it("hands an overdue copy out again, then fails archive_failed after the last attempt", async () => {
    const world = await setup();
    await world.advance();
    world.pixverse.finish((await world.read()).pixverseId!, 1);
    await world.advance();
    world.archiveQueue.take();
    for (let attempt = 1; attempt <= FAST_TIMINGS.archiveMaxAttempts; attempt++) {
      expect(await world.advance()).toBe("archive_requested");
      expect((await world.read()).attempts).toBe(attempt);
    }
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error?.code).toBe("archive_failed");
    expect((await world.read()).resultUrl).toBeDefined();
  });
});
