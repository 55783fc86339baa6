import { describe, expect, it } from "vitest";
import { createInMemoryPipeline, type InMemoryWorld, silentLogger, TEXT_TO_VIDEO } from "../test-support";
import type { JobSteps } from "./job-steps";
import { Poller, type PollerReport } from "./poller";

async function setup(jobCount: number) {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
  for (let i = 0; i < jobCount; i++) await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  return world;
}

/** The world's steps, noting when each job was advanced (clock time) and failing the jobs asked. */
function observedSteps(world: InMemoryWorld, failing: Set<string> = new Set()) {
  const advanced: { jobId: string; at: number }[] = [];
  const real = world.pipeline.steps;
  const steps: Pick<JobSteps, "advance" | "countSlots"> = {
    countSlots: () => real.countSlots(),
    advance: async (job, slots) => {
      advanced.push({ jobId: job.id, at: world.clock.now().getTime() });
      if (failing.has(job.id)) throw new Error("this job's step is broken");
      return real.advance(job, slots);
    },
  };
  return { steps, advanced };
}

/** Runs a tick to its end, moving the manual clock in steps so that the poller's spacing elapses. */
async function tick(
  world: InMemoryWorld,
  poller: Poller,
  options: { budgetMs?: number } = {},
): Promise<PollerReport> {
  let report: PollerReport | undefined;
  const running = poller.tick(options).then((done) => {
    report = done;
  });
  while (!report) await world.clock.advance(50);
  await running;
  return report;
}

const pollerOf = (
  world: InMemoryWorld,
  steps: Pick<JobSteps, "advance" | "countSlots">,
  requestsPerSecond: number,
) =>
  new Poller({
    jobs: world.jobs,
    steps,
    clock: world.clock,
    logger: silentLogger(),
    requestsPerSecond,
    pageSize: 2,
  });

describe("the poller (manual clock)", () => {
  it("spaces its PixVerse requests at the configured rate and works through every due job", async () => {
    const world = await setup(5);
    const { steps, advanced } = observedSteps(world);
    const report = await tick(world, pollerOf(world, steps, 4));
    expect(report).toMatchObject({ examined: 5, submitted: 5, errors: 0 });
    const gaps = advanced.slice(1).map((entry, i) => entry.at - advanced[i]!.at);
    expect(gaps.every((gap) => gap >= 250)).toBe(true);
  });

  it("stops at its time budget and leaves the rest due for the next tick", async () => {
    const world = await setup(5);
    const { steps } = observedSteps(world);
    const poller = pollerOf(world, steps, 2);
    expect(await tick(world, poller, { budgetMs: 1_000 })).toMatchObject({ examined: 2, submitted: 2 });
    // The rest are submitted; the first two, due for their first poll by now, are polled.
    expect(await tick(world, poller)).toMatchObject({ examined: 5, submitted: 3, polled: 2 });
  });

  it("reports a job whose step throws and goes on with the others; that job stays due", async () => {
    const world = await setup(3);
    const [broken] = (await world.jobs.listDue(world.clock.now(), 10)).map((job) => job.id);
    const { steps } = observedSteps(world, new Set([broken!]));
    const poller = pollerOf(world, steps, 1_000);
    expect(await tick(world, poller)).toMatchObject({ examined: 3, errors: 1, submitted: 2 });
    expect((await world.jobs.getById(broken!))?.status).toBe("queued");
    // Next tick it is looked at again (and fails again), not lost.
    expect(await tick(world, poller)).toMatchObject({ errors: 1 });
  });

  it("looks at each job once per tick even when its step makes it due again within the tick", async () => {
    const world = await setup(3);
    const { steps, advanced } = observedSteps(world);
    const report = await tick(world, pollerOf(world, steps, 1_000));
    expect(report.examined).toBe(3);
    expect(new Set(advanced.map((entry) => entry.jobId)).size).toBe(3);
  });
});
