import { describe, expect, it } from "vitest";
import { PIXVERSE_STATUS, PixverseError } from "../pixverse";
import { createInMemoryPipeline, pixverseError, TEXT_TO_VIDEO } from "../test-support";

// Found by the chaos suite (issue 14, `test:chaos`): a submit whose answer is lost after PixVerse
// accepted it (a reset, a timeout) gives its job's generation slots back while PixVerse generates,
// so another job takes the slot and PixVerse has more generations in flight than the limit.

/** A transport failure: the request reached PixVerse, whose answer never came back. */
const answerLost = () =>
  new PixverseError({
    kind: "retryable",
    retryable: true,
    traceId: "lost",
    providerMessage: "ECONNRESET: socket hang up",
  });

/** Two jobs under a limit of 1; PixVerse accepts the next submit (and generates), its answer is lost. */
async function twoJobsWithFirstAnswerLost() {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, pixverse: { maxConcurrency: 1 } } });
  const { pipeline, pixverse } = world;
  const first = (await pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
  const second = (await pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
  const generate = pixverse.generate.bind(pixverse);
  pixverse.generate = async (...args) => {
    pixverse.generate = generate;
    await generate(...args);
    throw answerLost();
  };
  return { world, first, second };
}

describe("a submit whose answer was lost after PixVerse accepted it", () => {
  it("keeps its slot while PixVerse may be generating, so the limit holds at PixVerse", async () => {
    const { world, first, second } = await twoJobsWithFirstAnswerLost();
    const { pipeline, pixverse, jobs } = world;
    expect((await pipeline.steps.start((await jobs.getById(first.id))!)).result).toBe("retry_scheduled");
    const inFlight = () => pixverse.allGenerations().filter((g) => g.status === PIXVERSE_STATUS.generating);
    expect(inFlight()).toHaveLength(1);

    // The second job must not start while the first one's generation may still be running.
    await pipeline.steps.start((await jobs.getById(second.id))!);
    expect(inFlight().length, "generations in flight at PixVerse (limit 1)").toBeLessThanOrEqual(1);
    expect((await jobs.getById(second.id))?.stage).toBe("waiting_for_capacity");

    // After the backoff the poller resumes the first job: its resubmit gets the same generation back.
    await world.clock.advance(60_000);
    expect(await pipeline.steps.advance((await jobs.getById(first.id))!)).toBe("submitted");
    expect(await jobs.getById(first.id)).toMatchObject({
      status: "generating",
      pixverseId: inFlight()[0]?.id,
    });
    expect(pixverse.allGenerations()).toHaveLength(1);
    expect(pixverse.allGenerations()[0]?.replays).toBe(1);
  });

  it("keeps its slot when a later resubmit is refused with an ErrCode (500069, 500044): the first may be generating", async () => {
    // Seen by test:chaos at N=500 (7 generations in flight at PixVerse, limit 5): after a lost answer,
    // the resubmit drew an ErrCode and the job gave its slot back while its first submit generated.
    for (const refusal of [
      pixverseError(500069, "retryable", "system under high load"),
      pixverseError(500044, "retryable", "concurrency limit"),
    ]) {
      const { world, first, second } = await twoJobsWithFirstAnswerLost();
      const { pipeline, pixverse, jobs } = world;
      expect((await pipeline.steps.start((await jobs.getById(first.id))!)).result).toBe("retry_scheduled");
      expect(await jobs.getById(first.id)).toMatchObject({ submitUnanswered: true });

      await world.clock.advance(60_000);
      pixverse.failNext("generate", refusal);
      expect(await pipeline.steps.advance((await jobs.getById(first.id))!)).toBe("retry_scheduled");
      expect((await jobs.getById(first.id))?.slots, String(refusal.code)).toBeDefined();
      await pipeline.steps.start((await jobs.getById(second.id))!);
      expect((await jobs.getById(second.id))?.stage, String(refusal.code)).toBe("waiting_for_capacity");

      // The next resubmit is answered (a replay of the first): the job generates, the mark is gone.
      await world.clock.advance(120_000);
      expect(await pipeline.steps.advance((await jobs.getById(first.id))!)).toBe("submitted");
      const generating = await jobs.getById(first.id);
      expect(generating).toMatchObject({ status: "generating" });
      expect(generating).not.toHaveProperty("submitUnanswered");
      expect(pixverse.allGenerations()).toHaveLength(1);
    }
  });

  it("gives its slot back when PixVerse refused it with an ErrCode (it generates nothing)", async () => {
    const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0, pixverse: { maxConcurrency: 1 } } });
    const { pipeline, pixverse, jobs } = world;
    const first = (await pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    const second = (await pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    pixverse.failNext("generate", pixverseError(500069, "retryable", "system under high load"));
    expect((await pipeline.steps.start((await jobs.getById(first.id))!)).result).toBe("retry_scheduled");
    expect((await jobs.getById(first.id))?.slots).toBeUndefined();
    expect((await pipeline.steps.start((await jobs.getById(second.id))!)).result).toBe("submitted");
  });
});
