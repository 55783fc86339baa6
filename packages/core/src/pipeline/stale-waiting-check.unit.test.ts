import { describe, expect, it } from "vitest";
import { createInMemoryPipeline, FAST_TIMINGS, TEXT_TO_VIDEO } from "../test-support";

// Found by the chaos suite (issue 14, `test:chaos`): the poller's look at a waiting job works from
// the job as it listed it. When a start claimed the job in between (the scheduler, the inline head
// start, another process), the look still pushed the job's next check out to its deadline (and moved
// its version on), so when that start died, nothing looked at the job again until its deadline: it
// sat queued for an hour holding its generation slots.

describe("the poller's look at a waiting job that a start claimed meanwhile", () => {
  it("changes nothing, so the job is resumed once the dead start's claim runs out", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
    const { pipeline, jobs, clock } = world;
    const { job } = await pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    await clock.advance(FAST_TIMINGS.waitingRecheckMs);

    // The poller lists the job, due for its first look ...
    const [listed] = await jobs.listDue(clock.now(), 10);
    expect(listed?.id).toBe(job.id);
    // ... a start claims it with a slot, then its process dies ...
    expect(
      await pipeline.lifecycle.claim((await jobs.getById(job.id))!, { global: 0, tenant: 0 }),
    ).not.toBeNull();
    // ... and the poller goes on with the job as it listed it.
    await pipeline.steps.advance(listed!);

    await clock.advance(FAST_TIMINGS.claimLeaseMs + 1);
    const due = (await jobs.listDue(clock.now(), 10)).map((j) => j.id);
    expect(due, "due again once the dead start's claim ran out").toContain(job.id);
    expect(await pipeline.steps.advance((await jobs.getById(job.id))!)).toBe("submitted");
  });
});
