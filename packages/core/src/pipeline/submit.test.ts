import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { toPixverseRequest } from "../job/input";
import { PixverseClient } from "../pixverse";
import { PipelineHarness, TEXT_TO_VIDEO } from "../test-support";

let harness: PipelineHarness;

beforeAll(async () => {
  harness = await PipelineHarness.start({ generationMs: 60_000 });
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

describe("one job, one PixVerse generation (invariant 1)", () => {
  it("an inline submit that outlives its budget is not doubled by the poller (its claim), and is recorded when PixVerse answers", async () => {
    const world = await harness.world({ inlineSubmitMs: 1_500 });
    world.sim.control.setFaults([{ type: "latency", target: "text_to_video", ms: 3_000, times: 1 }]);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    // The answer went out before PixVerse answered; the submit is still in flight, under its claim.
    expect(job).toMatchObject({ status: "queued", progress: { stage: "submitting" } });

    // The poller leaves the claimed job alone.
    expect(await world.tick()).toMatchObject({ started: 0, examined: 0 });
    const generating = await world.waitForStatus(job.id, "generating");
    expect(world.sim.control.ledger().requests.text_to_video).toBe(1);
    expect(world.generationsOf(job.pixverse)).toMatchObject([{ id: generating.pixverseId, replays: 0 }]);
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

  it("starting the same job twice at once submits it once (the claim), and a late third start changes nothing", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    const queued = await world.record(job.id);

    const results = await Promise.all([
      world.pipeline.steps.start(queued),
      world.pipeline.steps.start(queued),
    ]);
    expect(results.map((r) => r.result).sort()).toEqual(["nothing", "submitted"]);
    const generating = await world.record(job.id);
    expect(generating.status).toBe("generating");
    expect((await world.pipeline.steps.start(queued)).result).toBe("nothing");
    expect(await world.record(job.id)).toEqual(generating);
    expect(world.generationsOf(queued)).toMatchObject([{ id: generating.pixverseId, replays: 0 }]);
    expect(world.sim.control.ledger().requests.text_to_video).toBe(1);
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
