import { randomUUID } from "node:crypto";
import { type RunningSimulator, solidPng, startSimulator, tinyMp4, wav } from "@pixpipe/simulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type MediaRef,
  mediaSlots,
  parseJobRequest,
  type ResolvedMedia,
  toPixverseRequest,
} from "../../job/input";
import type { VideoCapabilityBody } from "../capabilities";
import { PixverseClient } from "../client";
import {
  asReceived,
  CONFORMANCE_CASES,
  type ConformanceCase,
  expectedBody,
  inputWith,
  type MediaKind,
  uploadKey,
  withIds,
} from "./cases";

const caseName = (c: ConformanceCase) => `${c.name} (${c.source.repo}, ${c.source.function})`;

describe("conformance: each body a public client builds reaches PixVerse unchanged through PixverseClient", () => {
  let sim: RunningSimulator;
  let client: PixverseClient;

  beforeAll(async () => {
    // ids above 2^53, so that every id also shows it survived the trip
    sim = await startSimulator({ largeIds: true, generationMs: 60_000 });
    client = new PixverseClient({ baseUrl: sim.url, apiKey: sim.apiKey });
  });
  beforeEach(() => sim.control.reset());
  afterAll(async () => {
    await client.close();
    await sim.stop();
  });

  async function create(name: string, kind: MediaKind): Promise<string> {
    switch (kind) {
      case "image":
        return (
          await client.uploadImage({
            file: { data: solidPng(64, 36), filename: `${name}.png`, contentType: "image/png" },
          })
        ).imgId;
      case "video":
        return (
          await client.uploadMedia({
            file: { data: tinyMp4(name, 5), filename: `${name}.mp4`, contentType: "video/mp4" },
          })
        ).mediaId;
      case "audio":
        return (
          await client.uploadMedia({
            file: { data: wav(2), filename: `${name}.wav`, contentType: "audio/wav" },
          })
        ).mediaId;
      case "pixverse_video": {
        const earlier = {
          prompt: name,
          model: "v5",
          duration: 5,
          quality: "540p",
          aspect_ratio: "16:9",
        } as const;
        const { videoId } = await client.generate("text", earlier, { traceId: randomUUID() });
        sim.control.finish(videoId, 1);
        return videoId;
      }
    }
  }

  /** Fields the simulator takes without reading: with a template, PixVerse decides model and duration itself. */
  const ignoredBySimulator: Record<string, string[]> = {
    "MCP image to video with a multi-image template": ["model", "duration"],
  };

  it.each(CONFORMANCE_CASES)("$name", async (c) => {
    const ids: Record<string, string> = {};
    for (const [name, kind] of Object.entries(c.media)) ids[name] = await create(name, kind);
    const body = withIds(c.body, ids) as VideoCapabilityBody<typeof c.capability>;
    await client.generate(c.capability, body, { traceId: randomUUID() });
    const received = sim.control.ledger().generations.at(-1);
    expect(received?.request, caseName(c)).toEqual(expectedBody(c, ids));
    expect(received?.ignoredFields).toEqual(ignoredBySimulator[c.name] ?? []);
  });
});

describe("conformance: each case's job input becomes the same PixVerse request", () => {
  /** Fake PixVerse ids above 2^53, one per media name. */
  const fakeIds = (c: ConformanceCase) =>
    Object.fromEntries(
      Object.keys(c.media).map((name, i) => [name, String(627410861853514292n + BigInt(i))]),
    );

  function resolve(c: ConformanceCase, input: unknown, ids: Record<string, string>): ResolvedMedia {
    const resolved: ResolvedMedia = {};
    for (const slot of mediaSlots(c.type, input)) {
      const ref: MediaRef = slot.ref;
      const name = "upload" in ref ? ref.upload.replace(uploadKey(""), "") : "job" in ref ? ref.job : ref.url;
      const id = ids[name] ?? "";
      const kind = c.media[name];
      resolved[slot.path] =
        kind === "image"
          ? { imgId: id }
          : kind === "pixverse_video"
            ? { sourceVideoId: id }
            : { mediaId: id };
    }
    return resolved;
  }

  for (const c of CONFORMANCE_CASES) {
    it(c.name, () => {
      const parsed = parseJobRequest({ type: c.type, input: c.input });
      expect(parsed, caseName(c)).toMatchObject({ ok: true, type: c.type, warnings: [] });
      if (!parsed.ok) return;
      const ids = fakeIds(c);
      const request = toPixverseRequest(c.type, parsed.input, resolve(c, parsed.input, ids));
      expect(request.capability).toBe(c.capability);
      expect(asReceived(request.body)).toEqual(asReceived(withIds(c.body, ids)));
    });
  }
});

describe("conformance fixtures: each case's input references exactly its media", () => {
  it.each(CONFORMANCE_CASES)("$name", (c) => {
    const refs = Object.fromEntries(
      Object.entries(c.media).map(([name, kind]) => [
        name,
        kind === "pixverse_video" ? { job: `job-of-${name}` } : { upload: `uploads/t/${name}` },
      ]),
    );
    const input = inputWith(c, refs);
    const text = JSON.stringify(input);
    expect(text).not.toContain(uploadKey(""));
    for (const ref of Object.values(refs)) expect(text).toContain(JSON.stringify(ref));
    expect(parseJobRequest({ type: c.type, input })).toMatchObject({ ok: true });
  });

  it("refuses to rewrite a reference to media it was not given", () => {
    const c = CONFORMANCE_CASES.find((k) => Object.keys(k.media).length > 0);
    expect(() => inputWith(c as ConformanceCase, {})).toThrow(/no reference for media/);
  });
});
