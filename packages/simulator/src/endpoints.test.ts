import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { solidPng, tinyMp4, wav } from "./media";
import { type RunningSimulator, startSimulator } from "./simulator";
import {
  type Answer,
  fileForm,
  idOf,
  jpegHeader,
  type PixverseTestClient,
  pixverse,
  t2vBody,
} from "./test-support";

let sim: RunningSimulator;
let api: PixverseTestClient;

beforeAll(async () => {
  sim = await startSimulator({ generationMs: 60_000 });
  api = pixverse(sim);
});
afterAll(() => sim.stop());
beforeEach(() => sim.control.reset());

const expectError = (answer: Answer, errCode: number, message?: RegExp) => {
  expect(answer.status).toBe(200);
  expect(answer.json.ErrCode).toBe(errCode);
  expect(answer.json.Resp).toBeNull();
  if (message) expect(answer.json.ErrMsg).toMatch(message);
};

const expectOk = (answer: Answer) => {
  expect(answer.json, answer.text).toMatchObject({ ErrCode: 0, ErrMsg: "success" });
  return answer.json.Resp as Record<string, unknown>;
};

async function uploadImage(width = 640, height = 360): Promise<string> {
  const answer = await api.upload(
    "/openapi/v2/image/upload",
    fileForm("image", solidPng(width, height), "a.png", "image/png"),
  );
  return idOf(answer, "img_id");
}

async function uploadMedia(bytes: Buffer, name: string, type: string): Promise<string> {
  return idOf(await api.upload("/openapi/v2/media/upload", fileForm("file", bytes, name, type)), "media_id");
}

/** A finished PixVerse video to use as source_video_id. */
async function finishedVideo(): Promise<string> {
  const id = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
  sim.control.finish(id, 1);
  return id;
}

describe("authentication and tracing", () => {
  it("refuses a request without API-KEY", async () => {
    expectError(await api.get("/openapi/v2/account/balance", { apiKey: null }), 400012, /API-KEY/);
  });

  it("refuses an unknown API-KEY", async () => {
    expectError(
      await api.get("/openapi/v2/account/balance", { apiKey: "sk-wrong" }),
      400012,
      /Invalid API-KEY/,
    );
  });

  it("refuses a request without Ai-trace-id", async () => {
    expectError(
      await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId: null }),
      400011,
      /Ai-trace-id/,
    );
  });

  it("refuses an Ai-trace-id that is not a UUID", async () => {
    expectError(await api.get("/openapi/v2/account/balance", { traceId: "not-a-uuid" }), 400017, /UUID/);
  });

  it("checks the key on every endpoint, uploads included", async () => {
    const answer = await api.upload(
      "/openapi/v2/image/upload",
      fileForm("image", solidPng(8, 8), "a.png", "image/png"),
      {
        apiKey: "sk-wrong",
      },
    );
    expectError(answer, 400012);
    expect(sim.control.ledger().uploads).toHaveLength(0);
  });
});

describe("uploads", () => {
  it("uploads a PNG and a JPEG file and returns integer img_id and img_url", async () => {
    const png = await api.upload(
      "/openapi/v2/image/upload",
      fileForm("image", solidPng(100, 50), "a.png", "image/png"),
    );
    const resp = expectOk(png);
    expect(png.text).toMatch(/"img_id":\d+/);
    expect(resp.img_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/uploads\/\d+\.png$/);
    const served = await fetch(resp.img_url as string);
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const jpeg = await api.upload(
      "/openapi/v2/image/upload",
      fileForm("image", jpegHeader(800, 600), "a.jpg", "image/jpeg"),
    );
    expectOk(jpeg);
  });

  it("lists each file upload in the ledger with the SHA-256 of the bytes received", async () => {
    const image = solidPng(20, 10);
    const imgId = idOf(
      await api.upload("/openapi/v2/image/upload", fileForm("image", image, "a.png", "image/png")),
      "img_id",
    );
    const audio = wav(1);
    const mediaId = idOf(
      await api.upload("/openapi/v2/media/upload", fileForm("file", audio, "a.wav", "audio/wav")),
      "media_id",
    );
    const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    expect(sim.control.ledger().uploads).toEqual([
      expect.objectContaining({ id: imgId, kind: "image", source: "file", sha256: digest(image) }),
      expect.objectContaining({ id: mediaId, kind: "audio", source: "file", sha256: digest(audio) }),
    ]);
  });

  it("records an image_url upload without fetching it", async () => {
    const form = new FormData();
    form.append("image_url", "https://images.example.invalid/cat.png");
    const resp = expectOk(await api.upload("/openapi/v2/image/upload", form));
    expect(resp.img_url).toBe("https://images.example.invalid/cat.png");
    expect(sim.control.ledger().uploads[0]).toMatchObject({ kind: "image", source: "url" });
    expect(sim.control.ledger().uploads[0]).not.toHaveProperty("sha256");
  });

  it("refuses an image upload with neither or both of image and image_url", async () => {
    expectError(await api.upload("/openapi/v2/image/upload", new FormData()), 400011);
    const both = fileForm("image", solidPng(8, 8), "a.png", "image/png");
    both.append("image_url", "https://example.invalid/a.png");
    expectError(await api.upload("/openapi/v2/image/upload", both), 400017);
  });

  it("refuses images that are not png/jpeg/webp, too large or beyond 4000 px", async () => {
    const gif = Buffer.from("GIF89a....");
    expectError(
      await api.upload("/openapi/v2/image/upload", fileForm("image", gif, "a.gif", "image/gif")),
      500032,
    );
    const wide = fileForm("image", jpegHeader(4001, 100), "a.jpg", "image/jpeg");
    expectError(await api.upload("/openapi/v2/image/upload", wide), 500030);
    const big = Buffer.concat([solidPng(8, 8), Buffer.alloc(20 * 1024 * 1024)]);
    expectError(
      await api.upload("/openapi/v2/image/upload", fileForm("image", big, "a.png", "image/png")),
      500030,
    );
    const form = new FormData();
    form.append("image_url", "ftp://example.invalid/a.png");
    expectError(await api.upload("/openapi/v2/image/upload", form), 500042);
  });

  it("refuses a non-multipart upload with 400013", async () => {
    expectError(await api.post("/openapi/v2/image/upload", { image_url: "https://x/a.png" }), 400013);
  });

  it("uploads video and audio files and detects media_type", async () => {
    const video = expectOk(
      await api.upload("/openapi/v2/media/upload", fileForm("file", tinyMp4("v", 5), "v.mp4", "video/mp4")),
    );
    expect(video.media_type).toBe("video");
    expect(video.url).toMatch(/\/media\/uploads\/\d+\.mp4$/);
    const audio = expectOk(
      await api.upload("/openapi/v2/media/upload", fileForm("file", wav(2), "a.wav", "audio/wav")),
    );
    expect(audio.media_type).toBe("audio");
    const byUrl = new FormData();
    byUrl.append("file_url", "https://example.invalid/clip.mov");
    expect(expectOk(await api.upload("/openapi/v2/media/upload", byUrl)).media_type).toBe("video");
  });

  it("refuses media longer than 30 s and unknown formats", async () => {
    const long = fileForm("file", tinyMp4("v", 31), "v.mp4", "video/mp4");
    expectError(await api.upload("/openapi/v2/media/upload", long), 400017, /30s/);
    const text = fileForm("file", Buffer.from("hello"), "a.txt", "text/plain");
    expectError(await api.upload("/openapi/v2/media/upload", text), 400017, /format/);
    expectError(await api.upload("/openapi/v2/media/upload", new FormData()), 400011);
  });
});

describe("text-to-video", () => {
  it("answers a video_id and charges credits", async () => {
    const answer = await api.post("/openapi/v2/video/text/generate", t2vBody);
    expect(answer.text).toMatch(/"video_id":\d+/);
    const ledger = sim.control.ledger();
    expect(ledger.generations).toHaveLength(1);
    expect(ledger.generations[0]).toMatchObject({ operation: "text_to_video", status: 5, credits: 45 });
    expect(ledger.balance.creditMonthly).toBe(1_000_000 - 45);
  });

  it.each([
    [{ ...t2vBody, prompt: undefined }, 400011, /prompt/],
    [{ ...t2vBody, prompt: "" }, 400011, /prompt/],
    [{ ...t2vBody, model: "v9" }, 400017, /model/],
    [{ ...t2vBody, duration: 10 }, 400017, /duration/],
    [{ ...t2vBody, duration: "5" }, 400013, /duration/],
    [{ ...t2vBody, model: "v4.5", quality: "1080p", duration: 8 }, 400017, /1080p/],
    [{ ...t2vBody, quality: "4k" }, 400017, /quality/],
    [{ ...t2vBody, aspect_ratio: "21:9" }, 400017, /aspect_ratio/],
    [{ ...t2vBody, aspect_ratio: undefined }, 400011, /aspect_ratio/],
    [{ ...t2vBody, model: "v5", motion_mode: "fast" }, 400017, /motion_mode/],
    [{ ...t2vBody, model: "v4.5", motion_mode: "fast", duration: 8 }, 400017, /5s/],
    [{ ...t2vBody, seed: -1 }, 400017, /seed/],
    [{ ...t2vBody, style: "watercolour" }, 400017, /style/],
    [{ ...t2vBody, prompt: "x".repeat(5001) }, 400018, /prompt/],
    [{ ...t2vBody, negative_prompt: "x".repeat(2049) }, 400019, undefined],
    [{ ...t2vBody, template_id: 308621408717184, camera_movement: "zoom_in" }, 400017, /camera_movement/],
    [{ ...t2vBody, template_id: 999 }, 500070, undefined],
    [{ ...t2vBody, model: "v5", generate_audio_switch: true }, 400017, /generate_audio_switch/],
  ])("refuses invalid body %# with its ErrCode", async (body, errCode, message) => {
    expectError(await api.post("/openapi/v2/video/text/generate", body), errCode, message);
    expect(sim.control.ledger().generations).toHaveLength(0);
  });

  it("accepts v6 with any duration 1-15 and wide aspect ratios", async () => {
    const answer = await api.post("/openapi/v2/video/text/generate", {
      ...t2vBody,
      model: "v6",
      duration: 13,
      aspect_ratio: "21:9",
      quality: "720p",
      generate_audio_switch: true,
    });
    expectOk(answer);
    const result = expectOk(await api.get(`/openapi/v2/video/result/${idOf(answer, "video_id")}`));
    expect(result).toMatchObject({
      status: 5,
      outputWidth: 1680,
      outputHeight: 720,
      has_audio: true,
      url: "",
    });
  });

  it("refuses malformed JSON and a body without Content-Type application/json with 400013", async () => {
    expectError(await api.post("/openapi/v2/video/text/generate", "{not json"), 400013);
    const response = await fetch(`${sim.url}/openapi/v2/video/text/generate`, {
      method: "POST",
      headers: { "API-KEY": sim.apiKey, "Ai-trace-id": randomUUID(), "Content-Type": "text/plain" },
      body: JSON.stringify(t2vBody),
    });
    expect(await response.json()).toMatchObject({ ErrCode: 400013, Resp: null });
  });
});

describe("image-based generation", () => {
  it("image-to-video needs a known img_id sent as an integer", async () => {
    const img = await uploadImage();
    const body = { img_id: 1, prompt: "go", model: "v5", duration: 5, quality: "540p" };
    expectOk(
      await api.post(
        "/openapi/v2/video/img/generate",
        `{"img_id":${img},"prompt":"go","model":"v5","duration":5,"quality":"540p"}`,
      ),
    );
    expectError(await api.post("/openapi/v2/video/img/generate", { ...body, img_id: 12345 }), 400032);
    expectError(await api.post("/openapi/v2/video/img/generate", { ...body, img_id: img }), 400013, /img_id/);
  });

  it("template videos take img_ids for multi-image templates and check the template", async () => {
    const [a, b] = [await uploadImage(), await uploadImage()];
    const kiss = `{"template_id":315446315336768,"img_ids":[${a},${b}],"quality":"720p","duration":5,"prompt":""}`;
    expectOk(await api.post("/openapi/v2/video/img/generate", kiss));
    const single = `{"template_id":315446315336768,"img_id":${a},"quality":"720p"}`;
    expectError(await api.post("/openapi/v2/video/img/generate", single), 400017, /2 image/);
    const lowOnly = `{"template_id":313358700761536,"img_id":${a},"quality":"720p"}`;
    expectError(await api.post("/openapi/v2/video/img/generate", lowOnly), 500071);
    const inactive = `{"template_id":321958627120000,"img_id":${a},"quality":"540p"}`;
    expectError(await api.post("/openapi/v2/video/img/generate", inactive), 500070);
  });

  it("transition needs both frames", async () => {
    const a = await uploadImage();
    const body = `{"first_frame_img":${a},"last_frame_img":${a},"prompt":"morph","model":"v4.5","duration":5,"quality":"360p"}`;
    expectOk(await api.post("/openapi/v2/video/transition/generate", body));
    const missing = `{"first_frame_img":${a},"prompt":"morph","model":"v4.5","duration":5,"quality":"360p"}`;
    expectError(await api.post("/openapi/v2/video/transition/generate", missing), 400011, /last_frame_img/);
  });

  it("multi-transition checks item count, durations and model, and reports credits", async () => {
    const a = await uploadImage();
    const items = (durations: (number | null)[]) =>
      `[${durations.map((d) => `{"img_id":${a}${d === null ? "" : `,"duration":${d}`}}`).join(",")}]`;
    const ok = await api.post(
      "/openapi/v2/video/multi_transition/generate",
      `{"multi_transition":${items([3, 4, null])},"model":"v5","quality":"540p"}`,
    );
    expect(expectOk(ok).credits).toBe(63);
    const tooLong = `{"multi_transition":${items([6, 4, null])},"model":"v5","quality":"540p"}`;
    expectError(
      await api.post("/openapi/v2/video/multi_transition/generate", tooLong),
      400017,
      /between 1 and 5/,
    );
    const one = `{"multi_transition":${items([null])},"model":"v5","quality":"540p"}`;
    expectError(await api.post("/openapi/v2/video/multi_transition/generate", one), 400017, /at least 2/);
    const v6 = `{"multi_transition":${items([3, null])},"model":"v6","quality":"540p"}`;
    expectError(await api.post("/openapi/v2/video/multi_transition/generate", v6), 400017, /model/);
  });

  it("fusion checks references against the prompt", async () => {
    const a = await uploadImage();
    const refs = `[{"type":"subject","img_id":${a},"ref_name":"cat"},{"type":"background","img_id":${a},"ref_name":"beach"}]`;
    const body = (prompt: string, model = "v5") =>
      `{"image_references":${refs},"prompt":"${prompt}","model":"${model}","duration":5,"quality":"540p","aspect_ratio":"16:9"}`;
    expectOk(await api.post("/openapi/v2/video/fusion/generate", body("@cat on @beach ")));
    expectError(await api.post("/openapi/v2/video/fusion/generate", body("@cat alone")), 400017, /@beach/);
    expectError(
      await api.post("/openapi/v2/video/fusion/generate", body("@cat @beach", "v4")),
      400017,
      /model/,
    );
  });

  it("image template answers an image_id and credit; the result is a PNG", async () => {
    const a = await uploadImage();
    const answer = await api.post(
      "/openapi/v2/image/template/generate",
      `{"img_ids":[${a}],"template_id":340914720654592}`,
    );
    expect(expectOk(answer).credit).toBe(10);
    const imageId = idOf(answer, "image_id");
    expect(expectOk(await api.get(`/openapi/v2/image/result/${imageId}`))).toMatchObject({
      status: 5,
      url: "",
    });
    sim.control.finish(imageId, 1);
    const result = expectOk(await api.get(`/openapi/v2/image/result/${imageId}`));
    expect(result).toMatchObject({ status: 1, outputWidth: 768, outputHeight: 1024, credits: 10 });
    const png = Buffer.from(await (await fetch(result.url as string)).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(768);
    expectError(
      await api.post(
        "/openapi/v2/image/template/generate",
        `{"img_ids":[${a}],"template_id":308621408717184}`,
      ),
      500070,
    );
    expectError(await api.get(`/openapi/v2/video/result/${imageId}`), 500008);
  });
});

describe("video-based generation", () => {
  const sourcePaths = [
    "/openapi/v2/video/extend/generate",
    "/openapi/v2/video/lip_sync/generate",
    "/openapi/v2/video/sound_effect/generate",
    "/openapi/v2/video/restyle/generate",
    "/openapi/v2/video/mimic/generate",
    "/openapi/v2/video/modify/generate",
    "/openapi/v2/video/upscale/generate",
    "/openapi/v2/video/mask/selection",
  ];

  it.each(sourcePaths)("%s needs exactly one of source_video_id and video_media_id", async (path) => {
    const video = await finishedVideo();
    const media = await uploadMedia(tinyMp4("src"), "v.mp4", "video/mp4");
    expectError(
      await api.post(path, `{"source_video_id":${video},"video_media_id":${media}}`),
      400017,
      /only one/,
    );
    expectError(await api.post(path, `{}`), 400017, /source_video_id or video_media_id/);
    expectError(await api.post(path, `{"source_video_id":999}`), 400017, /does not exist/);
  });

  it("refuses a source video that has not finished, and an audio id as video", async () => {
    const pending = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    expectError(
      await api.post("/openapi/v2/video/upscale/generate", `{"source_video_id":${pending}}`),
      400017,
      /not been generated/,
    );
    const audio = await uploadMedia(wav(1), "a.wav", "audio/wav");
    expectError(
      await api.post("/openapi/v2/video/upscale/generate", `{"video_media_id":${audio}}`),
      400017,
      /not a video/,
    );
  });

  it("extend, sound effect, restyle, mimic, modify and upscale accept a valid source", async () => {
    const video = await finishedVideo();
    const img = await uploadImage();
    const src = `"source_video_id":${video}`;
    expectOk(
      await api.post(
        "/openapi/v2/video/extend/generate",
        `{${src},"prompt":"more","model":"v5","duration":5,"quality":"540p","seed":1}`,
      ),
    );
    expectOk(
      await api.post("/openapi/v2/video/sound_effect/generate", `{${src},"sound_effect_content":"rain"}`),
    );
    expect(
      expectOk(await api.post("/openapi/v2/video/restyle/generate", `{${src},"restyle_id":1001}`)).credits,
    ).toBe(60);
    expect(
      expectOk(
        await api.post("/openapi/v2/video/mimic/generate", `{${src},"img_id":${img},"quality":"540p"}`),
      ).credit,
    ).toBe(50);
    expectOk(
      await api.post(
        "/openapi/v2/video/modify/generate",
        `{${src},"prompt":"make it night","quality":"720p"}`,
      ),
    );
    expectOk(await api.post("/openapi/v2/video/upscale/generate", `{${src}}`));
  });

  it("restyle needs exactly one of restyle_id and restyle_prompt, mimic refuses 1080p", async () => {
    const video = await finishedVideo();
    const img = await uploadImage();
    const src = `"source_video_id":${video}`;
    expectError(
      await api.post("/openapi/v2/video/restyle/generate", `{${src}}`),
      400017,
      /restyle_id or restyle_prompt/,
    );
    expectError(
      await api.post("/openapi/v2/video/restyle/generate", `{${src},"restyle_id":1001,"restyle_prompt":"x"}`),
      400017,
    );
    expectError(
      await api.post("/openapi/v2/video/restyle/generate", `{${src},"restyle_id":77}`),
      400017,
      /77/,
    );
    expectError(
      await api.post("/openapi/v2/video/mimic/generate", `{${src},"img_id":${img},"quality":"1080p"}`),
      400017,
      /quality/,
    );
  });

  it("lip sync takes exactly one audio source and checks speakers and text length", async () => {
    const video = await finishedVideo();
    const audio = await uploadMedia(wav(2), "a.wav", "audio/wav");
    const src = `"source_video_id":${video}`;
    expectOk(await api.post("/openapi/v2/video/lip_sync/generate", `{${src},"audio_media_id":${audio}}`));
    expectOk(
      await api.post(
        "/openapi/v2/video/lip_sync/generate",
        `{${src},"lip_sync_tts_speaker_id":"auto","lip_sync_tts_content":"hello"}`,
      ),
    );
    expectError(await api.post("/openapi/v2/video/lip_sync/generate", `{${src}}`), 400017, /audio source/);
    expectError(
      await api.post(
        "/openapi/v2/video/lip_sync/generate",
        `{${src},"audio_media_id":${audio},"lip_sync_tts_speaker_id":"1","lip_sync_tts_content":"hi"}`,
      ),
      400017,
      /either/,
    );
    expectError(
      await api.post(
        "/openapi/v2/video/lip_sync/generate",
        `{${src},"lip_sync_tts_speaker_id":"99","lip_sync_tts_content":"hi"}`,
      ),
      400017,
      /speaker/,
    );
    const long = "x".repeat(201);
    expectError(
      await api.post(
        "/openapi/v2/video/lip_sync/generate",
        `{${src},"lip_sync_tts_speaker_id":"1","lip_sync_tts_content":"${long}"}`,
      ),
      400017,
      /200/,
    );
    const video2 = await uploadMedia(tinyMp4("v2"), "v.mp4", "video/mp4");
    expectError(
      await api.post(
        "/openapi/v2/video/lip_sync/generate",
        `{"video_media_id":${video2},"audio_media_id":${video2}}`,
      ),
      400017,
      /not an audio/,
    );
  });

  it("mask selection is billed and swap must use one of its masks", async () => {
    const video = await finishedVideo();
    const img = await uploadImage();
    const before = sim.control.ledger().balance.creditMonthly;
    const selection = expectOk(
      await api.post("/openapi/v2/video/mask/selection", `{"source_video_id":${video},"keyframe_id":3}`),
    );
    expect(selection).toMatchObject({ keyframe_id: 3, credits: 2 });
    expect(sim.control.ledger().balance.creditMonthly).toBe(before - 2);
    const masks = selection.mask_info as { mask_id: string; mask_name: string; mask_url: string }[];
    expect(masks.map((m) => m.mask_name)).toEqual(["person", "object", "background"]);
    expect(typeof masks[0]?.mask_id).toBe("string");
    expect((await fetch(selection.keyframe_url as string)).status).toBe(200);
    const swap = (keyframe: number, maskId: string) =>
      `{"source_video_id":${video},"keyframe_id":${keyframe},"mask_id":"${maskId}","img_id":${img},"quality":"720p"}`;
    expect(
      expectOk(await api.post("/openapi/v2/video/swap/generate", swap(3, masks[0]?.mask_id ?? ""))).credits,
    ).toBe(60);
    expectError(
      await api.post("/openapi/v2/video/swap/generate", swap(4, masks[0]?.mask_id ?? "")),
      400017,
      /keyframe 4/,
    );
    expectError(await api.post("/openapi/v2/video/swap/generate", swap(3, "123")), 400017, /mask_id/);
  });
});

describe("results, catalogues and balance", () => {
  it("answers 500008 for unknown ids and 400017 for non-numeric ids", async () => {
    expectError(await api.get("/openapi/v2/video/result/123"), 500008);
    expectError(await api.get("/openapi/v2/image/result/123"), 500008);
    expectError(await api.get("/openapi/v2/video/result/abc"), 400017);
  });

  it("lists TTS speakers with string ids", async () => {
    const resp = expectOk(await api.get("/openapi/v2/video/lip_sync/tts_list?page_num=1&page_size=30"));
    expect(resp.total).toBe(15);
    expect((resp.data as unknown[])[0]).toEqual({ speaker_id: "1", name: "Emily" });
  });

  it("lists restyles", async () => {
    const resp = expectOk(await api.get("/openapi/v2/video/restyle/list?page_num=1&page_size=2"));
    expect(resp.total).toBe(5);
    expect(resp.data).toHaveLength(2);
  });

  it("lists templates by type, localised, and refuses other page sizes", async () => {
    const video = expectOk(
      await api.get("/openapi/v2/video/effects/templates/list?type=1&page=1&pageSize=10"),
    );
    const items = video.effect_items as {
      template_id: number;
      template_type: number;
      display_name: string;
    }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.template_type === 1)).toBe(true);
    const zh = await fetch(`${sim.url}/openapi/v2/video/effects/templates/list?type=2`, {
      headers: { "API-KEY": sim.apiKey, "Ai-trace-id": randomUUID(), "Accept-Language": "zh-CN" },
    });
    expect(await zh.text()).toContain("吉卜力");
    expectError(await api.get("/openapi/v2/video/effects/templates/list?pageSize=30"), 400017, /pageSize/);
  });

  it("reports the balance with account_id, credit_monthly and credit_package", async () => {
    sim.control.setCredits({ monthly: 100, package: 30 });
    expect(expectOk(await api.get("/openapi/v2/account/balance"))).toEqual({
      account_id: 123452341,
      credit_monthly: 100,
      credit_package: 30,
    });
  });
});

describe("credits and concurrency", () => {
  it("answers 500090 when the balance does not cover the generation, spending package credits after monthly", async () => {
    sim.control.setCredits({ monthly: 30, package: 20 });
    expectOk(await api.post("/openapi/v2/video/text/generate", t2vBody));
    expect(sim.control.ledger().balance).toMatchObject({ creditMonthly: 0, creditPackage: 5 });
    expectError(await api.post("/openapi/v2/video/text/generate", t2vBody), 500090);
    expect(sim.control.ledger().generations).toHaveLength(1);
  });

  it("answers 500044 when the concurrency limit is reached and accepts again once one finishes", async () => {
    sim.control.setConcurrencyLimit(2);
    const first = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    expectOk(await api.post("/openapi/v2/video/text/generate", t2vBody));
    expectError(await api.post("/openapi/v2/video/text/generate", t2vBody), 500044);
    sim.control.finish(first, 1);
    expectOk(await api.post("/openapi/v2/video/text/generate", t2vBody));
  });

  it("counts generations in flight and the peak reached, replays and refusals excluded", async () => {
    sim.control.setConcurrencyLimit(3);
    const traceId = randomUUID();
    const first = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId }), "video_id");
    const second = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    expectOk(await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId }));
    expect(sim.control.ledger()).toMatchObject({ inFlight: 2, peakInFlight: 2 });
    sim.control.finish(first, 1);
    sim.control.finish(second, 8);
    expect(sim.control.ledger()).toMatchObject({ inFlight: 0, peakInFlight: 2 });
    for (let i = 0; i < 3; i++) expectOk(await api.post("/openapi/v2/video/text/generate", t2vBody));
    expectError(await api.post("/openapi/v2/video/text/generate", t2vBody), 500044);
    expect(sim.control.ledger()).toMatchObject({ inFlight: 3, peakInFlight: 3 });
    sim.control.reset();
    expect(sim.control.ledger()).toMatchObject({ inFlight: 0, peakInFlight: 0 });
  });
});

describe("trace-id reuse", () => {
  it("returns the original video_id for a reused Ai-trace-id and generates nothing new", async () => {
    const traceId = randomUUID();
    const first = await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId });
    const again = await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId });
    expect(idOf(again, "video_id")).toBe(idOf(first, "video_id"));
    const ledger = sim.control.ledger();
    expect(ledger.generations).toHaveLength(1);
    expect(ledger.generations[0]).toMatchObject({ traceId, replays: 1 });
    expect(ledger.creditsSpent).toBe(45);
  });

  it("replays even when the limits would now refuse a new submit", async () => {
    const traceId = randomUUID();
    const first = await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId });
    sim.control.setConcurrencyLimit(1);
    sim.control.setCredits(0);
    expect(idOf(await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId }), "video_id")).toBe(
      idOf(first, "video_id"),
    );
  });

  it("lets a trace id whose submit was refused be used again (a retry after 500044)", async () => {
    const traceId = randomUUID();
    sim.control.setConcurrencyLimit(0);
    expectError(await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId }), 500044);
    sim.control.setConcurrencyLimit(5);
    expectOk(await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId }));
    expect(sim.control.ledger().generations).toHaveLength(1);
  });
});

describe("large ids", () => {
  it("issues ids above 2^53 that survive a round trip through later requests", async () => {
    const big = await startSimulator({ largeIds: true, generationMs: 60_000 });
    try {
      const client = pixverse(big);
      const upload = await client.upload(
        "/openapi/v2/image/upload",
        fileForm("image", solidPng(16, 16), "a.png", "image/png"),
      );
      const imgId = idOf(upload, "img_id");
      expect(BigInt(imgId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
      expect(upload.text).toContain(`"img_id":${imgId}`);
      const submit = await client.post(
        "/openapi/v2/video/img/generate",
        `{"img_id":${imgId},"prompt":"go","model":"v5","duration":5,"quality":"540p"}`,
      );
      const videoId = idOf(submit, "video_id");
      expect(BigInt(videoId)).toBe(BigInt(imgId) + 1n);
      const result = await client.get(`/openapi/v2/video/result/${videoId}`);
      expect(result.text).toContain(`"id":${videoId}`);
      // the same id rounded by a lossy JSON parser names another (unknown) image
      const rounded = JSON.stringify({ img_id: Number(imgId) }).match(/\d+/)?.[0];
      expect(rounded).not.toBe(imgId);
      const lossy = await client.post(
        "/openapi/v2/video/img/generate",
        `{"img_id":${rounded},"prompt":"go","model":"v5","duration":5,"quality":"540p"}`,
      );
      expect(lossy.json.ErrCode).toBe(400032);
    } finally {
      await big.stop();
    }
  });
});
