import { describe, expect, it } from "vitest";
import type { JobRecord } from "../job";
import { createInMemoryPipeline, FAST_TIMINGS, TEXT_TO_VIDEO } from "../test-support";

const output = {
  bucket: "media-test",
  key: "videos/t/job.mp4",
  size: 10,
  contentType: "video/mp4",
  sha256: "a".repeat(64),
};

async function setup() {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
  const { lifecycle } = world.pipeline;
  const { job } = await lifecycle.accept(
    {
      tenantId: world.tenant.tenantId,
      type: "text_to_video",
      input: { ...TEXT_TO_VIDEO.input },
      metadata: {},
    },
    { requestHash: "h", firstCheckAfterMs: 5_000 },
  );
  const read = async (id = job.id) => (await world.jobs.getById(id))!;
  const generating = async () =>
    (await lifecycle.submitted(await read(), { pixverseId: "7001", credits: 20 }))!;
  const archiving = async () => {
    await generating();
    return (await lifecycle.resultReady(await read(), { url: "https://media.pixverse.test/7001.mp4" }))!;
  };
  return { ...world, lifecycle, job, read, generating, archiving };
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();

describe("the job lifecycle", () => {
  it("accepts a queued job with its trace id fixed, due once the inline head start has had its chance", async () => {
    const { job, clock } = await setup();
    expect(job).toMatchObject({
      status: "queued",
      attempts: 0,
      version: 1,
      nextCheckAt: later(clock.now(), 5_000),
    });
    expect(job.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.id).toMatch(/^job_/);
  });

  it("records a rejected request as failed at birth and sends its event once, even when asked again", async () => {
    const { lifecycle, tenant, events } = await setup();
    const request = { tenantId: tenant.tenantId, type: "image_to_video" as const, input: {}, metadata: {} };
    const error = { code: "invalid_request" as const, message: "the manifest is not JSON" };
    const first = await lifecycle.recordRejected(request, error, {
      requestHash: "r",
      idempotencyKey: "s3:obj",
    });
    const again = await lifecycle.recordRejected(request, error, {
      requestHash: "r",
      idempotencyKey: "s3:obj",
    });
    expect(first.job).toMatchObject({ status: "failed", error });
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(events.ids()).toEqual([`${first.job.id}:failed`]);
  });

  it("moves a submitted job to generating under PixVerse's id, once", async () => {
    const { lifecycle, read, clock, job } = await setup();
    const moved = await lifecycle.submitted(job, { pixverseId: "7001", credits: 20 });
    expect(moved).toMatchObject({
      status: "generating",
      pixverseId: "7001",
      credits: 20,
      attempts: 0,
      nextCheckAt: later(clock.now(), FAST_TIMINGS.firstPollMs),
    });
    expect(await lifecycle.submitted(job, { pixverseId: "7001" })).toBeNull();
    expect(await read()).toEqual(moved);
  });

  it("reschedules in place: waiting for capacity keeps the attempts, a retry counts one", async () => {
    const { lifecycle, job, clock } = await setup();
    const waiting = await lifecycle.waitForCapacity(job);
    expect(waiting).toMatchObject({
      status: "queued",
      attempts: 0,
      nextCheckAt: later(clock.now(), FAST_TIMINGS.capacityWaitMs),
    });
    const retried = await lifecycle.checkAgainLater(waiting!, 1_234);
    expect(retried).toMatchObject({ status: "queued", attempts: 1, nextCheckAt: later(clock.now(), 1_234) });
  });

  it("hands a finished generation to the archiver, and leaves a lost hand-out to the poller", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    expect(archiving).toMatchObject({
      status: "archiving",
      resultUrl: "https://media.pixverse.test/7001.mp4",
    });
    expect(world.archiveQueue.take()).toEqual([world.job.id]);

    // A second outcome for the same generation changes nothing and hands out nothing.
    expect(await world.lifecycle.resultReady(archiving, { url: "https://other" })).toBeNull();
    expect(world.archiveQueue.take()).toEqual([]);

    const second = await setup();
    await second.generating();
    second.archiveQueue.failNext(new Error("SQS is down"));
    const moved = await second.lifecycle.resultReady(await second.read(), { url: "https://u" });
    expect(moved).toMatchObject({
      status: "archiving",
      nextCheckAt: later(second.clock.now(), FAST_TIMINGS.archiveLeaseMs),
    });
    expect(second.archiveQueue.take()).toEqual([]);
  });

  it("leases an overdue archive to one re-drive only (optimistic lock on the version read)", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    world.archiveQueue.take();
    const [a, b] = await Promise.all([
      world.lifecycle.leaseArchive(archiving),
      world.lifecycle.leaseArchive(archiving),
    ]);
    expect([a, b].filter((leased) => leased !== null)).toHaveLength(1);
    expect((await world.read()).attempts).toBe(1);
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
  });

  it("marks an archived job succeeded and sends its event; a late failure then changes nothing", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    const succeeded = await world.lifecycle.archived(archiving, output);
    expect(succeeded).toMatchObject({ status: "succeeded", output });
    // The event went out right after the commit: nothing is owed, nothing is due.
    expect(succeeded?.eventPending).toBe(true);
    const after = await world.read();
    expect(after.eventPending).toBeUndefined();
    expect(after.nextCheckAt).toBeUndefined();
    expect(world.events.ids()).toEqual([`${world.job.id}:succeeded`]);

    expect(await world.lifecycle.fail(archiving, { code: "archive_failed", message: "late" })).toBeNull();
    expect((await world.read()).status).toBe("succeeded");
    expect(world.events.ids()).toHaveLength(1);
  });

  it("fails only from the statuses it is told, and sends the failed event", async () => {
    const world = await setup();
    const generating = await world.generating();
    const error = { code: "generation_failed" as const, message: "status 8" };
    expect(await world.lifecycle.fail(generating, error, ["archiving"])).toBeNull();
    expect(await world.lifecycle.fail(generating, error)).toMatchObject({ status: "failed", error });
    expect(world.events.ids()).toEqual([`${world.job.id}:failed`]);
  });

  it("cancels any running job and sends the cancelled event; a finished job cannot be cancelled", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    expect(await world.lifecycle.cancel(archiving)).toMatchObject({ status: "cancelled" });
    expect(await world.lifecycle.cancel(archiving)).toBeNull();
    expect(world.events.ids()).toEqual([`${world.job.id}:cancelled`]);
  });

  it("keeps an event owed while its send fails, retrying with backoff, and clears it once sent", async () => {
    const world = await setup();
    world.events.failNext(new Error("SQS throttled"));
    const cancelled = (await world.lifecycle.cancel(world.job)) as JobRecord;
    const owed = await world.read();
    expect(owed).toMatchObject({ status: "cancelled", eventPending: true, attempts: 1 });
    expect(owed.nextCheckAt! > world.clock.now().toISOString()).toBe(true);
    expect(world.events.ids()).toEqual([]);

    expect(await world.lifecycle.publishEvent(owed)).toBe(true);
    expect(world.events.ids()).toEqual([`${cancelled.id}:cancelled`]);
    expect(await world.read()).not.toHaveProperty("eventPending");
  });

  it("refreshes the result URL of an archiving job only", async () => {
    const world = await setup();
    const generating = await world.generating();
    expect(await world.lifecycle.refreshResultUrl(generating, "https://new")).toBeNull();
    const archiving = await world.lifecycle.resultReady(generating, { url: "https://old" });
    expect(await world.lifecycle.refreshResultUrl(archiving!, "https://new")).toMatchObject({
      resultUrl: "https://new",
    });
  });
});
