import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { toPixverseRequest } from "../job/input";
import { PixverseClient } from "../pixverse";
import { PipelineHarness, TEXT_TO_VIDEO, waitFor } from "../test-support";

let harness: PipelineHarness;

beforeAll(async () => {
  harness = await PipelineHarness.start({ generationMs: 60_000 });
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

describe("one job, one PixVerse generation (invariant 1)", () => {
  it("an inline submit that outlives its budget and the poller's retry of it make one generation", async () => {
    const world = await harness.world({ inlineSubmitMs: 100 });
    world.sim.control.setFaults([{ type: "latency", target: "text_to_video", ms: 800, times: 1 }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    // The answer went out before PixVerse answered; the submit is still in flight.
    expect(job.status).toBe("queued");

    // The poller retries the same submit while the first one is still on its way.
    expect(await world.tick()).toMatchObject({ submitted: 1 });
    const generating = await world.record(job.id);
    expect(generating.status).toBe("generating");

    // The slow first submit lands after the retry: PixVerse answers it from the trace id.
    const [generation] = await waitFor(
      async () => world.generationsOf(job.pixverse),
      (generations) => generations[0]?.replays === 1,
      { what: "the delayed submit to be answered as a replay" },
    );
    expect(world.generationsOf(job.pixverse)).toHaveLength(1);
    expect(world.sim.control.ledger().generations).toHaveLength(1);
    expect(world.sim.control.ledger().requests.text_to_video).toBe(2);
    expect(generation!.id).toBe(generating.pixverseId);
    const after = await world.record(job.id);
    expect(after.pixverseId).toBe(generating.pixverseId);
    expect(after.version).toBe(generating.version);
  });

  it("a submit whose answer was lost (the process died before recording it) is recorded from the retry", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    const record = await world.record(job.id);
    // The first process sent the submit with the job's trace id and died before writing the videoId.
    const client = new PixverseClient({ baseUrl: world.sim.url, apiKey: world.sim.apiKey });
    const request = toPixverseRequest(record.type, record.input, {});
    if (request.capability === "image_template") throw new Error("expected a video request");
    const lost = await client
      .generate(request.capability, request.body, { traceId: record.traceId })
      .finally(() => client.close());

    expect(await world.tick()).toMatchObject({ submitted: 1 });
    const generating = await world.record(job.id);
    expect(generating).toMatchObject({ status: "generating", pixverseId: lost.videoId });
    expect(world.generationsOf(record)).toMatchObject([{ id: lost.videoId, replays: 1 }]);

    world.sim.control.finish(lost.videoId, 1);
    await world.waitForWebhookAnswers(1);
    expect(await world.archiveQueued()).toEqual([job.id]);
    expect((await world.record(job.id)).status).toBe("succeeded");
    expect(world.sim.control.ledger().generations).toHaveLength(1);
  });

  it("a job whose webhook came while its submit was unrecorded is completed by the poller", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    const record = await world.record(job.id);
    const client = new PixverseClient({ baseUrl: world.sim.url, apiKey: world.sim.apiKey });
    const request = toPixverseRequest(record.type, record.input, {});
    if (request.capability === "image_template") throw new Error("expected a video request");
    const lost = await client
      .generate(request.capability, request.body, { traceId: record.traceId })
      .finally(() => client.close());
    // The dying process had linked the videoId to the job but not recorded it on the job.
    expect(
      await world.jobs.transition(job.id, {
        from: ["generating"],
        to: "archiving",
        set: { pixverseId: lost.videoId },
      }),
    ).toBeNull();

    world.sim.control.finish(lost.videoId, 1);
    await world.waitForWebhookAnswers(1);
    expect(world.webhookAnswers).toEqual([{ status: 200, body: "ok" }]);
    expect((await world.record(job.id)).status).toBe("queued");

    expect(await world.tick()).toMatchObject({ submitted: 1 });
    expect(await world.tick(1_000)).toMatchObject({ archive_requested: 1 });
    expect(await world.archiveQueued()).toEqual([job.id]);
    expect(await world.record(job.id)).toMatchObject({ status: "succeeded", pixverseId: lost.videoId });
    expect(world.sim.control.ledger().generations).toHaveLength(1);
  });

  it("running the submit step twice for the same job keeps one generation and one videoId", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    const queued = await world.record(job.id);
    const slots = { take: async () => true };

    const [first, second] = await Promise.all([
      world.pipeline.steps.submit(queued, slots),
      world.pipeline.steps.submit(queued, slots),
    ]);
    expect([first, second]).toEqual(["submitted", "submitted"]);
    const generating = await world.record(job.id);
    expect(generating.status).toBe("generating");
    // A third, late run from the stale record changes nothing either.
    await world.pipeline.steps.submit(queued, slots);
    expect(await world.record(job.id)).toEqual(generating);
    expect(world.generationsOf(queued)).toMatchObject([{ id: generating.pixverseId, replays: 2 }]);
    expect(world.sim.control.ledger().generations).toHaveLength(1);
  });

  it("a submit refused at the transport (connection reset) is retried with the same trace id", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "reset", target: "text_to_video", times: 1 }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    expect(job.status).toBe("queued");
    expect(await world.record(job.id)).toMatchObject({ attempts: 1 });

    expect(await world.tick(1_000)).toMatchObject({ submitted: 1 });
    const generating = await world.record(job.id);
    expect(world.generationsOf(job.pixverse)).toMatchObject([{ id: generating.pixverseId, replays: 0 }]);
  });
});
