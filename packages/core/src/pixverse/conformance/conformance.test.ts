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
import { parsePixverseJson, stringifyPixverseJson } from "../json";
import { CONFORMANCE_CASES, type ConformanceCase, type MediaKind, uploadKey, withIds } from "./cases";

/** What a body looks like after a round trip over PixVerse's wire (ids as JSON integers, parsed losslessly). */
const lossless = (body: unknown) => parsePixverseJson(stringifyPixverseJson(body));

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
    expect(received?.request, caseName(c)).toEqual(lossless(withIds(c.sent ?? c.body, ids)));
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
      expect(lossless(request.body)).toEqual(lossless(withIds(c.body, ids)));
    });
  }
});
