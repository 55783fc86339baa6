import { solidPng } from "@pixpipe/simulator";
import { describe, expect, it } from "vitest";
import { toPublicJob } from "../job";
import { MediaFetchError } from "../media";
import { SLOTS_PARTITION } from "../table";
import { createInMemoryPipeline, FAST_TIMINGS, pixverseError, TEXT_TO_VIDEO } from "../test-support";

type Options = Parameters<typeof createInMemoryPipeline>[0];

async function setup(options: Options = {}) {
  const world = createInMemoryPipeline({ ...options, config: { inlineSubmitMs: 0, ...options.config } });
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  const read = async (id = job.id) => (await world.jobs.getById(id))!;
  const start = async (id = job.id) => (await world.pipeline.steps.start(await read(id))).result;
  const advance = async (id = job.id) => world.pipeline.steps.advance(await read(id));
  const another = async () => (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job.id;
  /** The generation slots held (the waiting markers left out). */
  const readSlots = async () =>
    (await world.jobs.readItems(SLOTS_PARTITION))
      .map((entry) => entry.key.sk)
      .filter((sk) => !sk.startsWith("waiting#"));
  /** Gives a tenant an in-flight limit, as an admin would. */
  const limitTenant = async (tenantId: string, maxInFlight: number) => {
    await world.tenants.ensureTenant({ id: tenantId, name: tenantId });
    await world.tenants.updateTenant(tenantId, { limits: { maxInFlight } });
  };
  return {
    ...world,
    job,
    read,
    start,
    advance,
    another,
    readSlots,
    limitTenant,
    steps: world.pipeline.steps,
  };
}

/** A job with `count` image references, uploaded beforehand, for tests of media handling. */
async function imageJob(world: Awaited<ReturnType<typeof setup>>, count = 1) {
  const keys = Array.from({ length: count }, (_, i) => `uploads/${world.tenant.tenantId}/0${i}/cat.png`);
  for (const key of keys) world.store.put(key, solidPng(8, 8), "image/png");
  const input =
    count === 1
      ? { prompt: "go", model: "v5", duration: 5, quality: "540p", image: { upload: keys[0] } }
      : {
          template_id: 315446315336768,
          quality: "540p",
          duration: 5,
          images: keys.map((upload) => ({ upload })),
        };
  const { job } = await world.pipeline.jobService.createJob(world.tenant, {
    type: count === 1 ? "image_to_video" : "effect",
    input,
  });
  return job.id;
}

describe("starting a job", () => {
  it("takes a slot, sends the job with its trace id and records PixVerse's id and charge", async () => {
    const world = await setup();
    expect(await world.start()).toBe("submitted");
    const [generation] = world.pixverse.allGenerations();
    expect(generation).toMatchObject({ traceId: world.job.pixverse.traceId, capability: "text" });
    expect(await world.read()).toMatchObject({
      status: "generating",
      pixverseId: generation!.id,
      credits: 20,
      slots: { global: expect.any(Number), tenant: expect.any(Number) },
    });
  });

  it("never has more generations in flight than the limit: the rest wait, without calling PixVerse", async () => {
    const world = await setup({ config: { pixverse: { maxConcurrency: 2 } } });
    const ids = [world.job.id, await world.another(), await world.another()];
    const results = await Promise.all(ids.map((id) => world.start(id)));
    expect(results.sort()).toEqual(["submitted", "submitted", "waiting"]);
    expect(world.pixverse.allGenerations()).toHaveLength(2);
    const waiting = (await Promise.all(ids.map((id) => world.read(id)))).find(
      (job) => job.status === "queued",
    )!;
    expect(toPublicJob(waiting).progress).toEqual({ stage: "waiting_for_capacity", attempts: 0 });
  });

  it("holds to a tenant's own in-flight limit, which takes nobody else's slot", async () => {
    const world = await setup({ config: { pixverse: { maxConcurrency: 5 } } });
    await world.limitTenant(world.tenant.tenantId, 1);
    const second = await world.another();
    expect(await world.start()).toBe("submitted");
    expect(await world.start(second)).toBe("waiting");
    expect((await world.read(second)).stage).toBe("waiting_for_tenant_limit");
    const { job: other } = await world.pipeline.jobService.createJob(world.otherTenant, TEXT_TO_VIDEO);
    expect(await world.start(other.id)).toBe("submitted");
  });

  it("starts a job once when two processes try at the same moment (the claim)", async () => {
    const world = await setup();
    const read = await world.read();
    const results = await Promise.all([world.steps.start(read), world.steps.start(read)]);
    expect(results.map((r) => r.result).sort()).toEqual(["nothing", "submitted"]);
    expect(world.pixverse.callsOf("generate")).toHaveLength(1);
  });

  it("retries a concurrency refusal (500044) by waiting for a slot, with the same trace id", async () => {
    const world = await setup();
    world.pixverse.failNext("generate", pixverseError(500044, "retryable"));
    expect(await world.start()).toBe("waiting");
    expect(await world.read()).toMatchObject({ stage: "waiting_for_capacity", attempts: 0 });
    expect(await world.start()).toBe("nothing"); // not before capacityWaitMs
    await world.clock.advance(FAST_TIMINGS.capacityWaitMs);
    expect(await world.start()).toBe("submitted");
    const traces = world.pixverse
      .callsOf("generate")
      .map(([, , options]) => (options as { traceId: string }).traceId);
    expect(traces).toEqual([world.job.pixverse.traceId, world.job.pixverse.traceId]);
  });

  it("fails a job PixVerse refuses for good (a 4000xx parameter error), with its ErrCode", async () => {
    const world = await setup();
    world.pixverse.failNext("generate", pixverseError(400017, "request", "invalid parameter"));
    expect(await world.start()).toBe("failed");
    expect(await world.read()).toMatchObject({
      status: "failed",
      error: { code: "invalid_request", providerCode: 400017 },
    });
    expect(await world.readSlots()).toEqual([]);
  });

  it("fails a queued job past its deadline with timeout instead of starting it", async () => {
    const world = await setup({ config: { jobDeadlineSeconds: 60 } });
    await world.clock.advance(61_000);
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error).toEqual({
      code: "timeout",
      message: "the job did not finish within 60 s",
    });
    expect(world.pixverse.calls).toEqual([]);
  });

  it("resumes a start whose process died (its claim ran out), with the slots and media it had", async () => {
    const world = await setup();
    const id = await imageJob(world);
    const claimed = await world.pipeline.lifecycle.claim(await world.read(id), { global: 0, tenant: 0 });
    await world.pipeline.lifecycle.recordMedia(claimed!, "image", { imgId: "555" });
    // ... and the process dies. The poller finds it once the claim's lease has run out.
    expect(await world.advance(id)).toBe("nothing");
    await world.clock.advance(FAST_TIMINGS.claimLeaseMs + 1);
    expect(await world.advance(id)).toBe("submitted");
    expect(world.pixverse.callsOf("uploadImage")).toHaveLength(0);
    expect(world.pixverse.callsOf("generate")[0]?.[1]).toMatchObject({ img_id: "555" });
  });
});

describe("media before a submit", () => {
  it("uploads each medium once, even when the submit is retried", async () => {
    const world = await setup();
    const id = await imageJob(world, 3);
    world.pixverse.failNext(
      "generate",
      pixverseError(500069, "retryable"),
      pixverseError(500069, "retryable"),
    );
    expect(await world.start(id)).toBe("retry_scheduled");
    await world.clock.advance(60_000);
    expect(await world.start(id)).toBe("retry_scheduled");
    await world.clock.advance(60_000);
    expect(await world.start(id)).toBe("submitted");
    expect(world.pixverse.callsOf("uploadImage")).toHaveLength(3);
    expect(world.pixverse.callsOf("generate")).toHaveLength(3);
  });

  it("says why it waits while it retries, and fails media_unavailable within a few attempts", async () => {
    const world = await setup();
    const id = await imageJob(world);
    const gone = new MediaFetchError(
      "cannot fetch example.com: the host does not resolve",
      "unresolvable_host",
    );
    world.pixverse.failNext("uploadImage", gone, gone, gone);
    expect(await world.start(id)).toBe("retry_scheduled");
    const retrying = toPublicJob(await world.read(id));
    expect(retrying.progress).toMatchObject({
      stage: "fetching_media",
      attempts: 1,
      reason: expect.stringMatching(
        /^cannot fetch example\.com: the host does not resolve; retry 2 of 3 at \d\d:\d\d:\d\dZ$/,
      ),
      nextAttemptAt: expect.any(String),
    });
    await world.clock.advance(1_000);
    expect(await world.start(id)).toBe("retry_scheduled");
    await world.clock.advance(1_000);
    expect(await world.start(id)).toBe("failed");
    expect((await world.read(id)).error).toEqual({
      code: "media_unavailable",
      message: "cannot fetch example.com: the host does not resolve (after 3 attempts)",
    });
  });

  it("refuses at the start a file that is not what its field takes, by its bytes", async () => {
    const world = await setup();
    const id = await imageJob(world);
    world.store.put(
      `uploads/${world.tenant.tenantId}/00/cat.png`,
      new TextEncoder().encode("not a png"),
      "image/png",
    );
    expect(await world.start(id)).toBe("failed");
    expect((await world.read(id)).error?.message).toMatch(/is not an image PixVerse takes/);
    expect(world.pixverse.callsOf("uploadImage")).toHaveLength(0);
  });
});

describe("following a generation", () => {
  it("polls again with backoff while PixVerse works, then archives when it is done", async () => {
    const world = await setup();
    await world.start();
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
    [6, "generation_deleted"],
  ] as const)("fails a generation PixVerse ended with status %i as %s", async (status, code) => {
    const world = await setup();
    await world.start();
    world.pixverse.finish((await world.read()).pixverseId!, status);
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error?.code).toBe(code);
  });

  it("applies an outcome only to a generating job: late, duplicate and reordered ones change nothing", async () => {
    const world = await setup();
    await world.start();
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
    await finished.start();
    finished.pixverse.finish((await finished.read()).pixverseId!, 1);
    await finished.clock.advance(120_000);
    expect(await finished.advance()).toBe("archive_requested");

    const unfinished = await setup({ config: { jobDeadlineSeconds: 60 } });
    await unfinished.start();
    await unfinished.clock.advance(120_000);
    expect(await unfinished.advance()).toBe("failed");
    expect((await unfinished.read()).error?.code).toBe("timeout");
  });

  it("shows a failing poll's reason on the job while it retries", async () => {
    const world = await setup();
    await world.start();
    world.pixverse.failNext("getVideoResult", pixverseError(500069, "retryable"));
    expect(await world.advance()).toBe("retry_scheduled");
    expect(toPublicJob(await world.read()).progress).toMatchObject({
      stage: "generating",
      reason: expect.stringMatching(/^PixVerse answered 500069: system under high load; retry 2 at/),
    });
  });

  it("fails a job whose video PixVerse no longer knows", async () => {
    const world = await setup();
    await world.start();
    world.pixverse.failNext("getVideoResult", pixverseError(500008, "not_found"));
    expect(await world.advance()).toBe("failed");
    expect((await world.read()).error).toMatchObject({ code: "generation_failed", providerCode: 500008 });
  });
});

describe("re-driving an archive", () => {
  it("hands an overdue copy out again, then fails archive_failed after the last attempt", async () => {
    const world = await setup();
    await world.start();
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
