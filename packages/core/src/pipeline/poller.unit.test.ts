import { describe, expect, it } from "vitest";
import { createInMemoryPipeline, type InMemoryWorld, silentLogger, TEXT_TO_VIDEO } from "../test-support";
import type { JobSteps } from "./job-steps";
import { Poller, type PollerReport } from "./poller";

async function setup(jobCount: number, maxConcurrency = 100) {
  const world = createInMemoryPipeline({
    config: { inlineSubmitMs: 0, pixverse: { maxConcurrency } },
    // Waiting jobs are the scheduler's; the poller's first look at them comes a minute later.
    timings: { waitingRecheckMs: 60_000 },
  });
  const ids: string[] = [];
  for (let i = 0; i < jobCount; i++)
    ids.push((await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job.id);
  return { ...world, ids };
}

/**
 * The world's steps, noting when each due job was advanced (clock time) and failing the jobs asked;
 * each step takes `takesMs` of clock time (PixVerse answering slowly).
 */
function observedSteps(world: InMemoryWorld, failing: Set<string> = new Set(), takesMs = 0) {
  const advanced: { jobId: string; at: number }[] = [];
  const real = world.pipeline.steps;
  const steps: Pick<JobSteps, "advance"> = {
    advance: async (job) => {
      advanced.push({ jobId: job.id, at: world.clock.now().getTime() });
      if (takesMs > 0) await world.clock.sleep(takesMs);
      if (failing.has(job.id)) throw new Error("this job's step is broken");
      return real.advance(job);
    },
  };
  return { steps, advanced };
}

/** Runs a tick to its end; the manual clock moves only while the poller waits out its spacing. */
const tick = (
  world: InMemoryWorld,
  poller: Poller,
  options: { budgetMs?: number } = {},
): Promise<PollerReport> => world.clock.run(poller.tick(options));

const pollerOf = (world: InMemoryWorld, steps: Pick<JobSteps, "advance">, requestsPerSecond: number) =>
  new Poller({
    jobs: world.jobs,
    steps,
    scheduler: world.pipeline.scheduler,
    webhooks: { sweep: async () => 0 },
    gauges: { sample: async () => {} },
    clock: world.clock,
    logger: silentLogger(),
    requestsPerSecond,
    pageSize: 2,
  });

describe("the poller (manual clock)", () => {
  it("starts waiting jobs and polls due ones, its PixVerse requests spaced at the configured rate", async () => {
    const world = await setup(5);
    const { steps, advanced } = observedSteps(world);
    const poller = pollerOf(world, steps, 4);
    expect(await tick(world, poller)).toMatchObject({ started: 5, submitted: 5, errors: 0 });
    await world.clock.advance(1_000);
    expect(await tick(world, poller)).toMatchObject({ examined: 5, polled: 5 });
    const gaps = advanced.slice(1).map((entry, i) => entry.at - advanced[i]!.at);
    expect(gaps.every((gap) => gap >= 250)).toBe(true);
  });

  it("keeps the configured pace when each step takes longer than the spacing (steps overlap)", async () => {
    const world = await setup(8);
    await world.pipeline.scheduler.round();
    await world.clock.advance(1_000);
    const { steps, advanced } = observedSteps(world, new Set(), 700);
    expect(await tick(world, pollerOf(world, steps, 4))).toMatchObject({ examined: 8, polled: 8 });
    // Across pages too (2 jobs a page here): the next page is read while the last steps still run.
    const gaps = advanced.slice(1).map((entry, i) => entry.at - advanced[i]!.at);
    expect(gaps).toEqual([250, 250, 250, 250, 250, 250, 250]);
  });

  it("with more jobs waiting than slots, starts as many as are free and writes nothing for the others", async () => {
    const world = await setup(71, 5);
    const before = await Promise.all(world.ids.map(async (id) => (await world.jobs.getById(id))!.version));
    const report = await tick(world, pollerOf(world, observedSteps(world).steps, 1_000));
    expect(report).toMatchObject({ started: 5, submitted: 5 });
    const after = await Promise.all(world.ids.map(async (id) => (await world.jobs.getById(id))!));
    const untouched = after.filter((job, i) => job.status === "queued" && job.version === before[i]);
    expect(untouched).toHaveLength(66);

    // A minute on, the poller looks at each waiting job once (to make sure the scheduler knows of it),
    // then leaves it to the scheduler until its deadline.
    await world.clock.advance(60_000);
    expect(await tick(world, pollerOf(world, observedSteps(world).steps, 1_000))).toMatchObject({
      waiting: 66,
    });
    const third = await tick(world, pollerOf(world, observedSteps(world).steps, 1_000));
    expect(third.waiting).toBeUndefined();
  });

  it("stops at its time budget and leaves the rest for the next tick", async () => {
    const world = await setup(5);
    await world.pipeline.scheduler.round();
    await world.clock.advance(1_000);
    // Two requests a second: the third is the last that starts within a one-second budget.
    const observed = observedSteps(world);
    const poller = pollerOf(world, observed.steps, 2);
    expect(await tick(world, poller, { budgetMs: 1_000 })).toMatchObject({ examined: 3 });
    // The next tick takes the two left, and the three polled before, due again by now.
    expect(await tick(world, poller)).toMatchObject({ examined: 5, polled: 5 });
    expect(new Set(observed.advanced.map((entry) => entry.jobId)).size).toBe(5);
  });

  it("reports a job whose step throws and goes on with the others; that job stays due", async () => {
    const world = await setup(3);
    await world.pipeline.scheduler.round();
    await world.clock.advance(1_000);
    const [broken] = (await world.jobs.listDue(world.clock.now(), 10)).map((job) => job.id);
    const poller = pollerOf(world, observedSteps(world, new Set([broken!])).steps, 1_000);
    expect(await tick(world, poller)).toMatchObject({ examined: 3, errors: 1, polled: 2 });
    expect((await world.jobs.getById(broken!))?.status).toBe("generating");
    expect(await tick(world, poller)).toMatchObject({ errors: 1 });
  });

  it("looks at each job once per tick even when its step makes it due again within the tick", async () => {
    const world = await setup(3);
    await world.pipeline.scheduler.round();
    await world.clock.advance(1_000);
    const { steps, advanced } = observedSteps(world);
    const report = await tick(world, pollerOf(world, steps, 1_000));
    expect(report.examined).toBe(3);
    expect(new Set(advanced.map((entry) => entry.jobId)).size).toBe(3);
  });
});
