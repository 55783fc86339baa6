import { PutObjectCommand } from "@aws-sdk/client-s3";
import { solidPng } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type E2eRuntime,
  type ErrorBody,
  sleep,
  startE2eRuntime,
  TEXT_TO_VIDEO,
} from "../test-support/e2e-runtime";

let e2e: E2eRuntime;

// Only the poller submits here (no inline head start), so PIXVERSE_MAX_CONCURRENCY is one process's
// count; parallel API requests would each count the free slots on their own.
beforeAll(async () => {
  e2e = await startE2eRuntime({ env: { PIXVERSE_MAX_CONCURRENCY: "2", PIXPIPE_INLINE_SUBMIT_MS: "0" } });
});
afterEach(async () => {
  e2e.sim.control.clearFaults();
  e2e.sim.control.setCredits(1_000_000);
  e2e.sim.control.setConcurrencyLimit(10);
  e2e.sim.control.setGenerationMs(300);
  await e2e.cancelUnfinished();
});
afterAll(() => e2e?.stop());

describe("how jobs end (ARCHITECTURE §3)", { timeout: 90_000 }, () => {
  it("fails a job PixVerse's moderation refuses (status 7) with moderation_failed and a failed event", async () => {
    e2e.sim.control.setFaults([{ type: "outcome", status: 7, times: 1 }]);
    const job = await e2e.expectFailedOnce((await e2e.api.accepted(TEXT_TO_VIDEO)).id, "moderation_failed");
    expect(e2e.generationsOf(job)).toMatchObject([{ status: 7, refunded: true }]);
  });

  it("fails a job whose generation fails (status 8) with generation_failed and a failed event", async () => {
    e2e.sim.control.setFaults([{ type: "outcome", status: 8, times: 1 }]);
    const job = await e2e.expectFailedOnce((await e2e.api.accepted(TEXT_TO_VIDEO)).id, "generation_failed");
    expect(e2e.generationsOf(job)).toMatchObject([{ status: 8, refunded: true }]);
  });

  it("retries a failed generation (status 8) as a new generation when the job asks, and succeeds on the third", async () => {
    const image = `uploads/${e2e.runtime.info.tenantId}/retry-${Date.now()}/cat.png`;
    await e2e.s3.send(
      new PutObjectCommand({
        Bucket: e2e.bucket,
        Key: image,
        Body: solidPng(64, 64),
        ContentType: "image/png",
      }),
    );
    const uploadsBefore = e2e.sim.control.ledger().uploads.length;
    e2e.sim.control.setFaults([{ type: "outcome", status: 8, target: "image_to_video", times: 2 }]);
    const accepted = await e2e.api.accepted({
      type: "image_to_video",
      input: { prompt: "the cat jumps", model: "v5", duration: 5, quality: "540p", image: { upload: image } },
      retry: { generationFailed: 2 },
    });
    const job = await e2e.expectSucceededOnce(accepted.id);

    // 1 + 2 generations at PixVerse, each under its own trace id, the last one the job's video.
    const traces = job.generations.map((generation) => generation.traceId);
    expect(new Set([accepted.pixverse.traceId, ...traces]).size).toBe(3);
    const atSimulator = e2e.sim.control.ledger().generations.filter((g) => traces.includes(g.traceId));
    expect(atSimulator.map((g) => [g.traceId, g.status, g.replays])).toEqual([
      [traces[0], 8, 0],
      [traces[1], 8, 0],
      [traces[2], 1, 0],
    ]);
    expect(job.generations).toMatchObject([
      { videoId: atSimulator[0]!.id, status: "failed", error: { code: "generation_failed" } },
      { videoId: atSimulator[1]!.id, status: "failed", error: { code: "generation_failed" } },
      { videoId: atSimulator[2]!.id, status: "succeeded", credits: atSimulator[2]!.credits },
    ]);
    expect(job.pixverse).toMatchObject({ videoId: atSimulator[2]!.id, traceId: traces[2] });
    // The image went to PixVerse once; every generation names it.
    expect(e2e.sim.control.ledger().uploads).toHaveLength(uploadsBefore + 1);
    expect(new Set(atSimulator.map((g) => String(g.request.img_id))).size).toBe(1);
  });

  it("fails a job the account cannot pay for with insufficient_credits (500090) and a failed event; nothing generates", async () => {
    e2e.sim.control.setCredits(0);
    const job = await e2e.expectFailedOnce(
      (await e2e.api.accepted(TEXT_TO_VIDEO)).id,
      "insufficient_credits",
    );
    expect(job.error).toMatchObject({ providerCode: 500090 });
    expect(e2e.generationsOf(job)).toEqual([]);
  });

  it("answers invalid input 400 listing every problem; nothing is stored or sent to PixVerse", async () => {
    const jobsBefore = await e2e.api.allJobs();
    const ledgerBefore = e2e.sim.control.ledger();

    const answer = await e2e.api.createJob<ErrorBody>({
      type: "text_to_video",
      // An unknown scalar would pass to PixVerse with a warning; an unknown object is refused.
      input: { prompt: " ", model: "v5", duration: 7, quality: "4k", colour: { name: "red" } },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_request");
    expect(answer.body.error.details?.map((d) => d.path).sort()).toEqual(
      ["input.aspect_ratio", "input.colour", "input.duration", "input.prompt", "input.quality"].sort(),
    );
    await sleep(400); // A poller tick or two: still nothing.
    expect(await e2e.api.allJobs()).toEqual(jobsBefore);
    const ledgerAfter = e2e.sim.control.ledger();
    expect(ledgerAfter.generations).toEqual(ledgerBefore.generations);
    expect(ledgerAfter.uploads).toEqual(ledgerBefore.uploads);
    // The poller's balance gauge may call PixVerse meanwhile; nothing else may.
    const { balance: _after, ...requestsAfter } = ledgerAfter.requests;
    const { balance: _before, ...requestsBefore } = ledgerBefore.requests;
    expect(requestsAfter).toEqual(requestsBefore);
  });

  it("keeps jobs PixVerse refuses for concurrency (500044) queued until a slot frees; all then succeed once", async () => {
    const { sim, api } = e2e;
    sim.control.setConcurrencyLimit(1);
    sim.control.setGenerationMs(60_000); // The first job holds PixVerse's only slot until finished below.
    const first = await api.waitForStatus((await api.accepted(TEXT_TO_VIDEO)).id, "generating");
    const requestsBefore = sim.control.ledger().requests.text_to_video ?? 0;
    const waiting = [await api.accepted(TEXT_TO_VIDEO), await api.accepted(TEXT_TO_VIDEO)];

    // PixVerse refuses them again and again; they stay queued, nothing is billed.
    await expect
      .poll(() => (sim.control.ledger().requests.text_to_video ?? 0) - requestsBefore, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    for (const job of waiting) {
      expect((await api.getJob(job.id)).body.status).toBe("queued");
      expect(e2e.generationsOf(job)).toEqual([]);
    }

    sim.control.setGenerationMs(300);
    sim.control.finish(first.pixverse.videoId ?? "", 1);
    for (const job of [first, ...waiting]) await e2e.expectSucceededOnce(job.id, { timeoutMs: 30_000 });
  });

  it("submits at most PIXVERSE_MAX_CONCURRENCY generations at once; the rest wait queued, then all succeed", async () => {
    const { sim, api } = e2e;
    sim.control.setGenerationMs(60_000);
    const requestsBefore = sim.control.ledger().requests.text_to_video ?? 0;
    const jobs = [];
    for (let i = 0; i < 4; i++) jobs.push(await api.accepted(TEXT_TO_VIDEO));
    const ours = new Set(jobs.map((job) => job.pixverse.traceId));
    const generating = () => sim.control.ledger().generations.filter((g) => ours.has(g.traceId));

    await expect.poll(() => generating().length, { timeout: 10_000 }).toBe(2);
    await sleep(1_000); // Several poller ticks: the other two stay queued.
    expect(generating()).toHaveLength(2);
    const statuses = await Promise.all(jobs.map(async (job) => (await api.getJob(job.id)).body.status));
    expect(statuses.sort()).toEqual(["generating", "generating", "queued", "queued"]);

    let mostInFlight = 0;
    const sampler = setInterval(() => {
      mostInFlight = Math.max(mostInFlight, generating().filter((g) => g.status === 5).length);
    }, 5);
    try {
      sim.control.setGenerationMs(300);
      for (const g of generating()) sim.control.finish(g.id, 1);
      for (const job of jobs) await e2e.expectSucceededOnce(job.id, { timeoutMs: 30_000 });
    } finally {
      clearInterval(sampler);
    }
    expect(mostInFlight).toBeLessThanOrEqual(2);
    // pixpipe held the extra jobs back itself: PixVerse never had to refuse one (every submit request
    // was a job's first or a replay of its trace id).
    const replays = generating().reduce((n, g) => n + g.replays, 0);
    expect((sim.control.ledger().requests.text_to_video ?? 0) - requestsBefore).toBe(4 + replays);
  });
});
