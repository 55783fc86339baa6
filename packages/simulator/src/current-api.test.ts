/** What PixVerse takes today (V6 / C1) and real clients send: issue 12's rows, against the simulator over HTTP. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { solidPng, tinyMp4, wav } from "./media";
import { type RunningSimulator, startSimulator } from "./simulator";
import { type Answer, fileForm, idOf, type PixverseTestClient, pixverse, t2vBody } from "./test-support";

let sim: RunningSimulator;
let api: PixverseTestClient;

beforeAll(async () => {
  sim = await startSimulator({ generationMs: 60_000 });
  api = pixverse(sim);
});
afterAll(() => sim.stop());
beforeEach(() => sim.control.reset());

const ok = (answer: Answer) => {
  expect(answer.json, answer.text).toMatchObject({ ErrCode: 0 });
  return answer.json.Resp as Record<string, unknown>;
};
const refused = (answer: Answer, errCode: number, message?: RegExp) => {
  expect(answer.json.ErrCode, answer.text).toBe(errCode);
  if (message) expect(answer.json.ErrMsg).toMatch(message);
};
const lastRequest = () => sim.control.ledger().generations.at(-1)?.request;

async function image(): Promise<string> {
  return idOf(
    await api.upload("/openapi/v2/image/upload", fileForm("image", solidPng(64, 36), "a.png", "image/png")),
    "img_id",
  );
}
async function media(bytes: Buffer, name: string, type: string): Promise<string> {
  return idOf(await api.upload("/openapi/v2/media/upload", fileForm("file", bytes, name, type)), "media_id");
}
const video = (seconds = 5) => media(tinyMp4("ref", seconds), "v.mp4", "video/mp4");
async function finishedVideo(): Promise<string> {
  const id = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
  sim.control.finish(id, 1);
  return id;
}

describe("V6 fields (rows 1, 3, 7, 8)", () => {
  it("takes negative_prompt and style on transition and fusion, generate_audio_switch on extend", async () => {
    const [a, b] = [await image(), await image()];
    const extras = `"negative_prompt":"blur","style":"realistic","generate_audio_switch":true`;
    ok(
      await api.post(
        "/openapi/v2/video/transition/generate",
        `{"model":"v6","prompt":"dusk","duration":5,"quality":"720p",${extras},"first_frame_img":${a},"last_frame_img":${b}}`,
      ),
    );
    expect(lastRequest()).toMatchObject({ negative_prompt: "blur", style: "realistic" });
    ok(
      await api.post(
        "/openapi/v2/video/fusion/generate",
        `{"model":"v6","prompt":"@hero walks","duration":5,"quality":"720p","aspect_ratio":"16:9",${extras},"image_references":[{"type":"subject","img_id":${a},"ref_name":"hero"}]}`,
      ),
    );
    const source = await video();
    const extended = await api.post(
      "/openapi/v2/video/extend/generate",
      `{"model":"v6","prompt":"on","duration":5,"quality":"720p","seed":1,${extras},"video_media_id":${source}}`,
    );
    const result = ok(await api.get(`/openapi/v2/video/result/${idOf(extended, "video_id")}`));
    expect(result.has_audio).toBe(true);
    refused(
      await api.post(
        "/openapi/v2/video/extend/generate",
        `{"model":"v5","prompt":"on","duration":5,"quality":"720p","seed":1,"generate_audio_switch":true,"video_media_id":${source}}`,
      ),
      400017,
      /generate_audio_switch/,
    );
  });

  it('takes style "realistic", v5 1080p at 8 s, and the MCP\'s play_bgm, sound_mode and camera "default"', async () => {
    ok(await api.post("/openapi/v2/video/text/generate", { ...t2vBody, style: "realistic" }));
    const long = ok(
      await api.post("/openapi/v2/video/text/generate", { ...t2vBody, quality: "1080p", duration: 8 }),
    );
    expect(long.video_id).toBeDefined();
    const mcp = {
      ...t2vBody,
      motion_mode: "normal",
      camera_movement: "default",
      water_mark: false,
      play_bgm: true,
      sound_effect_switch: true,
      sound_mode: "default_music",
    };
    const answer = await api.post("/openapi/v2/video/text/generate", mcp);
    expect(ok(await api.get(`/openapi/v2/video/result/${idOf(answer, "video_id")}`)).has_audio).toBe(true);
    expect(sim.control.ledger().generations.at(-1)?.ignoredFields).toEqual([]);
    refused(
      await api.post("/openapi/v2/video/text/generate", { ...mcp, sound_effect_content: "rain" }),
      400017,
      /sound_mode/,
    );
    refused(
      await api.post("/openapi/v2/video/text/generate", { ...mcp, sound_mode: "jazz" }),
      400017,
      /sound_mode/,
    );
  });

  it("takes up to 3 mask_urls on modify", async () => {
    const source = await finishedVideo();
    const body = (n: number) =>
      `{"source_video_id":${source},"prompt":"@selection0 red","quality":"720p","mask_urls":${JSON.stringify(
        Array.from({ length: n }, (_, i) => `https://media.pixverse.ai/m${i}.png`),
      )}}`;
    ok(await api.post("/openapi/v2/video/modify/generate", body(3)));
    refused(await api.post("/openapi/v2/video/modify/generate", body(4)), 400017, /mask_urls/);
  });
});

describe("fusion omni mode (row 2)", () => {
  const omni = async (
    extra: { images?: string[]; videos?: string[]; fields?: string; prompt?: string } = {},
  ) => {
    const images = extra.images ?? [await image()];
    const videos = extra.videos ?? [await video(5), await video(8)];
    const refs = images.map((id, i) => `{"type":"subject","img_id":${id},"ref_name":"subject${i + 1}"}`);
    const vrefs = videos.map((id, i) => `{"ref_name":"video${i + 1}","video_media_id":${id}}`);
    const mentions = [...images.map((_, i) => `@subject${i + 1}`), ...videos.map((_, i) => `@video${i + 1}`)];
    return api.post(
      "/openapi/v2/video/fusion/generate",
      `{"model":"v6","quality":"720p","seed":1,"generate_audio_switch":true,"reference_mode":"omni","prompt":"${
        extra.prompt ?? mentions.join(" ")
      }","image_references":[${refs}],"video_references":[${vrefs}],${extra.fields ?? `"duration":0,"aspect_ratio":"auto"`}}`,
    );
  };

  it("follows the reference videos: duration 0 becomes the longest video, auto takes its frame", async () => {
    const answer = await omni();
    const result = ok(await api.get(`/openapi/v2/video/result/${idOf(answer, "video_id")}`));
    expect(result).toMatchObject({ outputWidth: 1280, outputHeight: 720, has_audio: true });
    expect(sim.control.ledger().generations.at(-1)).toMatchObject({ credits: 12 * 8, ignoredFields: [] });
  });

  it("takes up to 10 images and 2 videos of at most 15 s together", async () => {
    const ten = await Promise.all(Array.from({ length: 10 }, () => image()));
    ok(await omni({ images: ten }));
    refused(await omni({ images: [...ten, await image()] }), 400017, /at most 10/);
    refused(await omni({ videos: [await video(), await video(), await video()] }), 400017, /at most 2/);
    refused(await omni({ videos: [await video(8), await video(8)] }), 400017, /15s together/);
    ok(await omni({ images: [], videos: [await video(4)] }));
  });

  it("refuses what omni mode does not allow", async () => {
    refused(await omni({ fields: `"duration":5,"aspect_ratio":"auto"` }), 400017, /duration must be 0/);
    const id = await image();
    refused(
      await omni({ images: [id], videos: [], fields: `"duration":5,"aspect_ratio":"auto"` }),
      400017,
      /aspect_ratio/,
    );
    const source = await video();
    refused(
      await api.post(
        "/openapi/v2/video/fusion/generate",
        `{"model":"v6","quality":"720p","duration":0,"aspect_ratio":"16:9","prompt":"@v","video_references":[{"ref_name":"v","video_media_id":${source}}]}`,
      ),
      400017,
      /reference_mode/,
    );
    refused(
      await api.post(
        "/openapi/v2/video/fusion/generate",
        `{"model":"v5.6","reference_mode":"omni","quality":"720p","duration":0,"aspect_ratio":"16:9","prompt":"@v","video_references":[{"ref_name":"v","video_media_id":${source}}]}`,
      ),
      400017,
      /model v6/,
    );
  });
});

describe("TTS speakers and custom voices (row 4)", () => {
  it("lists PixVerse's voices on both paths, page sizes 10/20/50/100 on tts_speaker", async () => {
    expect(ok(await api.get("/openapi/v2/video/lip_sync/tts_list?page_num=1&page_size=30")).total).toBe(15);
    const current = ok(
      await api.get("/openapi/v2/video/tts_speaker?page_num=1&page_size=10&speaker_type=system"),
    );
    expect(current).toMatchObject({ total: 15 });
    expect(current.data).toHaveLength(10);
    refused(await api.get("/openapi/v2/video/tts_speaker?page_size=30"), 400017, /page_size/);
    refused(await api.get("/openapi/v2/video/tts_speaker?speaker_type=robot"), 400017, /speaker_type/);
  });

  it("creates a custom voice from uploaded audio, usable for lip sync until deleted", async () => {
    const audio = await media(wav(2), "me.wav", "audio/wav");
    const created = ok(
      await api.post("/openapi/v2/video/tts_speaker", `{"name":"Me","audio_media_id":${audio}}`),
    );
    const speakerId = String(created.speaker_id);
    const custom = ok(await api.get("/openapi/v2/video/tts_speaker?speaker_type=custom"));
    expect(custom).toEqual({ total: 1, data: [{ speaker_id: speakerId, name: "Me" }] });
    expect(ok(await api.get("/openapi/v2/video/tts_speaker?page_size=100")).total).toBe(16);
    expect(ok(await api.get("/openapi/v2/video/lip_sync/tts_list")).total).toBe(15);
    const source = await finishedVideo();
    const lipSync = `{"source_video_id":${source},"lip_sync_tts_speaker_id":"${speakerId}","lip_sync_tts_content":"hi"}`;
    ok(await api.post("/openapi/v2/video/lip_sync/generate", lipSync));
    ok(await api.delete(`/openapi/v2/video/tts_speaker/${speakerId}`));
    refused(await api.post("/openapi/v2/video/lip_sync/generate", lipSync), 400017, /speaker/);
    refused(await api.delete(`/openapi/v2/video/tts_speaker/${speakerId}`), 500008);
    refused(await api.delete("/openapi/v2/video/tts_speaker/1"), 400017, /cannot be deleted/);
    const notAudio = await video();
    refused(
      await api.post("/openapi/v2/video/tts_speaker", `{"name":"V","audio_media_id":${notAudio}}`),
      400017,
    );
    refused(await api.post("/openapi/v2/video/tts_speaker", `{"audio_media_id":${audio}}`), 400011, /name/);
  });
});

describe("sound effect text and swap (rows 5, 6)", () => {
  it("takes the sound description as prompt or as sound_effect_content", async () => {
    const source = await finishedVideo();
    for (const field of ["prompt", "sound_effect_content"]) {
      ok(
        await api.post(
          "/openapi/v2/video/sound_effect/generate",
          `{"source_video_id":${source},"${field}":"rain"}`,
        ),
      );
      expect(sim.control.ledger().generations.at(-1)?.ignoredFields).toEqual([]);
    }
  });

  it("swaps without keyframe_id and mask_id; a mask_id must still come from a selection", async () => {
    const source = await finishedVideo();
    const img = await image();
    ok(
      await api.post(
        "/openapi/v2/video/swap/generate",
        `{"source_video_id":${source},"img_id":${img},"quality":"540p"}`,
      ),
    );
    refused(
      await api.post(
        "/openapi/v2/video/swap/generate",
        `{"source_video_id":${source},"img_id":${img},"quality":"540p","mask_id":"m1"}`,
      ),
      400017,
      /keyframe 1/,
    );
    const selection = ok(await api.post("/openapi/v2/video/mask/selection", `{"source_video_id":${source}}`));
    const [mask] = selection.mask_info as { mask_id: string }[];
    ok(
      await api.post(
        "/openapi/v2/video/swap/generate",
        `{"source_video_id":${source},"img_id":${img},"quality":"540p","mask_id":"${mask?.mask_id}"}`,
      ),
    );
  });
});

describe("usage detail (row 12)", () => {
  const now = () => new Date().toISOString().replace("T", " ").slice(0, 19);
  const range = { start_time: "2000-01-01 00:00:00", end_time: now() };

  it("lists every charge and refund of the ledger, filtered and paged", async () => {
    const kept = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    const failed = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(failed, 8);
    const recent = {
      start_time: new Date(Date.now() - 86_400_000).toISOString().replace("T", " ").slice(0, 19),
      end_time: now(),
    };
    const all = ok(await api.post("/openapi/v2/account/billing/usage-detail", recent));
    expect(all).toMatchObject({ has_more: false, next_cursor: "" });
    expect(all.items).toEqual([
      {
        video_id: Number(kept),
        creation_type: "text_to_video",
        credits: 45,
        credits_status: "consume",
        create_time: expect.any(String),
      },
      {
        video_id: Number(failed),
        creation_type: "text_to_video",
        credits: 45,
        credits_status: "consume",
        create_time: expect.any(String),
      },
      {
        video_id: Number(failed),
        creation_type: "text_to_video",
        credits: 45,
        credits_status: "refund",
        create_time: expect.any(String),
      },
    ]);
    const refunds = ok(
      await api.post("/openapi/v2/account/billing/usage-detail", { ...recent, credits_status: "refund" }),
    );
    expect(refunds.items).toHaveLength(1);
    const first = ok(await api.post("/openapi/v2/account/billing/usage-detail", { ...recent, limit: 2 }));
    expect(first).toMatchObject({ has_more: true });
    const second = ok(
      await api.post("/openapi/v2/account/billing/usage-detail", { cursor: first.next_cursor, limit: 2 }),
    );
    expect(second).toMatchObject({ has_more: false, items: [{ credits_status: "refund" }] });
    const swaps = ok(
      await api.post("/openapi/v2/account/billing/usage-detail", {
        ...recent,
        creation_type: ["swap", "swap_mask"],
      }),
    );
    expect(swaps.items).toEqual([]);
  });

  it("refuses malformed times, ranges over 30 days, bad limits and filters", async () => {
    const post = (body: object) => api.post("/openapi/v2/account/billing/usage-detail", body);
    refused(await post({ start_time: "2026-01-01", end_time: now() }), 400017, /start_time/);
    refused(await post({ ...range }), 400017, /30 days/);
    refused(
      await post({ start_time: "2026-02-02 00:00:00", end_time: "2026-02-01 00:00:00" }),
      400017,
      /later/,
    );
    refused(
      await post({ start_time: "2026-02-01 00:00:00", end_time: "2026-02-02 00:00:00", limit: 101 }),
      400017,
    );
    refused(
      await post({
        start_time: "2026-02-01 00:00:00",
        end_time: "2026-02-02 00:00:00",
        credits_status: "gift",
      }),
      400017,
    );
    refused(
      await post({
        start_time: "2026-02-01 00:00:00",
        end_time: "2026-02-02 00:00:00",
        creation_type: ["x"],
      }),
      400017,
    );
    refused(await post({ end_time: now() }), 400011, /start_time/);
  });
});

describe("what was sent", () => {
  it("accepts fields it does not know, records them on the generation and logs every request", async () => {
    const traceId = randomUUID();
    const body = { ...t2vBody, brand_new_switch: true, brand_new_mode: "x" };
    ok(await api.post("/openapi/v2/video/text/generate", body, { traceId }));
    const [generation] = sim.control.ledger().generations;
    expect(generation).toMatchObject({
      request: body,
      ignoredFields: ["brand_new_switch", "brand_new_mode"],
    });
    refused(await api.post("/openapi/v2/video/text/generate", { ...t2vBody, duration: 99 }), 400017);
    await api.get("/openapi/v2/account/balance");
    const requests = sim.control.requests();
    expect(requests.map((r) => [r.operation, r.errCode])).toEqual([
      ["text_to_video", 0],
      ["text_to_video", 400017],
      ["balance", 0],
    ]);
    expect(requests[0]).toMatchObject({
      method: "POST",
      path: "/openapi/v2/video/text/generate",
      traceId,
      body,
    });
    expect(await (await fetch(`${sim.url}/_sim/requests`)).json()).toHaveLength(3);
  });

  it("logs uploads by their form fields, files by name and size", async () => {
    await api.upload("/openapi/v2/image/upload", fileForm("image", solidPng(8, 8), "a.png", "image/png"));
    expect(sim.control.requests()[0]?.body).toEqual({
      image: { file: "a.png", size: solidPng(8, 8).length, type: "image/png" },
    });
  });
});
