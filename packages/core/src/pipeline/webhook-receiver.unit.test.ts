import { describe, expect, it } from "vitest";
import { createInMemoryPipeline, TEXT_TO_VIDEO } from "../test-support";

async function generatingJob() {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  await world.pipeline.steps.start((await world.jobs.getById(job.id))!);
  const pixverseId = (await world.jobs.getById(job.id))!.pixverseId!;
  const receive = ({ body, headers }: { body: string; headers: Record<string, string> }) =>
    world.pipeline.webhooks.receive(body, new Headers(headers));
  return { ...world, job, pixverseId, receive };
}

describe("the webhook receiver", () => {
  it("applies a verified callback to its job and says what it did", async () => {
    const world = await generatingJob();
    const outcome = await world.receive(
      world.signedWebhook({ id: world.pixverseId, status: 1, url: "https://x/v.mp4" }),
    );
    expect(outcome).toEqual({ outcome: "applied", jobId: world.job.id, step: "archive_requested" });
    expect(world.archiveQueue.take()).toEqual([world.job.id]);
  });

  it("refuses a replay of the same delivery, and a forged one, changing nothing", async () => {
    const world = await generatingJob();
    const delivery = world.signedWebhook({ id: world.pixverseId, status: 7 });
    await world.receive(delivery);
    expect(await world.receive(delivery)).toMatchObject({ outcome: "refused", reason: "replayed" });
    const forged = world.signedWebhook({ id: world.pixverseId, status: 1, url: "https://x/v.mp4" });
    forged.headers["webhook-signature"] = "AAAA";
    expect(await world.receive(forged)).toMatchObject({ outcome: "refused", reason: "bad_signature" });
    expect((await world.jobs.getById(world.job.id))?.status).toBe("failed");
  });

  it("does not trust a delivery signed outside the ±300 s window: it only makes the job due for a poll", async () => {
    const world = await generatingJob();
    await world.pipeline.lifecycle.checkAgainLater((await world.jobs.getById(world.job.id))!, 3_600_000);
    const late = world.signedWebhook({ id: world.pixverseId, status: 1, url: "https://x/v.mp4" });
    await world.clock.advance(301_000);
    expect(await world.receive(late)).toEqual({ outcome: "late", jobId: world.job.id, pollScheduled: true });
    const job = (await world.jobs.getById(world.job.id))!;
    expect(job).toMatchObject({ status: "generating", nextCheckAt: world.clock.now().toISOString() });
    expect(world.archiveQueue.take()).toEqual([]);
    // A replay of the same old delivery changes nothing more.
    expect(await world.receive(late)).toMatchObject({ outcome: "late" });
    expect((await world.jobs.getById(world.job.id))?.version).toBe(job.version);
  });

  it("answers a verified callback for a generation pixpipe has not linked without touching any job", async () => {
    const world = await generatingJob();
    expect(await world.receive(world.signedWebhook({ id: "12345", status: 1 }))).toEqual({
      outcome: "unknown_generation",
    });
  });

  it("releases the nonce when recording fails, so PixVerse's retry of that delivery gets through", async () => {
    const world = await generatingJob();
    const delivery = world.signedWebhook({ id: world.pixverseId, status: 8 });
    const findByPixverseId = world.jobs.findByPixverseId.bind(world.jobs);
    world.jobs.findByPixverseId = async () => {
      throw new Error("DynamoDB throttled");
    };
    await expect(world.receive(delivery)).rejects.toThrow("DynamoDB throttled");
    world.jobs.findByPixverseId = findByPixverseId;
    expect(await world.receive(delivery)).toMatchObject({ outcome: "applied", step: "failed" });
  });
});
