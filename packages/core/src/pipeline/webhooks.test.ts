import { randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { signedWebhookHeaders, signWebhook } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JobRecord } from "../job";
import { itemKeys } from "../table";
import { PipelineHarness, TEXT_TO_VIDEO, type TestWorld, waitFor } from "../test-support";

let harness: PipelineHarness;

beforeAll(async () => {
  harness = await PipelineHarness.start();
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

/** A generating job whose generation finished on the simulator, its webhook dropped: the body it would have sent. */
async function finishedWithoutWebhook(world: TestWorld): Promise<{ job: JobRecord; body: string }> {
  world.sim.control.setGenerationMs(60_000);
  world.sim.control.setFaults([{ type: "webhook-drop" }]);
  const created = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  world.sim.control.finish(created.job.pixverse.videoId!, 1);
  const dropped = world.sim.control
    .webhookDeliveries()
    .find((d) => d.videoId === created.job.pixverse.videoId);
  if (!dropped) throw new Error("the simulator recorded no dropped webhook");
  return { job: await world.record(created.job.id), body: dropped.body };
}

/** Signs a body like PixVerse, with a chosen secret, nonce and clock. */
function signed(
  world: TestWorld,
  body: string,
  options: { secret?: string; nonce?: string; nowMs?: number } = {},
): Record<string, string> {
  const timestamp = String(Math.floor((options.nowMs ?? Date.now()) / 1000));
  const nonce = options.nonce ?? randomBytes(16).toString("hex");
  return {
    "Content-Type": "application/json",
    "Webhook-Timestamp": timestamp,
    "Webhook-Nonce": nonce,
    "Webhook-Signature": signWebhook(options.secret ?? world.sim.webhookSecret, timestamp, nonce, body),
  };
}

const receive = (world: TestWorld, body: string, headers: Record<string, string>) =>
  world.pipeline.webhooks.receive(body, new Headers(headers));

describe("duplicate, late and reordered webhooks", () => {
  it("answers a replayed delivery (same nonce) 401 and changes nothing", async () => {
    const world = await harness.world();
    world.sim.control.setGenerationMs(60_000);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    world.sim.control.finish(job.pixverse.videoId!, 1);
    await world.waitForWebhookAnswers(1);
    const applied = await world.record(job.id);
    expect(applied.status).toBe("archiving");

    const [delivery] = world.sim.control.webhookDeliveries();
    const replay = await receive(world, delivery!.body, delivery!.headers);
    expect(replay).toEqual({ outcome: "refused", reason: "replayed", message: "nonce already used" });
    expect(await world.record(job.id)).toEqual(applied);
    expect(await world.takeArchiveRequests()).toEqual([job.id]);
  });

  it("lets the simulator's identical replay through only once", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "webhook-duplicate", replay: true }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    await world.waitForWebhookAnswers(2);
    expect(world.webhookAnswers).toEqual([
      { status: 200, body: "ok" },
      { status: 401, body: "nonce already used" },
    ]);
    expect(await world.takeArchiveRequests()).toEqual([job.id]);
  });

  it("applies a second, distinct delivery of the same status as nothing (no second transition, archive or event)", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "webhook-duplicate" }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    await world.waitForWebhookAnswers(2);
    expect(world.webhookAnswers).toEqual([
      { status: 200, body: "ok" },
      { status: 200, body: "ok" },
    ]);
    const deliveries = world.sim.control.webhookDeliveries();
    expect(deliveries.map((d) => d.kind)).toEqual(["delivery", "duplicate"]);
    expect(deliveries[0]!.headers["Webhook-Nonce"]).not.toBe(deliveries[1]!.headers["Webhook-Nonce"]);
    const archiving = await world.record(job.id);
    expect(archiving.status).toBe("archiving");
    // Created started (1), generating (2), archiving (3): a second application of the outcome would
    // have bumped the version again.
    expect(archiving.version).toBe(3);

    expect(await world.archiveQueued()).toEqual([job.id]);
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:succeeded`]);
  });

  it("ignores late 5 and 8 callbacks (and a repeated 1) for a succeeded job", async () => {
    const world = await harness.world();
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    await world.waitForWebhookAnswers(1);
    await world.archiveQueued();
    await world.takeEvents();
    const succeeded = await world.record(job.id);
    expect(succeeded.status).toBe("succeeded");

    const [delivery] = world.sim.control.webhookDeliveries();
    const videoId = job.pixverse.videoId!;
    for (const body of [
      `{"id":${videoId},"status":5}`,
      `{"id":"${videoId}","status":8,"url":"","size":0,"has_audio":false,"credits":0}`,
      `{"id":${videoId},"status":7}`,
      delivery!.body,
    ]) {
      expect(await receive(world, body, signed(world, body))).toMatchObject({ outcome: "applied" });
    }
    expect(await world.record(job.id)).toEqual(succeeded);
    expect(await world.takeArchiveRequests()).toEqual([]);
    expect(await world.takeEvents()).toEqual([]);
  });

  it("ignores a late 5 that arrives after the success callback while the job is archiving", async () => {
    const world = await harness.world();
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    await world.waitForWebhookAnswers(1);
    const archiving = await world.record(job.id);
    const late = `{"id":${job.pixverse.videoId},"status":5}`;
    expect(await receive(world, late, signed(world, late))).toMatchObject({ outcome: "applied" });
    expect(await world.record(job.id)).toEqual(archiving);
  });

  it("routes callbacks the simulator sends out of order to their own jobs", async () => {
    const world = await harness.world();
    world.sim.control.setGenerationMs(60_000);
    world.sim.control.setFaults([{ type: "webhook-reorder", times: 1 }]);
    const first = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    const second = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    world.sim.control.finish(first.pixverse.videoId!, 1);
    world.sim.control.finish(second.pixverse.videoId!, 8);
    const deliveries = await waitFor(
      async () => world.sim.control.webhookDeliveries(),
      (logged) => logged.length === 2,
      { what: "two logged deliveries" },
    );
    expect(deliveries.map((d) => d.videoId)).toEqual([second.pixverse.videoId, first.pixverse.videoId]);
    expect((await world.record(first.id)).status).toBe("archiving");
    expect((await world.record(second.id)).error?.code).toBe("generation_failed");
  });

  it("answers ok for a video pixpipe does not know, changing nothing", async () => {
    const world = await harness.world();
    const body = `{"id":627410861853514999,"status":1,"url":"https://example.com/x.mp4"}`;
    expect(await receive(world, body, signed(world, body))).toEqual({ outcome: "unknown_generation" });
    expect(await world.takeArchiveRequests()).toEqual([]);
  });
});

describe("a webhook whose processing fails", () => {
  it("throws (HTTP 500) and lets PixVerse's retry of the very same delivery through", async () => {
    const world = await harness.world();
    const { job, body } = await finishedWithoutWebhook(world);
    const headers = signed(world, body);
    // The job item cannot be read for now (a stand-in for DynamoDB failing mid-request).
    const { Item } = await world.clients.dynamo.send(
      new GetCommand({ TableName: world.resources.tableName, Key: itemKeys.job(job.id) }),
    );
    await world.clients.dynamo.send(
      new PutCommand({ TableName: world.resources.tableName, Item: { ...Item, status: "unreadable" } }),
    );

    await expect(receive(world, body, headers)).rejects.toThrow();

    await world.clients.dynamo.send(new PutCommand({ TableName: world.resources.tableName, Item }));
    expect(await receive(world, body, headers)).toMatchObject({ outcome: "applied" });
    expect((await world.record(job.id)).status).toBe("archiving");
    // Processed once: now it is a replay.
    expect(await receive(world, body, headers)).toMatchObject({ outcome: "refused", reason: "replayed" });
  });
});

describe("webhooks that are not PixVerse's", () => {
  it("answers a forged signature 401, changes nothing, and does not burn the nonce", async () => {
    const world = await harness.world();
    const { job, body } = await finishedWithoutWebhook(world);
    const nonce = randomBytes(16).toString("hex");

    const forged = await receive(world, body, signed(world, body, { secret: "not-the-secret", nonce }));
    expect(forged).toEqual({
      outcome: "refused",
      reason: "bad_signature",
      message: "signature does not match",
    });
    const unsigned = await receive(world, body, { "Webhook-Timestamp": "1", "Webhook-Nonce": nonce });
    expect(unsigned).toMatchObject({ outcome: "refused" });
    expect(unsigned).not.toMatchObject({ reason: "malformed" });
    expect(await world.record(job.id)).toEqual(job);

    // PixVerse's genuine delivery with that nonce still gets through.
    expect(await receive(world, body, signed(world, body, { nonce }))).toMatchObject({ outcome: "applied" });
    expect((await world.record(job.id)).status).toBe("archiving");
  });

  it("does not trust a genuine delivery outside the timestamp window: it only makes the job due for a poll", async () => {
    const world = await harness.world();
    const { job, body } = await finishedWithoutWebhook(world);
    await world.pipeline.lifecycle.checkAgainLater(job, 3_600_000);
    // Old enough that a late hint may ask for a poll (at most one per 10 s per job).
    await new Promise((resolve) => setTimeout(resolve, 10_100));
    const late = await receive(world, body, signed(world, body, { nowMs: Date.now() - 301_000 }));
    expect(late).toEqual({ outcome: "late", jobId: job.id, pollScheduled: true });
    const due = await world.record(job.id);
    expect(due.status).toBe("generating");
    expect(Date.parse(due.nextCheckAt!)).toBeLessThanOrEqual(Date.now());
    expect(await world.takeArchiveRequests()).toEqual([]);
    // The poll is the truth: PixVerse says the video is done.
    expect(await world.tick()).toMatchObject({ archive_requested: 1 });
  }, 30_000);

  it("refuses a delivery outside the window whose signature does not match, changing nothing", async () => {
    const world = await harness.world();
    const { job, body } = await finishedWithoutWebhook(world);
    const headers = signed(world, body, { secret: "not-the-secret", nowMs: Date.now() - 301_000 });
    expect(await receive(world, body, headers)).toMatchObject({
      outcome: "refused",
      reason: "bad_signature",
    });
    expect(await world.record(job.id)).toEqual(job);
  });

  it("answers a tampered body 401 and changes nothing", async () => {
    const world = await harness.world();
    const { job, body } = await finishedWithoutWebhook(world);
    const headers = signed(world, body);
    const tampered = body.replace(`"status":1`, `"status":8`);
    expect(tampered).not.toBe(body);
    expect(await receive(world, tampered, headers)).toEqual({
      outcome: "refused",
      reason: "bad_signature",
      message: "signature does not match",
    });
    // an added field breaks the signature too
    const extended = body.replace(/}$/, `,"credits_refund":1}`);
    expect(await receive(world, extended, headers)).toMatchObject({
      outcome: "refused",
      reason: "bad_signature",
    });
    expect(await world.record(job.id)).toEqual(job);
    expect(await world.takeEvents()).toEqual([]);
  });

  it("answers a malformed body 400 and changes nothing", async () => {
    const world = await harness.world();
    const { job } = await finishedWithoutWebhook(world);
    const notJson = "status=1";
    expect(
      await receive(world, notJson, signedWebhookHeaders(world.sim.webhookSecret, "{}", "t")),
    ).toMatchObject({ outcome: "refused", reason: "malformed" });
    const nested = `{"id":${job.pixverseId},"status":1,"extra":{"a":1}}`;
    expect(await receive(world, nested, signed(world, "{}"))).toMatchObject({
      outcome: "refused",
      reason: "malformed",
    });
    // Signed correctly but not a video event (no id).
    const noId = `{"status":1,"url":"https://example.com/x.mp4"}`;
    expect(await receive(world, noId, signed(world, noId))).toMatchObject({
      outcome: "refused",
      reason: "malformed",
    });
    expect(await world.record(job.id)).toEqual(job);
  });
});
