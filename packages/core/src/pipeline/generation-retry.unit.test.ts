import { solidPng } from "@pixpipe/simulator";
import { describe, expect, it } from "vitest";
import { toPublicJob } from "../job";
import { SLOTS_PARTITION } from "../table";
import { createInMemoryPipeline, TEXT_TO_VIDEO } from "../test-support";

/** An image_to_video job (one upload to PixVerse) that may retry `retries` failed generations. */
async function setup(retry?: { generationFailed?: number }) {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, jobDeadlineSeconds: 600 } });
  const key = `uploads/${world.tenant.tenantId}/01/cat.png`;
  world.store.put(key, solidPng(8, 8), "image/png");
  const { job } = await world.pipeline.jobService.createJob(world.tenant, {
    type: "image_to_video",
    input: { prompt: "the cat jumps", model: "v5", duration: 5, quality: "540p", image: { upload: key } },
    ...(retry ? { retry } : {}),
  });
  const read = async () => (await world.jobs.getById(job.id))!;
  const start = async () => (await world.pipeline.steps.start(await read())).result;
  const poll = async () => world.pipeline.steps.poll(await read());
  /** Submits the job and lets PixVerse end that generation with `status`. */
  const generation = async (status: 1 | 8, credits: number) => {
    expect(await start()).toBe("submitted");
    const { pixverseId } = await read();
    world.pixverse.finish(pixverseId!, status, { credits });
    return pixverseId!;
  };
  const slotsHeld = async () =>
    (await world.jobs.readItems(SLOTS_PARTITION)).filter((entry) => !entry.key.sk.startsWith("waiting#"));
  const usage = async () =>
    (await world.jobs.readItems(`USAGE#${world.tenant.tenantId}`)).find((entry) =>
      entry.key.sk.endsWith("#image_to_video"),
    )?.item;
  return { ...world, job, read, start, poll, generation, slotsHeld, usage };
}

describe("retrying a generation PixVerse failed (status 8), when the job asks", () => {
  it("starts a new generation under a new trace id, reusing the uploaded media, and succeeds on a later one", async () => {
    const world = await setup({ generationFailed: 2 });
    const first = await world.generation(8, 20);
    const firstTrace = world.job.pixverse.traceId;

    expect(await world.poll()).toBe("regenerating");
    const queued = await world.read();
    expect(queued).toMatchObject({
      status: "queued",
      stage: "queued",
      attempts: 0,
      reason: "retrying after generation_failed (generation 2 of 3)",
      earlierGenerations: [
        {
          traceId: firstTrace,
          pixverseId: first,
          credits: 20,
          error: { code: "generation_failed", message: "PixVerse reported that the generation failed" },
        },
      ],
    });
    expect(queued.traceId).not.toBe(firstTrace);
    expect(queued).not.toHaveProperty("pixverseId");
    expect(queued).not.toHaveProperty("slots");
    expect(await world.slotsHeld()).toEqual([]);
    expect(toPublicJob(queued).progress).toMatchObject({
      stage: "queued",
      reason: "retrying after generation_failed (generation 2 of 3)",
    });
    // The failed generation's credits count now; no event: the job has not ended.
    expect(await world.usage()).toEqual({ created: 1, credits: 20 });
    expect(world.events.ids()).toEqual([]);

    const second = await world.generation(8, 20);
    expect(await world.poll()).toBe("regenerating");
    expect((await world.read()).reason).toBe("retrying after generation_failed (generation 3 of 3)");
    const third = await world.generation(1, 25);
    expect(await world.poll()).toBe("archive_requested");
    expect(await world.archiveQueued()).toEqual([world.job.id]);

    const done = await world.read();
    expect(done.status).toBe("succeeded");
    const traces = world.pixverse.allGenerations().map((generation) => generation.traceId);
    expect(new Set(traces).size).toBe(3);
    expect(world.pixverse.allGenerations().map((generation) => generation.replays)).toEqual([0, 0, 0]);
    // Uploaded once; every generation names the same PixVerse image.
    expect(world.pixverse.callsOf("uploadImage")).toHaveLength(1);
    const images = world.pixverse.allGenerations().map((generation) => generation.body.img_id);
    expect(images).toEqual([images[0], images[0], images[0]]);
    expect(images[0]).toMatch(/^\d+$/);
    expect(toPublicJob(done)).toMatchObject({
      retry: { generationFailed: 2 },
      pixverse: { videoId: third, traceId: traces[2], credits: 65 },
      generations: [
        {
          traceId: traces[0],
          videoId: first,
          status: "failed",
          credits: 20,
          error: { code: "generation_failed" },
        },
        {
          traceId: traces[1],
          videoId: second,
          status: "failed",
          credits: 20,
          error: { code: "generation_failed" },
        },
        { traceId: traces[2], videoId: third, status: "succeeded", credits: 25 },
      ],
    });
    expect(await world.usage()).toEqual({ created: 1, succeeded: 1, credits: 65 });
    expect(world.events.ids()).toEqual([`${world.job.id}:succeeded`]);
    expect(await world.slotsHeld()).toEqual([]);
  });

  it("fails generation_failed once its retries are spent, every generation listed and counted", async () => {
    const world = await setup({ generationFailed: 1 });
    await world.generation(8, 20);
    expect(await world.poll()).toBe("regenerating");
    await world.generation(8, 20);
    expect(await world.poll()).toBe("failed");
    const failed = await world.read();
    expect(failed.error).toEqual({
      code: "generation_failed",
      message: "PixVerse reported that the generation failed (2 generations)",
    });
    expect(toPublicJob(failed).generations.map((generation) => generation.status)).toEqual([
      "failed",
      "failed",
    ]);
    expect(world.pixverse.allGenerations()).toHaveLength(2);
    expect(await world.usage()).toEqual({ created: 1, failed: 1, credits: 40 });
    expect(world.events.ids()).toEqual([`${world.job.id}:failed`]);
    expect(await world.slotsHeld()).toEqual([]);
  });

  it("never retries by default: one generation, failed", async () => {
    const world = await setup();
    await world.generation(8, 20);
    expect(await world.poll()).toBe("failed");
    const failed = await world.read();
    expect(failed.error?.code).toBe("generation_failed");
    expect(failed).not.toHaveProperty("retry");
    expect(toPublicJob(failed).generations).toEqual([
      {
        traceId: failed.traceId,
        videoId: failed.pixverseId,
        status: "failed",
        credits: 20,
        error: failed.error,
      },
    ]);
    expect(world.pixverse.allGenerations()).toHaveLength(1);
  });

  it("does not retry a moderation refusal (status 7), whatever the job asked", async () => {
    const world = await setup({ generationFailed: 3 });
    expect(await world.start()).toBe("submitted");
    world.pixverse.finish((await world.read()).pixverseId!, 7);
    expect(await world.poll()).toBe("failed");
    expect((await world.read()).error?.code).toBe("moderation_failed");
    expect(world.pixverse.allGenerations()).toHaveLength(1);
  });

  it("ignores a webhook of the earlier generation once the new one is under way", async () => {
    const world = await setup({ generationFailed: 1 });
    const first = await world.generation(8, 20);
    const webhook = world.signedWebhook({ id: first, status: 8 });
    expect(await world.pipeline.webhooks.receive(webhook.body, webhook.headers)).toMatchObject({
      outcome: "applied",
      step: "regenerating",
    });
    expect(await world.start()).toBe("submitted");
    // PixVerse delivers the first generation's callback again: the job's current generation goes on.
    const again = world.signedWebhook({ id: first, status: 8 });
    expect(await world.pipeline.webhooks.receive(again.body, again.headers)).toMatchObject({
      outcome: "applied",
      step: "nothing",
    });
    const job = await world.read();
    expect(job.status).toBe("generating");
    expect(job.earlierGenerations).toHaveLength(1);
  });

  it("takes a text job's retry options through the job service, with every problem at once", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
    const refused = world.pipeline.jobService.createJob(world.tenant, {
      ...TEXT_TO_VIDEO,
      input: { ...TEXT_TO_VIDEO.input, duration: 7 },
      metadata: { n: 1 },
      retry: { generationFailed: 4, onTimeout: 1 },
    });
    await expect(refused).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: "input.duration" }),
        expect.objectContaining({ path: "metadata.n" }),
        {
          path: "retry.generationFailed",
          message: "may be at most 3: each retry is a new generation PixVerse may bill",
        },
        { path: "retry.onTimeout", message: "is not a known field" },
      ]),
    });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, { ...TEXT_TO_VIDEO, retry: {} });
    expect(job.retry).toEqual({ generationFailed: 0 });
  });
});
