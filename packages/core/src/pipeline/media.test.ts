import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { solidPng } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JobValidationError } from "../services";
import { PipelineHarness, TEXT_TO_VIDEO, type TestWorld, waitFor } from "../test-support";

let harness: PipelineHarness;
/** Serves a PNG at /still.png and counts the requests it gets. */
let imageServer: Server;
let imageUrl: string;
let imageRequests = 0;

beforeAll(async () => {
  harness = await PipelineHarness.start({ generationMs: 60_000 });
  const png = solidPng(64, 36);
  imageServer = createServer((req, res) => {
    imageRequests++;
    if (req.url === "/still.png") res.writeHead(200, { "content-type": "image/png" }).end(png);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, "127.0.0.1", resolve));
  imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/still.png`;
});
afterEach(async () => {
  imageRequests = 0;
  await harness.endWorld();
});
afterAll(async () => {
  await harness.stop();
  imageServer.closeAllConnections();
  await new Promise((resolve) => imageServer.close(resolve));
});

const imageToVideo = (image: unknown) => ({
  type: "image_to_video",
  input: { prompt: "the fox runs", model: "v5", duration: 5, quality: "540p", image },
});

/** The JobValidationError a create rejects with. */
async function refused(
  world: TestWorld,
  body: { type: string; input: unknown },
): Promise<JobValidationError> {
  const error = await world.pipeline.jobService.createJob(world.tenant, body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: "JobValidationError" });
  return error as JobValidationError;
}

async function expectNothingStored(world: TestWorld) {
  expect((await world.pipeline.jobService.listJobs(world.tenant, { limit: 10 })).jobs).toEqual([]);
  const ledger = world.sim.control.ledger();
  expect(ledger.generations).toEqual([]);
  expect(ledger.uploads).toEqual([]);
}

describe("upload references", () => {
  it("uploads the tenant's object to PixVerse and submits its img_id", async () => {
    const world = await harness.world();
    const key = `uploads/${world.tenant.tenantId}/01TEST/fox.png`;
    await world.putObject(key, solidPng(64, 36), "image/png");

    const { job } = await world.pipeline.jobService.createJob(world.tenant, imageToVideo({ upload: key }));

    expect(job.status).toBe("generating");
    expect(job.input.image).toEqual({ upload: key });
    const { uploads, generations } = world.sim.control.ledger();
    expect(uploads).toMatchObject([{ kind: "image", source: "file" }]);
    expect(generations).toHaveLength(1);
    expect(generations[0]!.operation).toBe("image_to_video");
    expect(String(generations[0]!.request.img_id)).toBe(uploads[0]!.id);
  });

  it("refuses another tenant's key and keys that climb out of the tenant's folder", async () => {
    const world = await harness.world();
    const foreign = `uploads/${world.otherTenant.tenantId}/01TEST/fox.png`;
    await world.putObject(foreign, solidPng(64, 36), "image/png");

    for (const key of [
      foreign,
      `uploads/${world.tenant.tenantId}/../${world.otherTenant.tenantId}/01TEST/fox.png`,
    ]) {
      const error = await refused(world, imageToVideo({ upload: key }));
      expect(error.issues).toEqual([
        { path: "input.image", message: expect.stringMatching(/not one of this tenant/) },
      ]);
    }
    await expectNothingStored(world);
  });

  it("refuses a key with no object at create", async () => {
    const world = await harness.world();
    const error = await refused(
      world,
      imageToVideo({ upload: `uploads/${world.tenant.tenantId}/missing.png` }),
    );
    expect(error.issues).toEqual([
      { path: "input.image", message: expect.stringMatching(/no uploaded object/) },
    ]);
    await expectNothingStored(world);
  });

  it("lists every bad reference of a request at once", async () => {
    const world = await harness.world();
    const error = await refused(world, {
      type: "transition",
      input: {
        prompt: "dusk",
        model: "v5",
        duration: 5,
        quality: "540p",
        first_frame: { upload: `uploads/${world.tenant.tenantId}/missing.png` },
        last_frame: { upload: `uploads/${world.otherTenant.tenantId}/x.png` },
      },
    });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["input.first_frame", "input.last_frame"]);
  });

  it("refuses at the door an upload whose bytes are not an image, whatever its name and type say", async () => {
    const world = await harness.world();
    const key = `uploads/${world.tenant.tenantId}/01TEST/notes.png`;
    await world.putObject(key, Buffer.from("not an image at all"), "image/png");

    const error = await world.pipeline.jobService.createJob(world.tenant, imageToVideo({ upload: key })).then(
      () => undefined,
      (caught: unknown) => caught as JobValidationError,
    );
    expect(error?.issues).toEqual([
      {
        path: "input.image",
        message: `upload ${key}: the file is not an image PixVerse takes (its bytes match no image format)`,
      },
    ]);
    expect(world.sim.control.ledger().uploads).toEqual([]);
  });

  it("fails the job media_unavailable when PixVerse refuses the uploaded file", async () => {
    const world = await harness.world();
    const key = `uploads/${world.tenant.tenantId}/01TEST/cat.png`;
    await world.putObject(key, solidPng(64, 64), "image/png");
    world.sim.control.setFaults([{ type: "error", target: "image_upload", errCode: 500032 }]);

    const { job } = await world.pipeline.jobService.createJob(world.tenant, imageToVideo({ upload: key }));

    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "media_unavailable", providerCode: 500032 });
    expect(world.sim.control.ledger().generations).toEqual([]);
  });
});

describe("job references", () => {
  async function succeededJob(world: TestWorld) {
    const { job } = await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO);
    world.sim.control.finish(job.pixverse.videoId!, 1);
    await world.waitForWebhookAnswers(1);
    await world.archiveQueued();
    expect((await world.record(job.id)).status).toBe("succeeded");
    return job;
  }

  it("reuses the earlier job's PixVerse video as source_video_id", async () => {
    const world = await harness.world();
    const source = await succeededJob(world);

    const { job } = await world.pipeline.jobService.createJob(world.tenant, {
      type: "extend",
      input: {
        prompt: "and then",
        model: "v5",
        duration: 5,
        quality: "540p",
        seed: 3,
        video: { job: source.id },
      },
    });

    expect(job.status).toBe("generating");
    const extend = world.sim.control.ledger().generations.find((g) => g.operation === "extend");
    expect(String(extend?.request.source_video_id)).toBe(source.pixverse.videoId);
    expect(extend?.request.video_media_id).toBeUndefined();
    expect(world.sim.control.ledger().uploads).toEqual([]);
  });

  it("refuses another tenant's job, an unknown job and a job that has not succeeded", async () => {
    const world = await harness.world();
    const source = await succeededJob(world);
    const unfinished = (await world.pipeline.jobService.createJob(world.tenant, TEXT_TO_VIDEO)).job;
    const extend = (video: unknown) => ({
      type: "extend",
      input: { prompt: "and then", model: "v5", duration: 5, quality: "540p", seed: 3, video },
    });

    const foreign = await world.pipeline.jobService
      .createJob(world.otherTenant, extend({ job: source.id }))
      .catch((e: unknown) => e);
    expect(foreign).toMatchObject({ name: "JobValidationError", issues: [{ path: "input.video" }] });
    const unknown = await refused(world, extend({ job: "job_01ARZ3NDEKTSV4RRFFQ69G5FAV" }));
    expect(unknown.issues[0]!.message).toMatch(/does not exist/);
    const notYet = await refused(world, extend({ job: unfinished.id }));
    expect(notYet.issues[0]!.message).toMatch(/generating/);
    expect(world.sim.control.ledger().generations.filter((g) => g.operation === "extend")).toEqual([]);
  });
});

describe("url references", () => {
  it("refuses loopback and private addresses when private media URLs are not allowed", async () => {
    const world = await harness.world({ allowPrivateMediaUrls: false });
    for (const url of [
      imageUrl,
      imageUrl.replace("http:", "https:"),
      "https://localhost/still.png",
      "https://10.0.0.8/still.png",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/still.png",
    ]) {
      const error = await refused(world, imageToVideo({ url }));
      expect(error.issues.map((issue) => issue.path)).toEqual(["input.image"]);
    }
    expect(imageRequests).toBe(0);
    await expectNothingStored(world);
  });

  it("fetches a local URL when private media URLs are allowed (local mode) and uploads it", async () => {
    const world = await harness.world({ allowPrivateMediaUrls: true });

    const { job } = await world.pipeline.jobService.createJob(world.tenant, imageToVideo({ url: imageUrl }));

    expect(job.status).toBe("generating");
    expect(imageRequests).toBe(1);
    const { uploads, generations } = world.sim.control.ledger();
    expect(uploads).toMatchObject([{ kind: "image", source: "file" }]);
    expect(String(generations[0]!.request.img_id)).toBe(uploads[0]!.id);
  });

  it("fails the job media_unavailable within a few quick attempts when the URL answers 404, saying why meanwhile", async () => {
    const world = await harness.world({ allowPrivateMediaUrls: true });

    const { job } = await world.pipeline.jobService.createJob(
      world.tenant,
      imageToVideo({ url: imageUrl.replace("still.png", "gone.png") }),
    );

    expect(job).toMatchObject({
      status: "queued",
      progress: {
        stage: "fetching_media",
        attempts: 1,
        reason: expect.stringMatching(
          /^cannot fetch 127\.0\.0\.1:\d+: it answered HTTP 404; retry 2 of 3 at /,
        ),
      },
    });
    const failed = await waitFor(
      async () => {
        await world.tick(1_000);
        return world.record(job.id);
      },
      (record) => record.status === "failed",
      { timeoutMs: 10_000, what: "the job to fail" },
    );
    expect(failed.error).toEqual({
      code: "media_unavailable",
      message: expect.stringMatching(/it answered HTTP 404 \(after 3 attempts\)$/),
    });
    expect((await world.takeEvents()).map((e) => e.event.id)).toEqual([`${job.id}:failed`]);
  });
});
