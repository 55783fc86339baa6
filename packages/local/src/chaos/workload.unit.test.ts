import { describe, expect, it } from "vitest";
import { Dice } from "./random";
import { CHAOS_JOB_TYPES, jobRequest, planWorkload } from "./workload";

const media = { face: { upload: "uploads/t/face.png" }, scene: { upload: "uploads/t/scene.png" } };

describe("the chaos workload", () => {
  it("is the same plan for the same seed, and another for another seed", () => {
    const plan = (seed: number) =>
      planWorkload(60, new Dice(seed).stream("workload"), { tenants: 2, s3Share: 0.1 });
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
  });

  it("has every type, sources first for each tenant, jobs that need a source after the rest, and some through S3", () => {
    const plan = planWorkload(40, new Dice(3), { tenants: 2, s3Share: 0.1 });
    expect(plan).toHaveLength(40);
    expect(new Set(plan.map((job) => job.type))).toEqual(new Set(CHAOS_JOB_TYPES));
    expect(plan.slice(0, 4).map((job) => [job.type, job.tenant, job.entry])).toEqual([
      ["text_to_video", 0, "api"],
      ["text_to_video", 1, "api"],
      ["text_to_video", 0, "api"],
      ["text_to_video", 1, "api"],
    ]);
    const firstNeedingSource = plan.findIndex((job) => job.needsSource);
    expect(plan.slice(firstNeedingSource).every((job) => job.needsSource)).toBe(true);
    expect(plan.filter((job) => job.entry === "s3").length).toBeGreaterThan(0);
    expect(plan.filter((job) => job.entry === "s3").every((job) => !job.needsSource)).toBe(true);
  });

  it("refuses a run too small to hold every type", () => {
    expect(() => planWorkload(5, new Dice(1), { tenants: 2, s3Share: 0 })).toThrow(/at least 8 jobs/);
  });

  it("builds each type's request, marked with its place in the plan; a job that needs a source names it", () => {
    const plan = planWorkload(40, new Dice(3), { tenants: 2, s3Share: 0 });
    const extend = plan.find((job) => job.type === "extend")!;
    expect(jobRequest(extend, media, "job_source")).toMatchObject({
      type: "extend",
      input: { video: { job: "job_source" }, seed: 7 },
      metadata: { chaos: String(extend.index) },
    });
    expect(() => jobRequest(extend, media)).toThrow(/needs a source job/);
    const transition = plan.find((job) => job.type === "transition")!;
    expect(jobRequest(transition, media).input).toMatchObject({
      first_frame: media.face,
      last_frame: media.scene,
    });
  });
});

describe("dice", () => {
  it("draws one sequence per seed and stream, whatever another stream draws", () => {
    const a = new Dice(42);
    const first = a.stream("kills");
    const draws = [first.next(), first.next(), first.int(1, 6)];
    const b = new Dice(42);
    b.stream("workload").next();
    const again = b.stream("kills");
    expect([again.next(), again.next(), again.int(1, 6)]).toEqual(draws);
    expect(new Dice(43).stream("kills").next()).not.toBe(draws[0]);
  });

  it("keeps chance, int and weighted within their bounds", () => {
    const dice = new Dice(5);
    for (let i = 0; i < 200; i++) {
      expect(dice.int(2, 4)).toBeGreaterThanOrEqual(2);
      expect(dice.int(2, 4)).toBeLessThanOrEqual(4);
      expect(dice.chance(0)).toBe(false);
      expect(dice.chance(1)).toBe(true);
      expect(dice.weighted({ a: 1, b: 0 })).toBe("a");
    }
  });
});
