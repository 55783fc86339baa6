import { randomUUID } from "node:crypto";
import { Logger } from "@aws-lambda-powertools/logger";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newJobId, requestHash } from "../job";
import { PipelineHarness, TEXT_TO_VIDEO, type TestWorld } from "../test-support";
import { Poller } from "./poller";
import { systemClock } from "./ports";

let harness: PipelineHarness;

beforeAll(async () => {
  harness = await PipelineHarness.start({ generationMs: 60_000 });
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

/** A generating job without a videoId: polling it throws, so every tick leaves it due as it was. */
async function brokenJob(world: TestWorld): Promise<string> {
  const id = newJobId();
  await world.jobs.create(
    {
      id,
      tenantId: world.tenant.tenantId,
      type: "text_to_video",
      input: TEXT_TO_VIDEO.input,
      metadata: {},
      traceId: randomUUID(),
    },
    { requestHash: requestHash(id) },
  );
  await world.jobs.transition(id, { from: ["queued"], to: "generating", set: {} });
  return id;
}

function pollerOf(world: TestWorld, pageSize: number): Poller {
  return new Poller({
    jobs: world.jobs,
    steps: world.pipeline.steps,
    scheduler: world.pipeline.scheduler,
    webhooks: { sweep: async () => 0 },
    gauges: { sample: async () => {} },
    clock: systemClock,
    logger: new Logger({ logLevel: "SILENT" }),
    pageSize,
    requestsPerSecond: 10_000,
  });
}

describe("the poller", () => {
  it("reports a job whose step throws and goes on with the others; the job stays due", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const broken = await brokenJob(world);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    expect(await world.tick()).toMatchObject({ examined: 1, errors: 1, started: 1, submitted: 1 });
    expect((await world.record(job.id)).status).toBe("generating");
    expect(await world.tick(1_000)).toMatchObject({ errors: 1 });
    expect((await world.record(broken)).status).toBe("generating");
  });

  it("reads past jobs it already handled this tick, so a full page of stuck jobs hides nothing behind it", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    await brokenJob(world);
    await brokenJob(world);
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    const report = await pollerOf(world, 1).tick();

    expect(report).toMatchObject({ examined: 2, errors: 2, started: 1, submitted: 1 });
    expect((await world.record(job.id)).status).toBe("generating");
  });

  it("looks at each job once per tick, even when its next check falls due again within the tick", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    for (let i = 0; i < 3; i++) await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    // Everything it schedules (first polls 20 ms later) is due within this tick's horizon.
    const report = await pollerOf(world, 2).tick({ horizon: () => new Date(Date.now() + 60_000) });

    expect(report).toMatchObject({ started: 3, submitted: 3, examined: 0 });
  });

  it("stops at its time budget and leaves the rest due for the next tick", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    for (let i = 0; i < 2; i++) await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);

    expect(await world.pipeline.poller.tick({ budgetMs: 0 })).toMatchObject({ examined: 0, started: 0 });
    expect(await world.tick()).toMatchObject({ started: 2, submitted: 2 });
  });
});
