import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { solidPng } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PipelineHarness, sha256Hex, TEXT_TO_VIDEO, type TestWorld, waitFor } from "../test-support";

let harness: PipelineHarness;

beforeAll(async () => {
  // Generations end when a test finishes them (control.finish), never behind its back.
  harness = await PipelineHarness.start({ generationMs: 60_000 });
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

describe("a text_to_video job end to end", () => {
  it("goes queued -> generating -> archiving -> succeeded with the simulator's bytes in S3 and one succeeded event", async () => {
    const world = await harness.world();
    world.sim.control.setOutputBytes(300_000);
    const { job, created } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    expect(created).toBe(true);
    // The inline head start submitted it: PixVerse's id is a string beyond 2^53.
    expect(job.status).toBe("generating");
    const videoId = job.pixverse.videoId!;
    expect(videoId).toMatch(/^\d+$/);
    expect(BigInt(videoId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(world.generationsOf(job.pixverse)).toHaveLength(1);

    // The simulator finishes and calls the webhook, which only records and enqueues.
    world.sim.control.finish(videoId, 1);
    await world.waitForWebhookAnswers(1);
    const archiving = await world.record(job.id);
    expect(archiving.status).toBe("archiving");
    expect(archiving.resultUrl).toContain(`/media/${videoId}.mp4`);
    expect(world.webhookAnswers).toEqual([{ status: 200, body: "ok" }]);
    expect(await world.takeArchiveRequests()).toEqual([job.id]);

    await world.pipeline.archiver.archive(job.id);

    const done = await world.record(job.id);
    expect(done.status).toBe("succeeded");
    const key = `videos/${world.tenant.tenantId}/${job.id}.mp4`;
    const stored = await world.getObject(key);
    expect(done.output).toMatchObject({
      bucket: world.resources.mediaBucket,
      key,
      size: 300_000,
      contentType: "video/mp4",
      sha256: sha256Hex(stored),
    });
    expect(stored.length).toBe(300_000);
    expect(done.output?.sha256).toBe(await world.sim.control.contentSha256(videoId));
    expect(done.eventPending).toBeUndefined();
    expect(done.nextCheckAt).toBeUndefined();

    const events = await world.takeEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.event).toMatchObject({
      specversion: "1.0",
      id: `${job.id}:succeeded`,
      type: "pixpipe.job.succeeded",
      source: "urn:pixpipe:test",
      subject: job.id,
      data: { id: job.id, status: "succeeded", output: done.output, pixverse: { videoId } },
    });
    expect(events[0]!.attributes).toEqual({
      type: "pixpipe.job.succeeded",
      tenantId: world.tenant.tenantId,
    });
  });
});

describe("the poller alone", () => {
  it("completes a job when every webhook is dropped, and re-drives an archive whose queue message was lost", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "webhook-drop" }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    const videoId = job.pixverse.videoId!;
    world.sim.control.finish(videoId, 1);

    const report = await world.tick(1_000);
    expect(report).toMatchObject({ examined: 1, archive_requested: 1, errors: 0 });
    expect((await world.record(job.id)).status).toBe("archiving");
    // The archive request is lost (e.g. the archiver died with it).
    expect(await world.takeArchiveRequests()).toEqual([job.id]);

    // Before the lease passes the poller leaves the copy alone...
    expect(await world.tick(1_000)).toMatchObject({ examined: 0 });
    // ...after it, the job is handed out again.
    const redriven = await world.tick(world.pipeline.config.jobDeadlineSeconds * 1000);
    expect(redriven).toMatchObject({ examined: 1, archive_requested: 1 });
    expect((await world.record(job.id)).attempts).toBe(1);
    expect(await world.archiveQueued()).toEqual([job.id]);

    const done = await world.record(job.id);
    expect(done.status).toBe("succeeded");
    expect(done.output?.sha256).toBe(await world.sim.control.contentSha256(videoId));
    expect(world.sim.control.webhookDeliveries().every((d) => d.kind === "dropped")).toBe(true);
    expect(world.webhookAnswers).toEqual([]);
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:succeeded`]);
  });

  it("submits jobs the API only stored (no inline head start)", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    expect(job.status).toBe("queued");
    expect(world.sim.control.ledger().generations).toHaveLength(0);

    expect(await world.tick()).toMatchObject({ started: 1, submitted: 1 });
    const submitted = await world.record(job.id);
    expect(submitted.status).toBe("generating");
    expect(world.generationsOf(submitted).map((g) => g.id)).toEqual([submitted.pixverseId]);
  });
});

describe("an image_template job", () => {
  it("is followed by polling (PixVerse sends no image webhooks) and archived as a PNG", async () => {
    const world = await harness.world();
    const key = `uploads/${world.tenant.tenantId}/01TEST/me.png`;
    await world.putObject(key, solidPng(64, 64), "image/png");
    const { job } = await world.pipeline.jobService.createJob(world.tenant, {
      type: "image_template",
      input: { template_id: "340914720654592", images: [{ upload: key }] },
    });
    expect(job.status).toBe("generating");
    const imageId = job.pixverse.videoId!;
    expect(world.sim.control.ledger().generations).toMatchObject([{ id: imageId, kind: "image" }]);

    expect(await world.tick(1_000)).toMatchObject({ polled: 1 });
    world.sim.control.finish(imageId, 1);
    expect(await world.tick(1_000)).toMatchObject({ archive_requested: 1 });
    expect(await world.archiveQueued()).toEqual([job.id]);

    const done = await world.record(job.id);
    expect(done.status).toBe("succeeded");
    const pngKey = `videos/${world.tenant.tenantId}/${job.id}.png`;
    expect(done.output).toMatchObject({ key: pngKey, contentType: "image/png" });
    expect(done.output?.sha256).toBe(sha256Hex(await world.getObject(pngKey)));
    expect(done.output?.sha256).toBe(await world.sim.control.contentSha256(imageId));
  });
});

async function finishWithOutcome(world: TestWorld, status: 7 | 8) {
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  world.sim.control.finish(job.pixverse.videoId!, status);
  await world.waitForWebhookAnswers(1);
  const failed = await world.record(job.id);
  expect(failed.status).toBe("failed");
  return { job, failed };
}

describe("PixVerse outcomes", () => {
  it("ends a job refused by moderation (status 7) as failed moderation_failed with a failed event", async () => {
    const world = await harness.world();
    const { job, failed } = await finishWithOutcome(world, 7);
    expect(failed.error).toMatchObject({ code: "moderation_failed" });
    expect(await world.takeArchiveRequests()).toEqual([]);
    const events = await world.takeEvents();
    expect(events.map((e) => [e.event.id, e.event.type, e.attributes.type])).toEqual([
      [`${job.id}:failed`, "pixpipe.job.failed", "pixpipe.job.failed"],
    ]);
    expect(events[0]!.event.data.error?.code).toBe("moderation_failed");
  });

  it("ends a failed generation (status 8) as failed generation_failed with a failed event", async () => {
    const world = await harness.world();
    const { job, failed } = await finishWithOutcome(world, 8);
    expect(failed.error).toMatchObject({ code: "generation_failed" });
    expect(failed.eventPending).toBeUndefined();
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
  });

  it("fails a job PixVerse refuses as a bad request (4000xx) with invalid_request and the provider code", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "error", target: "text_to_video", errCode: 400017 }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "invalid_request", providerCode: 400017 });
    expect(world.sim.control.ledger().generations).toHaveLength(0);
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
  });

  it("fails a job the account cannot pay for (500090) with insufficient_credits", async () => {
    const world = await harness.world();
    world.sim.control.setCredits(0);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "insufficient_credits", providerCode: 500090 });
    const events = await world.takeEvents();
    expect(events.map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
    expect(events[0]!.event.data.error?.code).toBe("insufficient_credits");
  });
  it("keeps polling through PixVerse errors, and fails a job PixVerse no longer knows as generation_failed", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "error", target: "video_result", errCode: 500069, times: 1 }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    expect(await world.tick(1_000)).toMatchObject({ retry_scheduled: 1 });
    expect(await world.record(job.id)).toMatchObject({ status: "generating", attempts: 1 });
    expect(await world.tick(1_000)).toMatchObject({ polled: 1 });

    world.sim.control.setFaults([{ type: "error", target: "video_result", errCode: 500008 }]);
    expect(await world.tick(1_000)).toMatchObject({ failed: 1 });
    expect((await world.record(job.id)).error).toMatchObject({
      code: "generation_failed",
      providerCode: 500008,
    });
  });
});

describe("invalid input", () => {
  it("throws JobValidationError listing every problem and stores and sends nothing", async () => {
    const world = await harness.world();
    const error = await world.pipeline.jobService
      .createJob(world.tenant, {
        type: "text_to_video",
        input: { model: "v5", duration: 7, quality: "4000p", aspect_ratio: "16:9" },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "JobValidationError" });
    const paths = (error as { issues: { path: string }[] }).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["input.prompt", "input.quality"]));
    expect(paths.length).toBeGreaterThanOrEqual(3);

    const unknownType = await world.pipeline.jobService
      .createJob(world.tenant, { type: "text_to_song", input: {} })
      .catch((e: unknown) => e);
    expect(unknownType).toMatchObject({ name: "JobValidationError", issues: [{ path: "type" }] });

    const listed = await world.pipeline.jobService.listJobs(world.tenant, { limit: 10 });
    expect(listed.jobs).toEqual([]);
    const { Items } = await world.clients.dynamo.send(
      new ScanCommand({ TableName: world.resources.tableName }),
    );
    expect(Items).toEqual([]);
    const ledger = world.sim.control.ledger();
    expect(ledger.generations).toEqual([]);
    expect(ledger.requests.text_to_video ?? 0).toBe(0);
  });
});

describe("the concurrency limit", () => {
  it("defers a second job while PIXVERSE_MAX_CONCURRENCY generations run; both succeed once capacity frees", async () => {
    const world = await harness.world({ pixverse: { maxConcurrency: 1 } });
    const first = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    const second = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;

    expect(first.status).toBe("generating");
    expect(second).toMatchObject({
      status: "queued",
      progress: { stage: "waiting_for_capacity", attempts: 0 },
    });
    expect(world.sim.control.ledger().generations).toHaveLength(1);
    // Still full: the poller's scheduler starts nothing and asks PixVerse nothing. Its one look at the
    // waiting job (to make sure the scheduler knows of it) leaves it alone until its deadline.
    expect(await world.tick(1_000)).toMatchObject({ started: 0 });
    const waitingVersion = (await world.record(second.id)).version;
    expect(await world.tick(1_000)).toMatchObject({ started: 0 });
    expect(world.sim.control.ledger().requests.text_to_video).toBe(1);
    expect((await world.record(second.id)).version).toBe(waitingVersion);

    world.sim.control.finish(first.pixverse.videoId!, 1);
    await world.waitForStatus(first.id, "archiving");
    await world.tick(1_000);
    const submitted = await world.record(second.id);
    expect(submitted.status).toBe("generating");
    world.sim.control.finish(submitted.pixverseId!, 1);
    await world.waitForStatus(second.id, "archiving");
    expect((await world.archiveQueued()).sort()).toEqual([first.id, second.id].sort());
    expect((await world.record(first.id)).status).toBe("succeeded");
    expect((await world.record(second.id)).status).toBe("succeeded");
  });

  it("keeps a job PixVerse refuses for concurrency (500044) queued with attempts+1, then submits it", async () => {
    const world = await harness.world();
    world.sim.control.setConcurrencyLimit(1);
    const first = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    const second = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;

    // PixVerse has fewer slots than pixpipe's: the job waits for one, without a backoff of its own.
    expect(second).toMatchObject({ status: "queued", progress: { stage: "waiting_for_capacity" } });
    const refused = await world.record(second.id);
    expect(refused.error).toBeUndefined();
    expect(refused.slots).toBeUndefined();

    world.sim.control.finish(first.pixverse.videoId!, 1);
    await world.waitForStatus(first.id, "archiving");
    expect(await world.tick(1_000)).toMatchObject({ submitted: 1 });
    const submitted = await world.record(second.id);
    expect(submitted).toMatchObject({ status: "generating", attempts: 0 });
    // The refused submit did not consume the trace id: the retry generated.
    expect(world.generationsOf(submitted)).toHaveLength(1);
    world.sim.control.finish(submitted.pixverseId!, 1);
    await world.waitForStatus(second.id, "archiving");
    // Archive until both are copied: on a busy machine a copy may fail once and come back delayed.
    const statuses = await waitFor(
      async () => {
        await world.archiveQueued();
        return [(await world.record(first.id)).status, (await world.record(second.id)).status];
      },
      (both) => both.every((status) => status === "succeeded"),
      { timeoutMs: 30_000, intervalMs: 250, what: "both jobs archived" },
    );
    expect(statuses).toEqual(["succeeded", "succeeded"]);
  });
});

describe("the job deadline", () => {
  it("fails a job that is still generating after jobDeadlineSeconds with timeout and its event", async () => {
    const world = await harness.world({ jobDeadlineSeconds: 2 });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    expect(job.status).toBe("generating");

    // Polls before the deadline keep it generating.
    expect(await world.tick(1_000)).toMatchObject({ polled: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_100 - (Date.now() - Date.parse(job.createdAt))));
    expect(await world.tick(1_000)).toMatchObject({ failed: 1 });
    const failed = await world.record(job.id);
    expect(failed.error).toMatchObject({ code: "timeout" });
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
  });
  it("times out a job never submitted, and a job whose last poll fails, once past the deadline", async () => {
    const world = await harness.world({ jobDeadlineSeconds: 1, pixverse: { maxConcurrency: 1 } });
    world.sim.control.setFaults([{ type: "error", target: "video_result", errCode: 500069 }]);
    const generating = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    const queued = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    expect([generating.status, queued.status]).toEqual(["generating", "queued"]);

    // Past both deadlines: on a busy machine the second job may be created well after the first.
    await new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() - Date.parse(queued.createdAt))));
    expect(await world.tick(1_000)).toMatchObject({ failed: 2 });
    expect((await world.record(generating.id)).error?.code).toBe("timeout");
    expect((await world.record(queued.id)).error?.code).toBe("timeout");
    expect(world.sim.control.ledger().generations).toHaveLength(1);
  });

  it("archives rather than times out a job whose video finished unnoticed before the deadline passed", async () => {
    const world = await harness.world({ jobDeadlineSeconds: 1 });
    world.sim.control.setFaults([{ type: "webhook-drop" }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    world.sim.control.finish(job.pixverse.videoId!, 1);

    await new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() - Date.parse(job.createdAt))));
    expect(await world.tick(1_000)).toMatchObject({ archive_requested: 1 });
    expect(await world.archiveQueued()).toEqual([job.id]);
    expect((await world.record(job.id)).status).toBe("succeeded");
  });
});

describe("cancel", () => {
  it("cancels a generating job with an event; its later result is neither applied nor archived", async () => {
    const world = await harness.world();
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    const cancelled = await world.pipeline.jobService.cancelJob(world.tenant, job.id);
    expect(cancelled?.status).toBe("cancelled");
    expect((await world.takeEvents()).map((e) => [e.event.id, e.event.type])).toEqual([
      [`${job.id}:cancelled`, "pixpipe.job.cancelled"],
    ]);

    const before = await world.record(job.id);
    world.sim.control.finish(job.pixverse.videoId!, 1);
    await world.waitForWebhookAnswers(1);
    expect(world.webhookAnswers).toEqual([{ status: 200, body: "ok" }]);
    expect(await world.tick(3_600_000)).toMatchObject({ examined: 0 });
    const after = await world.record(job.id);
    expect(after.status).toBe("cancelled");
    expect(after.version).toBe(before.version);
    expect(await world.takeArchiveRequests()).toEqual([]);
    expect(await world.takeEvents()).toEqual([]);

    await expect(world.pipeline.jobService.cancelJob(world.tenant, job.id)).rejects.toMatchObject({
      name: "JobNotCancellableError",
      status: "cancelled",
    });
  });

  it("refuses to cancel a succeeded job", async () => {
    const world = await harness.world();
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    world.sim.control.finish(job.pixverse.videoId!, 1);
    await world.waitForWebhookAnswers(1);
    await world.archiveQueued();
    await expect(world.pipeline.jobService.cancelJob(world.tenant, job.id)).rejects.toMatchObject({
      name: "JobNotCancellableError",
      status: "succeeded",
    });
    expect((await world.record(job.id)).status).toBe("succeeded");
  });
});
