import { solidPng } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IdempotencyConflictError, InvalidCursorError } from "../job";
import { PipelineHarness, sha256Hex, TEXT_TO_VIDEO, type TestWorld } from "../test-support";
import { JobHasNoOutputError } from "./errors";

let harness: PipelineHarness;

beforeAll(async () => {
  harness = await PipelineHarness.start({ generationMs: 60_000 });
});
afterEach(() => harness.endWorld());
afterAll(() => harness.stop());

async function succeededJob(world: TestWorld) {
  const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
  world.sim.control.finish(job.pixverse.videoId!, 1);
  await world.waitForWebhookAnswers(1);
  await world.archiveQueued();
  const done = await world.record(job.id);
  expect(done.status).toBe("succeeded");
  return done;
}

describe("tenant isolation", () => {
  it("never shows, lists, cancels or hands out another tenant's job", async () => {
    const world = await harness.world();
    const service = world.pipeline.jobService;
    const mine = await succeededJob(world);
    const theirs = (await service.createJob(world.otherTenant, TEXT_TO_VIDEO)).job;

    expect((await service.getJob(world.tenant, mine.id))?.id).toBe(mine.id);
    expect(await service.getJob(world.otherTenant, mine.id)).toBeNull();
    expect(await service.getJob(world.tenant, theirs.id)).toBeNull();
    expect((await service.listJobs(world.tenant, { limit: 10 })).jobs.map((j) => j.id)).toEqual([mine.id]);
    expect((await service.listJobs(world.otherTenant, { limit: 10 })).jobs.map((j) => j.id)).toEqual([
      theirs.id,
    ]);
    expect(await service.videoDownloadUrl(world.otherTenant, mine.id)).toBeNull();
    expect(await service.cancelJob(world.tenant, theirs.id)).toBeNull();
    expect((await world.record(theirs.id)).status).toBe("generating");
  });

  it("lists a tenant's jobs newest first, by status, a page at a time", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const service = world.pipeline.jobService;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await service.createJob(world.tenant, TEXT_TO_VIDEO)).job.id);
    await service.cancelJob(world.tenant, ids[1]!);

    const first = await service.listJobs(world.tenant, { limit: 2 });
    expect(first.jobs.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const second = await service.listJobs(world.tenant, { limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ jobs: [{ id: ids[0] }], nextCursor: null });
    const cancelled = await service.listJobs(world.tenant, { limit: 10, status: "cancelled" });
    expect(cancelled.jobs.map((j) => j.id)).toEqual([ids[1]]);
    await expect(
      service.listJobs(world.tenant, { limit: 2, cursor: "bm90LWEtY3Vyc29y" }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("idempotency keys", () => {
  it("returns the same job for the same key and body, and refuses the key with another body", async () => {
    const world = await harness.world();
    const service = world.pipeline.jobService;
    const first = await service.createJob(world.tenant, TEXT_TO_VIDEO, { idempotencyKey: "order-42" });
    expect(first.created).toBe(true);

    // The same body with its keys in another order is the same request.
    const reordered = { input: { ...TEXT_TO_VIDEO.input }, type: TEXT_TO_VIDEO.type };
    const again = await service.createJob(world.tenant, reordered, { idempotencyKey: "order-42" });
    expect(again.created).toBe(false);
    expect(again.job.id).toBe(first.job.id);
    expect(again.job.status).toBe("generating");

    const other = { ...TEXT_TO_VIDEO, input: { ...TEXT_TO_VIDEO.input, prompt: "a different lighthouse" } };
    const conflict = await service
      .createJob(world.tenant, other, { idempotencyKey: "order-42" })
      .catch((e) => e);
    expect(conflict).toBeInstanceOf(IdempotencyConflictError);
    expect(conflict).toMatchObject({ existingJobId: first.job.id });

    // Keys are per tenant.
    const theirs = await service.createJob(world.otherTenant, TEXT_TO_VIDEO, { idempotencyKey: "order-42" });
    expect(theirs.created).toBe(true);
    expect(theirs.job.id).not.toBe(first.job.id);

    expect((await service.listJobs(world.tenant, { limit: 10 })).jobs).toHaveLength(1);
    expect(world.generationsOf(first.job.pixverse)).toHaveLength(1);
    expect(world.sim.control.ledger().generations).toHaveLength(2);
  });

  it("creates one job for concurrent requests with the same key", async () => {
    const world = await harness.world({ inlineSubmitMs: 0 });
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO, { idempotencyKey: "burst" }),
      ),
    );
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});

describe("downloads and uploads", () => {
  it("presigns a GET that downloads the archived bytes", async () => {
    const world = await harness.world();
    const job = await succeededJob(world);

    const download = await world.pipeline.jobService.videoDownloadUrl(world.tenant, job.id);

    expect(Date.parse(download!.expiresAt)).toBeGreaterThan(Date.now());
    const response = await fetch(download!.url);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(job.output!.size);
    expect(sha256Hex(bytes)).toBe(job.output!.sha256);
  });

  it("refuses a download of a job without output", async () => {
    const world = await harness.world();
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    await expect(world.pipeline.jobService.videoDownloadUrl(world.tenant, job.id)).rejects.toBeInstanceOf(
      JobHasNoOutputError,
    );
  });

  it("hands out an upload key under the tenant's folder whose presigned PUT works and which a job can use", async () => {
    const world = await harness.world();
    const png = solidPng(64, 36);
    const upload = await world.pipeline.uploadService.createUpload(world.tenant, {
      contentType: "image/png",
      filename: "../../other tenant/my fox.png",
      size: png.length,
    });

    expect(upload.key.startsWith(`uploads/${world.tenant.tenantId}/`)).toBe(true);
    expect(upload.key).not.toContain("..");
    expect(upload.key.endsWith("/my_fox.png")).toBe(true);
    expect(Date.parse(upload.expiresAt)).toBeGreaterThan(Date.now());
    const put = await fetch(upload.uploadUrl, {
      method: "PUT",
      headers: { "content-type": "image/png", "content-length": String(png.length) },
      body: png,
    });
    expect(put.status).toBe(200);
    expect(sha256Hex(await world.getObject(upload.key))).toBe(sha256Hex(png));

    const { job } = await world.pipeline.jobService.createJob(world.tenant, {
      type: "image_to_video",
      input: { prompt: "go", model: "v5", duration: 5, quality: "540p", image: { upload: upload.key } },
    });
    expect(job.status).toBe("generating");
    expect(world.sim.control.ledger().uploads).toHaveLength(1);
  });
});

describe("PixVerse pass-throughs", () => {
  it("caches catalogues per kind and query", async () => {
    const world = await harness.world();
    const service = world.pipeline.catalogService;
    const requests = () => world.sim.control.ledger().requests;

    const templates = await service.catalog("templates");
    expect(await service.catalog("templates")).toEqual(templates);
    expect(requests().template_list).toBe(1);
    await service.catalog("templates", { type: 2 });
    expect(requests().template_list).toBe(2);

    await service.catalog("restyles");
    await service.catalog("restyles");
    await service.catalog("voices");
    await service.catalog("voices");
    expect(requests()).toMatchObject({ restyle_list: 1, tts_speaker: 1 });
  });

  it("does not cache a failed catalogue request", async () => {
    const world = await harness.world();
    world.sim.control.setFaults([{ type: "http", status: 502, target: "restyle_list", times: 1 }]);
    await expect(world.pipeline.catalogService.catalog("restyles")).rejects.toThrow();
    await expect(world.pipeline.catalogService.catalog("restyles")).resolves.toBeDefined();
    expect(world.sim.control.ledger().requests.restyle_list).toBe(2);
  });

  it("reports the PixVerse balance", async () => {
    const world = await harness.world();
    world.sim.control.setCredits({ monthly: 1234, package: 56 });
    expect(await world.pipeline.accountService.balance()).toEqual({
      accountId: world.sim.control.ledger().balance.accountId,
      creditMonthly: 1234,
      creditPackage: 56,
    });
  });

  it("selects masks of an earlier job's video", async () => {
    const world = await harness.world();
    const source = await succeededJob(world);

    const selection = await world.pipeline.maskService.selectMasks(world.tenant, {
      video: { job: source.id },
      keyframe_id: 1,
    });

    expect(selection).toMatchObject({ keyframeId: 1, masks: expect.any(Array) });
    expect(selection.masks.length).toBeGreaterThan(0);
    expect(world.sim.control.ledger().maskSelections).toHaveLength(1);
    await expect(
      world.pipeline.maskService.selectMasks(world.otherTenant, { video: { job: source.id } }),
    ).rejects.toMatchObject({ name: "JobValidationError" });
  });
});
