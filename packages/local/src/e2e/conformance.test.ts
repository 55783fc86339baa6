import { createHash } from "node:crypto";
import type { PublicJob } from "@pixpipe/core/job";
import type { MediaRef } from "@pixpipe/core/job/input";
import { PixverseClient } from "@pixpipe/core/pixverse";
import {
  CONFORMANCE_CASES,
  type ConformanceCase,
  expectedBody,
  inputWith,
  type MediaKind,
} from "@pixpipe/core/pixverse/conformance";
import { solidPng, tinyMp4, wav } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, it } from "vitest";
import { type E2eRuntime, sleep, startE2eRuntime, TEXT_TO_VIDEO } from "../test-support/e2e-runtime";

/**
 * Issue 12's conformance set end to end: each body a public client (ComfyUI's V6 nodes, the official MCP) sends
 * PixVerse, asked for as a pixpipe job through POST /v1/jobs with media uploaded through the API, reaches the
 * simulator field for field: nothing added, nothing dropped, each media reference the id PixVerse gave it.
 */

let e2e: E2eRuntime;

beforeAll(async () => {
  e2e = await startE2eRuntime();
});
afterAll(() => e2e?.stop());

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Distinct bytes for every file, so that the simulator's uploads tell which file each one was. */
let files = 0;
function fileFor(kind: Exclude<MediaKind, "pixverse_video">, label: string) {
  const n = ++files;
  switch (kind) {
    case "image":
      return { contentType: "image/png", filename: "still.png", bytes: solidPng(64, 36, [n, 255 - n, 128]) };
    case "video":
      return { contentType: "video/mp4", filename: "clip.mp4", bytes: tinyMp4(label, 5) };
    case "audio":
      return { contentType: "audio/wav", filename: "voice.wav", bytes: wav(2, 8000 + n) };
  }
}

/** The media a case names, made through the API: files uploaded, an earlier PixVerse video as a succeeded job. */
interface Made {
  ref: MediaRef;
  /** how to find the id PixVerse gave it once the job ran */
  pixverseId: () => string;
}

async function make(c: ConformanceCase, name: string, kind: MediaKind): Promise<Made> {
  const { api, sim } = e2e;
  if (kind === "pixverse_video") {
    const earlier = await api.accepted({
      ...TEXT_TO_VIDEO,
      input: { ...TEXT_TO_VIDEO.input, prompt: `${c.name}: ${name}` },
    });
    const job = await api.waitForStatus(earlier.id, ["succeeded", "failed", "cancelled"], 60_000);
    if (job.status !== "succeeded" || !job.pixverse.videoId)
      throw new Error(`the earlier job for ${name} ended ${job.status}: ${JSON.stringify(job.error)}`);
    const videoId = job.pixverse.videoId;
    return { ref: { job: job.id }, pixverseId: () => videoId };
  }
  const file = fileFor(kind, `${c.name}: ${name}`);
  const key = await api.upload(file.contentType, file.filename, file.bytes);
  const digest = sha256(file.bytes);
  return {
    ref: { upload: key },
    pixverseId: () => {
      const [upload, ...others] = sim.control.ledger().uploads.filter((u) => u.sha256 === digest);
      if (!upload || others.length > 0)
        throw new Error(
          `${name}: ${others.length + (upload ? 1 : 0)} PixVerse uploads of its bytes, expected 1`,
        );
      return upload.id;
    },
  };
}

/** The generations PixVerse received for the job, once there is one; the job's error if it failed before. */
async function submitted(job: PublicJob, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const generations = e2e.generationsOf(job);
    if (generations.length > 0) return generations;
    const now = (await e2e.api.getJob(job.id)).body;
    if (now.status === "failed" || now.status === "cancelled")
      throw new Error(
        `job ${job.id} ended ${now.status} before PixVerse saw it: ${JSON.stringify(now.error)}`,
      );
    if (Date.now() > deadline)
      throw new Error(`PixVerse received no submit for job ${job.id} in ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe("conformance through POST /v1/jobs: PixVerse receives exactly what each public client sends", () => {
  it.concurrent.for(CONFORMANCE_CASES)("$name", async (c, { expect }) => {
    const made = Object.fromEntries(
      await Promise.all(
        Object.entries(c.media).map(async ([name, kind]) => [name, await make(c, name, kind)]),
      ),
    ) as Record<string, Made>;
    const refs = Object.fromEntries(Object.entries(made).map(([name, m]) => [name, m.ref]));

    const job = await e2e.api.accepted({ type: c.type, input: inputWith(c, refs) });
    expect(job.warnings ?? [], "no field passed through unrecognised").toEqual([]);
    const generations = await submitted(job);

    const ids = Object.fromEntries(Object.entries(made).map(([name, m]) => [name, m.pixverseId()]));
    expect(generations, "one submit").toHaveLength(1);
    expect(generations[0]?.request, `${c.source.repo} ${c.source.function}`).toStrictEqual(
      expectedBody(c, ids),
    );
  });
});

describe("TTS speakers (issue 12, row 4) through GET /v1/catalog/voices", () => {
  it("reaches PixVerse's tts_speaker list with speaker_type and page_size, the account's custom voices included", async ({
    expect,
  }) => {
    // A custom voice the account made in PixVerse.
    const pixverse = new PixverseClient({ baseUrl: e2e.sim.url, apiKey: e2e.sim.apiKey });
    const file = { data: wav(3), filename: "narrator.wav", contentType: "audio/wav" };
    const { mediaId } = await pixverse.uploadMedia({ file });
    const { speakerId } = await pixverse.createCustomVoice({ name: "narrator", audioMediaId: mediaId });
    await pixverse.close();

    type Voices = { total: number; speakers: { speakerId: string; name?: string }[] };
    const voices = async (query: string) => {
      const answer = await e2e.api.request<Voices>("GET", `/v1/catalog/voices?${query}`);
      expect(answer.status, query).toBe(200);
      return answer.body;
    };
    const mine = { speakerId, name: "narrator" };
    expect(await voices("speakerType=custom&pageSize=10")).toEqual({ total: 1, speakers: [mine] });
    const system = await voices("speakerType=system&pageSize=20");
    expect(system.speakers.length).toBeGreaterThan(0);
    expect(system.speakers).not.toContainEqual(mine);
    const all = await voices("speakerType=all&pageSize=100");
    expect(all.total).toBe(system.total + 1);
    expect(all.speakers).toContainEqual(mine);

    const asked = e2e.sim.control
      .requests()
      .filter((r) => r.method === "GET" && r.path === "/openapi/v2/video/tts_speaker" && r.query.speaker_type)
      .map((r) => r.query);
    expect(asked).toEqual([
      { page_num: "1", page_size: "10", speaker_type: "custom" },
      { page_num: "1", page_size: "20", speaker_type: "system" },
      { page_num: "1", page_size: "100", speaker_type: "all" },
    ]);

    // And a lip-sync job speaks with it.
    const clip = await e2e.api.upload("video/mp4", "talk.mp4", tinyMp4("custom voice clip", 5));
    const input = {
      video: { upload: clip },
      lip_sync_tts_speaker_id: speakerId,
      lip_sync_tts_content: "Hello.",
    };
    const [generation] = await submitted(await e2e.api.accepted({ type: "lip_sync", input }));
    expect(generation?.request).toMatchObject({ lip_sync_tts_speaker_id: speakerId });
  });
});
