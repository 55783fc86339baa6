import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type CreateJobRequest,
  type Job,
  PixpipeApiError,
  PixpipeConnectionError,
  PixpipeIntegrityError,
  UnsupportedMediaTypeError,
} from "@pixpipe/client";
import { PixpipeNodeClient } from "@pixpipe/client/node";
import { solidPng } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../index";
import { type E2eRuntime, FAST_SIMULATOR, startE2eRuntime } from "../test-support/e2e-runtime";

// @pixpipe/client against the whole local pipeline over real HTTP: the API, S3 presigned URLs (fauxqs),
// the simulator generating, the archiver copying.

let e2e: E2eRuntime;
let client: PixpipeNodeClient;
let dir: string;
/** Every request the client sent, as "METHOD path?query" (and its Prefer header, when it had one). */
const sent: string[] = [];

const textToVideo = (prompt: string): CreateJobRequest => ({
  type: "text_to_video",
  input: { prompt, model: "v5", duration: 5, quality: "540p", aspect_ratio: "16:9" },
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  e2e = await startE2eRuntime();
  dir = await mkdtemp(path.join(tmpdir(), "pixpipe-client-"));
  client = new PixpipeNodeClient({
    baseUrl: e2e.runtime.info.apiUrl,
    apiKey: e2e.runtime.info.apiKey,
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const prefer = input instanceof Request ? input.headers.get("prefer") : null;
      sent.push(
        `${input instanceof Request ? input.method : (init?.method ?? "GET")} ${url.pathname}${url.search}${prefer ? ` prefer:${prefer}` : ""}`,
      );
      return fetch(input, init);
    },
  });
});
afterAll(() => e2e?.stop());

describe("PixpipeNodeClient against the local runtime", { timeout: 60_000 }, () => {
  it("uploads a local image, runs an image_to_video job to the end and downloads the verified video", async () => {
    const image = path.join(dir, "cat.png");
    await writeFile(image, solidPng(64, 64, [200, 120, 40]));
    const ref = await client.uploadFile(image);
    expect(ref.upload).toMatch(/^uploads\/local\/.+\/cat\.png$/);

    const updates: Job["status"][] = [];
    const job = await client.runJob(
      {
        type: "image_to_video",
        input: { prompt: "the cat stretches", model: "v5", duration: 5, quality: "540p", image: ref },
      },
      { onUpdate: (state) => updates.push(state.status) },
    );
    expect(job.status).toBe("succeeded");
    expect(updates.at(-1)).toBe("succeeded");
    expect(new Set(updates).size).toBe(updates.length);

    const progress: number[] = [];
    const file = await client.downloadVideo(job.id, path.join(dir, "cat.mp4"), {
      expectedSha256: job.output?.sha256,
      onProgress: (received) => progress.push(received),
    });
    const bytes = await readFile(file.path);
    expect(file).toEqual({
      path: path.join(dir, "cat.mp4"),
      size: job.output?.size,
      sha256: job.output?.sha256,
      contentType: "video/mp4",
    });
    expect(sha256(bytes)).toBe(job.output?.sha256);
    expect(bytes.length).toBe(job.output?.size);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(await e2e.sim.control.contentSha256(job.pixverse.videoId ?? "")).toBe(file.sha256);
  });

  it("refuses a download whose bytes differ from the job's SHA-256 and leaves no file behind", async () => {
    const job = await client.runJob(textToVideo("a lighthouse at dusk"));
    const wrong = "0".repeat(64);
    await expect(
      client.downloadVideo(job.id, path.join(dir, "wrong.mp4"), { expectedSha256: wrong }),
    ).rejects.toBeInstanceOf(PixpipeIntegrityError);
    expect((await readdir(dir)).filter((name) => name.startsWith("wrong.mp4"))).toEqual([]);
    // A folder that does not exist is the file system's error, not a half-written file.
    await expect(client.downloadVideo(job.id, path.join(dir, "nowhere", "out.mp4"))).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  it("follows a job with long polls: every read after the first waits, and each change answers at once", async () => {
    // A generation long enough that a poll every 500 ms would have read the job many times.
    e2e.sim.control.setGenerationMs(4000);
    try {
      const created = await client.createJob(textToVideo("a slow fox"));
      const before = sent.length;
      const statuses: Job["status"][] = [];
      const job = await client.waitForJob(created.id, { onUpdate: (state) => statuses.push(state.status) });
      expect(job.status).toBe("succeeded");
      expect(statuses.at(-1)).toBe("succeeded");
      const reads = sent.slice(before).filter((line) => line.startsWith(`GET /v1/jobs/${created.id}`));
      expect(reads[0]).toBe(`GET /v1/jobs/${created.id}`);
      expect(reads.slice(1).every((line) => line === `GET /v1/jobs/${created.id}?wait=25`)).toBe(true);
      // One read per change seen (and the first), not one per half second of a 4 s generation.
      expect(reads.length).toBeLessThanOrEqual(statuses.length + 1);
    } finally {
      e2e.sim.control.setGenerationMs(FAST_SIMULATOR.generationMs ?? 300);
    }
  });

  it("runs a job without onUpdate in one request: the create waits for the end (Prefer: wait)", async () => {
    const before = sent.length;
    const job = await client.runJob(textToVideo("one request"));
    expect(job.status).toBe("succeeded");
    expect(sent.slice(before)).toEqual(["POST /v1/jobs prefer:wait=25"]);
  });

  it("tells who its key is", async () => {
    expect(await client.me()).toMatchObject({
      tenant: { id: "local", limits: {} },
      key: { admin: true, scopes: expect.arrayContaining(["admin", "jobs:write", "jobs:read"]) },
    });
  });

  it("iterates every page of the tenant's jobs, newest first, one request per page", async () => {
    const created: string[] = [];
    for (const prompt of ["page one", "page two", "page three"]) {
      created.unshift((await client.createJob(textToVideo(prompt))).id);
    }
    const before = sent.length;
    const ids: string[] = [];
    for await (const job of client.jobs({ limit: 1 })) ids.push(job.id);
    const pages = sent.slice(before).filter((line) => line.startsWith("GET /v1/jobs?"));
    expect(ids.slice(0, 3)).toEqual(created);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toHaveLength(ids.length);
    expect(pages[1]).toMatch(/cursor=/);
  });

  it("gives the same job for the same idempotency key", async () => {
    const first = await client.createJob(textToVideo("same twice"), { idempotencyKey: "client-test-1" });
    const again = await client.createJob(textToVideo("same twice"), { idempotencyKey: "client-test-1" });
    expect(again.id).toBe(first.id);
    await expect(
      client.createJob(textToVideo("another body"), { idempotencyKey: "client-test-1" }),
    ).rejects.toMatchObject({ status: 409, code: "idempotency_conflict" });
  });

  it("throws the API's errors as PixpipeApiError with status, code, message, details and request id", async () => {
    const invalid = await client
      .createJob({
        type: "text_to_video",
        input: { prompt: "x", model: "v5", duration: 7, quality: "540p", aspect_ratio: "16:9" },
      })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(PixpipeApiError);
    expect(invalid).toMatchObject({
      status: 400,
      code: "invalid_request",
      details: expect.arrayContaining([expect.objectContaining({ path: "input.duration" })]),
      requestId: expect.any(String),
    });

    await expect(client.getJob("no-such-job")).rejects.toMatchObject({ status: 404, code: "not_found" });
    await expect(client.videoUrl("no-such-job")).rejects.toMatchObject({ status: 404, code: "not_found" });
    const stranger = new PixpipeNodeClient({ baseUrl: e2e.runtime.info.apiUrl, apiKey: "pp_not_a_key" });
    await expect(stranger.listJobs()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("says which host it cannot reach", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const offline = new PixpipeNodeClient({ baseUrl: url, apiKey: "k" });
    const error = await offline.getJob("x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PixpipeConnectionError);
    expect(error).toMatchObject({ url, message: `cannot reach ${url}: ECONNREFUSED` });
  });

  it("refuses a file of a type the API does not take before asking for an upload", async () => {
    const gif = path.join(dir, "anim.gif");
    await writeFile(gif, "GIF89a");
    const before = sent.length;
    await expect(client.uploadFile(gif)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    expect(sent.length).toBe(before);
  });
});
