import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ArchiveError } from "../archive";
import { createInMemoryPipeline, pixverseError, resultBytes, TEXT_TO_VIDEO } from "../test-support";

/** A job PixVerse has finished, handed to the archiver. */
async function archivingJob() {
  const world = createInMemoryPipeline({ config: { inlineSubmitMs: 0 } });
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  const read = async () => (await world.jobs.getById(job.id))!;
  await world.pipeline.steps.start(await read());
  const pixverseId = (await read()).pixverseId!;
  world.pixverse.finish(pixverseId, 1, { width: 1920, height: 1080 });
  await world.pipeline.steps.advance(await read());
  world.archiveQueue.take();
  return { ...world, job, read, pixverseId, archive: () => world.pipeline.archiver.archive(job.id) };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("the archiver", () => {
  it("copies the result into the bucket under the job's key and marks the job succeeded with size and hash", async () => {
    const world = await archivingJob();
    await world.archive();
    const key = `videos/${world.tenant.tenantId}/${world.job.id}.mp4`;
    const bytes = resultBytes(world.pixverseId);
    expect(world.store.get(key)?.data).toEqual(Buffer.from(bytes));
    expect((await world.read()).output).toEqual({
      bucket: "media-test",
      key,
      size: bytes.length,
      contentType: "video/mp4",
      sha256: sha256(bytes),
      width: 1920,
      height: 1080,
    });
    expect(world.events.ids()).toEqual([`${world.job.id}:succeeded`]);
  });

  it("copies from the URL PixVerse issues now when the stored one expired", async () => {
    const world = await archivingJob();
    world.pixverse.expireUrl(world.pixverseId, { reissue: true });
    await world.archive();
    expect((await world.read()).status).toBe("succeeded");
    expect((await world.read()).resultUrl).toMatch(/\?v=1$/);
  });

  it("fails archive_failed, keeping PixVerse's URL, when no URL serves the result any more", async () => {
    const world = await archivingJob();
    world.pixverse.expireUrl(world.pixverseId, { reissue: false });
    await world.archive();
    expect(await world.read()).toMatchObject({
      status: "failed",
      error: { code: "archive_failed" },
      resultUrl: expect.stringContaining(world.pixverseId),
    });
  });

  it("hands a copy that may work later out again in seconds, then fails it after the last attempt", async () => {
    const retryable = await archivingJob();
    retryable.store.archiveFromUrl = async () => {
      throw new ArchiveError("source_truncated", "the body ended early", { retryable: true });
    };
    await retryable.archive();
    expect(await retryable.read()).toMatchObject({
      status: "archiving",
      attempts: 1,
      reason: "the copy into S3 failed: the body ended early",
    });
    expect(retryable.archiveQueue.take()).toEqual([retryable.job.id]);
    expect(retryable.archiveQueue.delays.get(retryable.job.id)).toBeLessThan(1_000);
    await retryable.archive();
    await retryable.archive();
    expect((await retryable.read()).error).toMatchObject({
      code: "archive_failed",
      message: expect.stringContaining("the body ended early (after 3 attempts)"),
    });

    const tooLarge = await archivingJob();
    tooLarge.store.archiveFromUrl = async () => {
      throw new ArchiveError("too_large", "6 GiB is more than 5 GiB", { retryable: false });
    };
    await tooLarge.archive();
    expect((await tooLarge.read()).error).toEqual({
      code: "archive_failed",
      message: "6 GiB is more than 5 GiB",
    });
  });

  it("retries when PixVerse cannot be asked for a fresh URL, rather than failing a finished video", async () => {
    const world = await archivingJob();
    world.pixverse.expireUrl(world.pixverseId, { reissue: true });
    world.pixverse.failNext("getVideoResult", pixverseError(500069, "retryable"));
    await world.archive();
    expect(await world.read()).toMatchObject({
      status: "archiving",
      reason: expect.stringMatching(/could not be read/),
    });
    await world.archive();
    expect((await world.read()).status).toBe("succeeded");
  });

  it("ignores a request for a job that is no longer archiving (cancelled, or already done)", async () => {
    const world = await archivingJob();
    await world.pipeline.jobService.cancelJob(world.tenant, world.job.id);
    await world.archive();
    expect(world.store.keys()).toEqual([]);
    expect((await world.read()).status).toBe("cancelled");

    await world.pipeline.archiver.archive("job_01NOSUCHJOB0000000000000000");
  });
});
