import { describe, expect, it } from "vitest";
import { EventRejectedError } from "../events";
import { CompanionConflictError, type JobRecord, toPublicJob } from "../job";
import { itemKeys, SLOTS_PARTITION } from "../table";
import { createInMemoryPipeline, FAST_TIMINGS, TEXT_TO_VIDEO } from "../test-support";

const output = {
  bucket: "media-test",
  key: "videos/t/job.mp4",
  size: 10,
  contentType: "video/mp4",
  sha256: "a".repeat(64),
};

async function setup() {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, jobDeadlineSeconds: 600 } });
  const { lifecycle } = world.pipeline;
  const accept = async (
    start?: Parameters<typeof lifecycle.accept>[2],
    chooseAgain?: Parameters<typeof lifecycle.accept>[3],
  ) =>
    (
      await lifecycle.accept(
        {
          tenantId: world.tenant.tenantId,
          type: "text_to_video",
          input: { ...TEXT_TO_VIDEO.input },
          metadata: {},
        },
        { requestHash: "h" },
        start,
        chooseAgain,
      )
    ).job;
  const job = await accept();
  const read = async (id = job.id) => (await world.jobs.getById(id))!;
  const slotItems = async () =>
    (await world.jobs.readItems(SLOTS_PARTITION)).map((entry) => entry.key.sk).sort();
  const claimed = async (slots = { global: 0, tenant: 0 }) => (await lifecycle.claim(await read(), slots))!;
  const generating = async () => {
    await claimed();
    return (await lifecycle.submitted(await read(), { pixverseId: "7001", credits: 20 }))!;
  };
  const archiving = async () => {
    await generating();
    return (await lifecycle.resultReady(await read(), { url: "https://media.pixverse.test/7001.mp4" }))!;
  };
  const usage = async () =>
    (await world.jobs.readItems(`USAGE#${world.tenant.tenantId}`)).find((entry) =>
      entry.key.sk.endsWith("#text_to_video"),
    )?.item;
  return { ...world, lifecycle, job, accept, read, slotItems, claimed, generating, archiving, usage };
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();

describe("accepting and rejecting jobs", () => {
  it("accepts a queued job with its trace id fixed, counts it, and tells the scheduler its tenant waits", async () => {
    const world = await setup();
    expect(world.job).toMatchObject({
      status: "queued",
      stage: "queued",
      attempts: 0,
      version: 1,
      nextCheckAt: later(world.clock.now(), FAST_TIMINGS.waitingRecheckMs),
    });
    expect(world.job.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await world.usage()).toEqual({ created: 1 });
    expect(await world.slotItems()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect(toPublicJob(world.job).progress).toEqual({ stage: "queued", attempts: 0 });
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
    expect(first.job).not.toHaveProperty("stage");
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(events.ids()).toEqual([`${first.job.id}:failed`]);
  });
});

describe("accepting a job that may start at once", () => {
  it("given free slots, creates it started: holding them and claimed, with no waiting marker, in one write", async () => {
    const world = await setup();
    await world.lifecycle.claim(world.job, { global: 0, tenant: 0 });
    const job = await world.accept({ global: 1, tenant: 1 });
    expect(job).toMatchObject({
      status: "queued",
      version: 1,
      slots: { global: 1, tenant: 1 },
      // A text job has nothing to upload: it is submitting from the first.
      stage: "submitting",
      claimedUntil: later(world.clock.now(), FAST_TIMINGS.claimLeaseMs),
      nextCheckAt: later(world.clock.now(), FAST_TIMINGS.claimLeaseMs),
    });
    const tenant = world.tenant.tenantId;
    // The first job's accept left the marker; the started one adds only its slots.
    expect(await world.slotItems()).toEqual(
      ["global#0", "global#1", `tenant#${tenant}#0`, `tenant#${tenant}#1`, `waiting#${tenant}`].sort(),
    );
    expect(await world.usage()).toMatchObject({ created: 2 });
  });

  it("creates it waiting, holding nothing, when another job took an offered slot since the board was read", async () => {
    const world = await setup();
    await world.lifecycle.claim(world.job, { global: 0, tenant: 0 });
    const job = await world.accept({ global: 0, tenant: 5 });
    expect(job).toMatchObject({ status: "queued", stage: "queued" });
    expect(job).not.toHaveProperty("slots");
    expect(job).not.toHaveProperty("claimedUntil");
    const tenant = world.tenant.tenantId;
    expect(await world.slotItems()).toEqual(["global#0", `tenant#${tenant}#0`, `waiting#${tenant}`].sort());
    expect(await world.usage()).toMatchObject({ created: 2 });
  });

  it("chooses once more when an offered slot is held, and waits for what the second choice lacks", async () => {
    const world = await setup();
    await world.lifecycle.claim(world.job, { global: 0, tenant: 0 });
    expect(
      await world.accept({ global: 0, tenant: 1 }, async () => ({ global: 2, tenant: 1 })),
    ).toMatchObject({
      slots: { global: 2, tenant: 1 },
      stage: "submitting",
    });
    expect(await world.accept({ global: 0, tenant: 3 }, async () => "capacity")).toMatchObject({
      stage: "waiting_for_capacity",
    });
    // A second choice that meets a held slot too: the job waits for the scheduler.
    const waiting = await world.accept({ global: 0, tenant: 4 }, async () => ({ global: 2, tenant: 5 }));
    expect(waiting).toMatchObject({ stage: "queued" });
    expect(waiting).not.toHaveProperty("slots");
  });

  it("creates it waiting for what it lacks when no slot is free", async () => {
    const world = await setup();
    expect(await world.accept("capacity")).toMatchObject({ stage: "waiting_for_capacity" });
    expect(await world.accept("tenant_limit")).toMatchObject({ stage: "waiting_for_tenant_limit" });
  });
});

describe("starting a job", () => {
  it("claims it with its generation slots (pixpipe's and its tenant's) in one write", async () => {
    const world = await setup();
    const claimed = await world.claimed({ global: 3, tenant: 1 });
    expect(claimed).toMatchObject({
      slots: { global: 3, tenant: 1 },
      // A text job has nothing to upload: its start is the submit.
      stage: "submitting",
      claimedUntil: later(world.clock.now(), FAST_TIMINGS.claimLeaseMs),
      nextCheckAt: later(world.clock.now(), FAST_TIMINGS.claimLeaseMs),
    });
    expect(await world.slotItems()).toEqual([
      "global#3",
      `tenant#${world.tenant.tenantId}#1`,
      `waiting#${world.tenant.tenantId}`,
    ]);
  });

  it("lets one of two processes claim a job it both read; the other changes nothing", async () => {
    const world = await setup();
    const read = await world.read();
    expect(await world.lifecycle.claim(read, { global: 0, tenant: 0 })).not.toBeNull();
    expect(await world.lifecycle.claim(read, { global: 1, tenant: 1 })).toBeNull();
    expect(await world.slotItems()).toEqual([
      "global#0",
      `tenant#${world.tenant.tenantId}#0`,
      `waiting#${world.tenant.tenantId}`,
    ]);
  });

  it("refuses a slot another job holds, writing nothing", async () => {
    const world = await setup();
    await world.claimed({ global: 0, tenant: 0 });
    const other = await world.accept();
    const taking = world.lifecycle.claim(other, { global: 0, tenant: 1 });
    await expect(taking).rejects.toBeInstanceOf(CompanionConflictError);
    expect(await world.read(other.id)).toEqual(other);
  });

  it("records each uploaded medium, extending the claim, then moves to submitting", async () => {
    const world = await setup();
    const claimed = await world.claimed();
    await world.clock.advance(1_000);
    const recorded = await world.lifecycle.recordMedia(claimed, "image", { imgId: "42" });
    expect(recorded).toMatchObject({
      media: { image: { imgId: "42" } },
      claimedUntil: later(world.clock.now(), FAST_TIMINGS.claimLeaseMs),
    });
    expect(await world.lifecycle.recordMedia(claimed, "image", { imgId: "43" })).toBeNull(); // stale version
    expect(await world.lifecycle.submitting(recorded!)).toMatchObject({ stage: "submitting" });
  });

  it("moves a submitted job to generating, keeping its slots and dropping the claim", async () => {
    const world = await setup();
    const generating = await world.generating();
    expect(generating).toMatchObject({
      status: "generating",
      stage: "generating",
      pixverseId: "7001",
      credits: 20,
      slots: { global: 0, tenant: 0 },
      nextCheckAt: later(world.clock.now(), FAST_TIMINGS.firstPollMs),
    });
    expect(generating).not.toHaveProperty("claimedUntil");
    expect(await world.lifecycle.submitted(generating, { pixverseId: "7001" })).toBeNull();
  });

  it("lets a job wait for a slot holding none, looked at again only at its deadline, without rewriting it", async () => {
    const world = await setup();
    const claimed = await world.claimed();
    const waiting = await world.lifecycle.waitForSlot(claimed, "capacity");
    expect(waiting).toMatchObject({ stage: "waiting_for_capacity", nextCheckAt: "2026-12-01T12:10:00.000Z" });
    expect(waiting).not.toHaveProperty("slots");
    expect(await world.slotItems()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect(await world.lifecycle.waitForSlot(waiting!, "capacity")).toBe(waiting);
    expect((await world.read()).version).toBe(waiting!.version);
    expect((await world.lifecycle.waitForSlot(waiting!, "tenant_limit"))?.stage).toBe(
      "waiting_for_tenant_limit",
    );
  });

  it("gives the slots back when a start must be retried, saying why and when in the job's progress", async () => {
    const world = await setup();
    const claimed = await world.claimed();
    const retrying = await world.lifecycle.retryStart(claimed, {
      after: 5_000,
      reason: "cannot fetch example.com: the host does not resolve; retry 2 of 4 at 12:00:05Z",
    });
    expect(retrying).toMatchObject({ attempts: 1, notBefore: later(world.clock.now(), 5_000) });
    expect(retrying).not.toHaveProperty("slots");
    expect(await world.slotItems()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect(toPublicJob(retrying!).progress).toEqual({
      stage: "submitting",
      reason: "cannot fetch example.com: the host does not resolve; retry 2 of 4 at 12:00:05Z",
      attempts: 1,
      nextAttemptAt: later(world.clock.now(), 5_000),
    });
  });

  it("gives the claim up at the caller's budget, keeping the slots, due at once for the poller", async () => {
    const world = await setup();
    const yielded = await world.lifecycle.yieldClaim(await world.claimed());
    expect(yielded).toMatchObject({
      slots: { global: 0, tenant: 0 },
      nextCheckAt: world.clock.now().toISOString(),
    });
    expect(yielded).not.toHaveProperty("claimedUntil");
  });
});

describe("following and archiving a generation", () => {
  it("gives the slots back when the generation is done, and hands the copy to the archiver", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    expect(archiving).toMatchObject({
      status: "archiving",
      stage: "archiving",
      resultUrl: expect.any(String),
    });
    expect(archiving).not.toHaveProperty("slots");
    expect(await world.slotItems()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
    expect(await world.lifecycle.resultReady(archiving, { url: "https://other" })).toBeNull();
    expect(world.archiveQueue.take()).toEqual([]);
  });

  it("leaves a lost archive hand-out to the poller (the job stays due at its lease)", async () => {
    const world = await setup();
    await world.generating();
    world.archiveQueue.failNext(new Error("SQS is down"));
    const moved = await world.lifecycle.resultReady(await world.read(), { url: "https://u" });
    expect(moved?.nextCheckAt).toBe(later(world.clock.now(), FAST_TIMINGS.archiveLeaseMs));
    expect(world.archiveQueue.take()).toEqual([]);
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
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
  });

  it("hands a failed copy out again after a short backoff, saying why", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    world.archiveQueue.take();
    const retrying = await world.lifecycle.retryArchive(
      archiving,
      "the copy into S3 failed: the body ended early",
    );
    expect(retrying).toMatchObject({ attempts: 1, reason: "the copy into S3 failed: the body ended early" });
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
    expect(world.archiveQueue.delays.get(world.job.id)).toBeGreaterThan(0);
    expect(world.archiveQueue.delays.get(world.job.id)).toBeLessThanOrEqual(FAST_TIMINGS.archiveRetry.maxMs);
  });

  it("marks an archived job succeeded, counts its credits, sends its event; a late failure changes nothing", async () => {
    const world = await setup();
    const archiving = await world.archiving();
    const succeeded = await world.lifecycle.archived(archiving, output);
    expect(succeeded).toMatchObject({ status: "succeeded", output });
    expect(succeeded).not.toHaveProperty("stage");
    expect(toPublicJob(succeeded!)).not.toHaveProperty("progress");
    const after = await world.read();
    expect(after.eventPending).toBeUndefined();
    expect(after.nextCheckAt).toBeUndefined();
    expect(world.events.ids()).toEqual([`${world.job.id}:succeeded`]);
    expect(await world.usage()).toEqual({ created: 1, succeeded: 1, credits: 20 });

    expect(await world.lifecycle.fail(archiving, { code: "archive_failed", message: "late" })).toBeNull();
    expect(world.events.ids()).toHaveLength(1);
  });

  it("asks for a poll at once when a late webhook hints, at most once per gap", async () => {
    const world = await setup();
    await world.generating();
    const polledLater = (await world.lifecycle.checkAgainLater(await world.read(), 120_000))!;
    expect(await world.lifecycle.pollSoon(polledLater, 10_000)).toBeNull(); // written just now
    await world.clock.advance(11_000);
    expect((await world.lifecycle.pollSoon(await world.read(), 10_000))?.nextCheckAt).toBe(
      world.clock.now().toISOString(),
    );
  });
});

describe("ending a job", () => {
  it("fails only from the statuses it is told, giving back the slots and counting the failure", async () => {
    const world = await setup();
    const generating = await world.generating();
    const error = { code: "generation_failed" as const, message: "status 8" };
    expect(await world.lifecycle.fail(generating, error, ["archiving"])).toBeNull();
    const failed = await world.lifecycle.fail(generating, error);
    expect(failed).toMatchObject({ status: "failed", error });
    expect(failed).not.toHaveProperty("slots");
    expect(await world.slotItems()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect(world.events.ids()).toEqual([`${world.job.id}:failed`]);
    expect(await world.usage()).toEqual({ created: 1, failed: 1 });
  });

  it("cancels any running job, giving back its slots; a finished job cannot be cancelled", async () => {
    const world = await setup();
    const claimed = await world.claimed();
    expect(await world.lifecycle.cancel(claimed)).toMatchObject({ status: "cancelled" });
    expect(await world.lifecycle.cancel(claimed)).toBeNull();
    expect(await world.slotItems()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect(world.events.ids()).toEqual([`${world.job.id}:cancelled`]);
  });

  it("keeps an event owed while its send fails, retrying with backoff, and clears it once sent", async () => {
    const world = await setup();
    world.events.failNext(new Error("SQS throttled"));
    const cancelled = (await world.lifecycle.cancel(world.job)) as JobRecord;
    const owed = await world.read();
    expect(owed).toMatchObject({ status: "cancelled", eventPending: true, attempts: 1 });
    expect(owed.nextCheckAt! > world.clock.now().toISOString()).toBe(true);

    expect(await world.lifecycle.publishEvent(owed)).toBe(true);
    expect(world.events.ids()).toEqual([`${cancelled.id}:cancelled`]);
    expect(await world.read()).not.toHaveProperty("eventPending");
  });

  it("records an event the queue refuses for good on the job, and stops retrying it", async () => {
    const world = await setup();
    world.events.failNext(new EventRejectedError("SQS refused the message: InvalidMessageContents"));
    await world.lifecycle.cancel(world.job);
    const refused = await world.read();
    expect(refused).toMatchObject({ eventError: "SQS refused the message: InvalidMessageContents" });
    expect(refused).not.toHaveProperty("eventPending");
    expect(refused).not.toHaveProperty("nextCheckAt");
    expect(toPublicJob(refused).eventError).toBe("SQS refused the message: InvalidMessageContents");
  });
});

describe("keys", () => {
  it("are the table's", () => {
    expect(itemKeys.waitingMarker("t")).toEqual({ pk: SLOTS_PARTITION, sk: "waiting#t" });
  });
});
