import { randomUUID } from "node:crypto";
import { CreateQueueCommand, DeleteQueueCommand } from "@aws-sdk/client-sqs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAST_TIMINGS, PipelineHarness, sha256Hex, TEXT_TO_VIDEO, type TestWorld } from "../test-support";

let harness: PipelineHarness;

beforeAll(async () => {
  harness = await PipelineHarness.start({ generationMs: 60_000, outputBytes: 200_000 });
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

/** A job whose generation finished and whose webhook moved it to archiving; its archive request taken off the queue. */
async function archivingJob(world: TestWorld) {
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  const videoId = job.pixverse.videoId!;
  world.sim.control.finish(videoId, 1);
  await world.waitForWebhookAnswers(1);
  expect(await world.takeArchiveRequests()).toEqual([job.id]);
  const record = await world.record(job.id);
  expect(record.status).toBe("archiving");
  return { job: record, videoId };
}

const outputKey = (world: TestWorld, jobId: string) => `videos/${world.tenant.tenantId}/${jobId}.mp4`;

/** The lease of an archive copy has passed for anything scheduled before now. */
const pastLease = FAST_TIMINGS.archiveLeaseMs * 2;

describe("the archiver", () => {
  it("asks PixVerse for a fresh result URL when the stored one has expired", async () => {
    const world = await harness.world();
    const { job, videoId } = await archivingJob(world);
    world.sim.control.setFaults([{ type: "url-expiry", ttlMs: 0, status: 403, times: 1 }]);
    const resultReads = world.sim.control.ledger().requests.video_result ?? 0;

    await world.pipeline.archiver.archive(job.id);

    expect(world.sim.control.faults()[0]?.hits).toBe(1);
    expect(world.sim.control.ledger().requests.video_result).toBeGreaterThan(resultReads);
    const done = await world.record(job.id);
    expect(done.status).toBe("succeeded");
    expect(done.output?.sha256).toBe(await world.sim.control.contentSha256(videoId));
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:succeeded`]);
  });

  it("retries (rather than fails) when PixVerse cannot say what the current URL is", async () => {
    const world = await harness.world();
    const { job } = await archivingJob(world);
    world.sim.control.setFaults([
      { type: "url-expiry", ttlMs: 0, status: 403, times: 1 },
      { type: "error", target: "video_result", errCode: 500069, times: 1 },
    ]);

    // Handed out again in a moment (a delayed message), not failed: a finished video is not given up.
    await world.pipeline.archiver.archive(job.id);
    expect(await world.record(job.id)).toMatchObject({ status: "archiving", attempts: 1 });
    expect(await world.waitForArchiveRequests()).toEqual([job.id]);

    await world.pipeline.archiver.archive(job.id);
    expect((await world.record(job.id)).status).toBe("succeeded");
  });

  it("fails the job archive_failed, keeping PixVerse's URL, when even PixVerse's current URL is refused", async () => {
    const world = await harness.world();
    const { job } = await archivingJob(world);
    world.sim.control.setFaults([{ type: "url-expiry", ttlMs: 0, status: 404 }]);

    await world.pipeline.archiver.archive(job.id);

    const failed = await world.record(job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error?.code).toBe("archive_failed");
    expect(failed.resultUrl).toBe(job.resultUrl);
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
  });

  it("retries a truncated download in seconds (a delayed message), leaving no object, and succeeds on the next try", async () => {
    const world = await harness.world();
    const { job, videoId } = await archivingJob(world);
    world.sim.control.setFaults([{ type: "download-truncate", afterBytes: 5_000, times: 1 }]);

    await world.pipeline.archiver.archive(job.id);
    expect(await world.record(job.id)).toMatchObject({
      status: "archiving",
      attempts: 1,
      reason: expect.stringContaining("the copy into S3 failed"),
    });
    expect(await world.waitForArchiveRequests()).toEqual([job.id]);
    await expect(world.getObject(outputKey(world, job.id))).rejects.toMatchObject({ name: "NoSuchKey" });
    expect(await world.takeEvents()).toEqual([]);

    await world.pipeline.archiver.archive(job.id);
    const done = await world.record(job.id);
    expect(done.status).toBe("succeeded");
    const stored = await world.getObject(outputKey(world, job.id));
    expect(stored.length).toBe(200_000);
    expect(sha256Hex(stored)).toBe(await world.sim.control.contentSha256(videoId));
    expect(done.output).toMatchObject({ size: 200_000, sha256: sha256Hex(stored) });
  });

  it("fails the job archive_failed after archiveMaxAttempts copies, keeping the result URL", async () => {
    const world = await harness.world();
    const { job } = await archivingJob(world);
    world.sim.control.setFaults([{ type: "download-truncate", afterBytes: 5_000 }]);

    for (let attempt = 1; attempt < FAST_TIMINGS.archiveMaxAttempts; attempt++) {
      await world.pipeline.archiver.archive(job.id);
      expect(await world.waitForArchiveRequests()).toEqual([job.id]);
      expect((await world.record(job.id)).attempts).toBe(attempt);
    }
    await world.pipeline.archiver.archive(job.id);

    const failed = await world.record(job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error?.code).toBe("archive_failed");
    expect(failed.resultUrl).toBe(job.resultUrl);
    expect(failed.eventPending).toBeUndefined();
    expect(await world.takeArchiveRequests()).toEqual([]);
    const events = await world.takeEvents();
    expect(events.map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
    expect(events[0]!.event.data.error?.code).toBe("archive_failed");
    // Nothing left to do for it.
    expect(await world.tick(pastLease * 10)).toMatchObject({ examined: 0 });
  });

  it("fails the job archive_failed when the video is larger than archiveMaxBytes", async () => {
    const world = await harness.world({ archiveMaxBytes: 100_000 });
    const { job } = await archivingJob(world);

    await world.pipeline.archiver.archive(job.id);

    const failed = await world.record(job.id);
    expect(failed.error?.code).toBe("archive_failed");
    expect(failed.resultUrl).toBe(job.resultUrl);
    await expect(world.getObject(outputKey(world, job.id))).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("copies once when the same archive request is delivered twice", async () => {
    const world = await harness.world();
    const { job } = await archivingJob(world);

    await Promise.all([world.pipeline.archiver.archive(job.id), world.pipeline.archiver.archive(job.id)]);
    await world.pipeline.archiver.archive(job.id);

    expect((await world.record(job.id)).status).toBe("succeeded");
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:succeeded`]);
  });

  it("does not archive a job cancelled while archiving", async () => {
    const world = await harness.world();
    const { job } = await archivingJob(world);
    await world.pipeline.jobService.cancelJob(world.tenant, job.id);

    await world.pipeline.archiver.archive(job.id);

    expect((await world.record(job.id)).status).toBe("cancelled");
    await expect(world.getObject(outputKey(world, job.id))).rejects.toMatchObject({ name: "NoSuchKey" });
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:cancelled`]);
  });
});

describe("job events (invariant 4)", () => {
  /** A pipeline (another process) whose JobEvents queue URL leads nowhere. */
  async function pipelineWithLostQueue(world: TestWorld) {
    const { QueueUrl } = await world.clients.sqs.send(
      new CreateQueueCommand({ QueueName: `gone-${randomUUID()}` }),
    );
    await world.clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    return world.createPipeline({ eventsQueueUrl: QueueUrl! });
  }

  it("keeps eventPending when the failed event cannot be sent; the poller sends it later with the same id", async () => {
    const world = await harness.world();
    const broken = await pipelineWithLostQueue(world);
    world.sim.control.setCredits(0);

    const { job } = await broken.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    const pending = await world.record(job.id);
    expect(pending).toMatchObject({ status: "failed", eventPending: true });
    expect(pending.nextCheckAt).toBeDefined();
    // The broken process keeps failing to send it, and keeps it pending.
    expect(await world.tick(1_000, broken)).toMatchObject({ retry_scheduled: 1 });
    expect(await world.record(job.id)).toMatchObject({ eventPending: true });
    expect(await world.takeEvents()).toEqual([]);

    expect(await world.tick(1_000)).toMatchObject({ event_sent: 1 });
    const sent = await world.record(job.id);
    expect(sent.eventPending).toBeUndefined();
    expect(sent.nextCheckAt).toBeUndefined();
    const events = await world.takeEvents();
    expect(events.map((e) => [e.event.id, e.event.type, e.attributes.tenantId])).toEqual([
      [`${job.id}:failed`, "pixpipe.job.failed", world.tenant.tenantId],
    ]);
    expect(await world.tick(3_600_000)).toMatchObject({ examined: 0 });
  });

  it("keeps eventPending when the succeeded event cannot be sent after archiving; the poller sends it", async () => {
    const world = await harness.world();
    const { job } = await archivingJob(world);
    const broken = await pipelineWithLostQueue(world);

    await broken.archiver.archive(job.id);
    expect(await world.record(job.id)).toMatchObject({ status: "succeeded", eventPending: true });

    expect(await world.tick(1_000)).toMatchObject({ event_sent: 1 });
    const events = await world.takeEvents();
    expect(events.map((e) => e.event.id)).toEqual([`${job.id}:succeeded`]);
    expect(events[0]!.event.data.output).toEqual((await world.record(job.id)).output);
  });

  it("re-sends an event whose send succeeded but was not recorded, with the same id and content", async () => {
    const world = await harness.world();
    world.sim.control.setCredits(0);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    const [first] = await world.takeEvents();
    // As if the process died between sending the event and clearing the flag.
    await world.jobs.update(job.id, { expectStatus: "failed", set: { eventPending: true } });

    expect(await world.tick(1_000)).toMatchObject({ event_sent: 1 });
    const [again] = await world.takeEvents();
    expect(again!.event.id).toBe(first!.event.id);
    // (only updatedAt differs: this test's own write stands in for the crash)
    expect({ ...again!.event.data, updatedAt: undefined }).toEqual({
      ...first!.event.data,
      updatedAt: undefined,
    });
  });
});
