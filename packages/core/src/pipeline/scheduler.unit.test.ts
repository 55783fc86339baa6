import { describe, expect, it } from "vitest";
import type { Caller } from "../services";
import { SLOTS_PARTITION } from "../table";
import { createInMemoryPipeline, TEXT_TO_VIDEO } from "../test-support";

async function setup(limit: number) {
  const world = createInMemoryPipeline({
    config: { inlineSubmitMs: 0, pixverse: { maxConcurrency: limit } },
  });
  const create = async (caller: Caller, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push((await world.pipeline.jobService.createJob(caller, TEXT_TO_VIDEO)).job.id);
    return ids;
  };
  const statusOf = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await world.jobs.getById(id))!.status));
  const generating = async (ids: string[]) =>
    (await statusOf(ids)).filter((status) => status === "generating").length;
  /** PixVerse finishes one generation of these jobs; the webhook moves the job on, giving its slot back. */
  const finishOne = async (ids: string[]) => {
    for (const id of ids) {
      const job = (await world.jobs.getById(id))!;
      if (job.status !== "generating") continue;
      world.pixverse.finish(job.pixverseId!, 1);
      await world.pipeline.steps.applyOutcome(job, {
        status: 1,
        url: `https://media.pixverse.test/${job.pixverseId}.mp4`,
      });
      return;
    }
  };
  return { ...world, create, generating, finishOne, statusOf };
}

describe("the scheduler", () => {
  it("shares the slots between waiting tenants, fewest in flight first", async () => {
    const world = await setup(5);
    const a = await world.create(world.tenant, 20);
    const b = await world.create(world.otherTenant, 5);
    const report = await world.pipeline.scheduler.round();
    expect(report).toMatchObject({ starts: { submitted: 5 }, waitingTenants: 2 });
    const [inA, inB] = [await world.generating(a), await world.generating(b)];
    expect(inA + inB).toBe(5);
    expect(Math.abs(inA - inB)).toBe(1);
  });

  it("starts a tenant's job within one round of a slot freeing, however many another tenant queued first", async () => {
    const world = await setup(5);
    const a = await world.create(world.tenant, 100);
    await world.pipeline.scheduler.round();
    expect(await world.generating(a)).toBe(5);
    const b = await world.create(world.otherTenant, 5);
    expect(await world.generating(b)).toBe(0);

    await world.finishOne(a);
    await world.pipeline.scheduler.round();
    expect(await world.generating(b)).toBe(1);
    for (let freed = 2; freed <= 6; freed++) {
      const [inA, inB] = [await world.generating(a), await world.generating(b)];
      await world.finishOne(a);
      await world.pipeline.scheduler.round();
      // The freed slot goes to B whenever B has fewer in flight than A has left.
      if (inB < inA - 1) expect(await world.generating(b)).toBe(inB + 1);
      expect(Math.abs((await world.generating(a)) - (await world.generating(b)))).toBeLessThanOrEqual(
        Math.abs(inA - inB),
      );
    }
    expect(await world.generating(b)).toBeGreaterThanOrEqual(2);
  });

  it("never starts more than a tenant's own limit, nor lets it hold another tenant back", async () => {
    const world = await setup(4);
    await world.tenants.ensureTenant({ id: world.tenant.tenantId, name: "limited" });
    await world.tenants.updateTenant(world.tenant.tenantId, { limits: { maxInFlight: 1 } });
    const a = await world.create(world.tenant, 5);
    const b = await world.create(world.otherTenant, 5);
    await world.pipeline.scheduler.round();
    expect([await world.generating(a), await world.generating(b)]).toEqual([1, 3]);
  });

  it("leaves a job in its retry's backoff alone, and starts the tenant's next one", async () => {
    const world = await setup(5);
    const [first, second] = await world.create(world.tenant, 2);
    const job = (await world.jobs.getById(first!))!;
    await world.pipeline.lifecycle.retryStart(job, { after: 60_000, reason: "PixVerse answered 500069" });
    await world.pipeline.scheduler.round();
    expect(await world.statusOf([first!, second!])).toEqual(["queued", "generating"]);
  });

  it("forgets a tenant with nothing queued, but not one whose marker was put during the round", async () => {
    const world = await setup(5);
    const [id] = await world.create(world.tenant, 1);
    await world.pipeline.scheduler.round();
    const markers = async () =>
      (await world.jobs.readItems(SLOTS_PARTITION))
        .map((e) => e.key.sk)
        .filter((sk) => sk.startsWith("waiting#"));
    expect(await markers()).toEqual([`waiting#${world.tenant.tenantId}`]);
    expect((await world.jobs.getById(id!))?.status).toBe("generating");
    await world.clock.advance(1);
    await world.pipeline.scheduler.round();
    expect(await markers()).toEqual([]);
  });

  it("starts nothing and calls PixVerse for nothing when every slot is held", async () => {
    const world = await setup(1);
    await world.create(world.tenant, 3);
    await world.pipeline.scheduler.round();
    const calls = world.pixverse.calls.length;
    const report = await world.pipeline.scheduler.round();
    expect(report.starts).toEqual({});
    expect(world.pixverse.calls.length).toBe(calls);
  });
});
