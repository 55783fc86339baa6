import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { type RunningSimulator, solidPng, startSimulator, tinyMp4, wav } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { METRICS, MetricsRecorder } from "../metrics";
import type { VideoCapabilityBody } from "./capabilities";
import { PixverseClient } from "./client";
import { PixverseError } from "./errors";
import { usageTime } from "./queries";
import { InMemoryNonceStore, verifyPixverseWebhook } from "./webhook";

/** A short PCM WAV the simulator recognises as audio. */
const pngFile = () => ({ data: solidPng(64, 36), filename: "still.png", contentType: "image/png" });
const mp4File = () => ({ data: tinyMp4("source"), filename: "clip.mp4", contentType: "video/mp4" });
const t2v = {
  prompt: "a lighthouse at dawn",
  model: "v5",
  duration: 5,
  quality: "540p",
  aspect_ratio: "16:9",
} as const;

/** Resolves with the PixverseError a call rejects with (fails the test on success or another error). */
async function failure(call: Promise<unknown>): Promise<PixverseError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PixverseError);
  return error as PixverseError;
}

let sim: RunningSimulator;
let client: PixverseClient;

beforeAll(async () => {
  sim = await startSimulator({ generationMs: 60_000 });
  client = new PixverseClient({ baseUrl: sim.url, apiKey: sim.apiKey });
});
afterEach(() => sim.control.reset());
afterAll(async () => {
  await client.close();
  await sim.stop();
});

async function finishedVideo(): Promise<string> {
  const { videoId } = await client.generate("text", t2v, { traceId: randomUUID() });
  sim.control.finish(videoId, 1);
  return videoId;
}

describe("uploads", () => {
  it("uploads an image from a buffer, a stream, a Blob and a URL", async () => {
    const fromBuffer = await client.uploadImage({ file: pngFile() });
    const stream = Readable.from([solidPng(32, 32)]);
    const fromStream = await client.uploadImage({
      file: { data: stream, filename: "a.png", contentType: "image/png" },
    });
    const blob = new Blob([solidPng(16, 16)], { type: "image/png" });
    const fromBlob = await client.uploadImage({
      file: { data: blob, filename: "b.png", contentType: "image/png" },
    });
    const fromUrl = await client.uploadImage({ url: "https://example.com/cat.jpg" });
    for (const upload of [fromBuffer, fromStream, fromBlob, fromUrl]) {
      expect(upload.imgId).toMatch(/^\d+$/);
      expect(upload.imgUrl).toMatch(/^https?:\/\//);
    }
    expect(fromUrl.imgUrl).toBe("https://example.com/cat.jpg");
    expect(sim.control.ledger().uploads).toHaveLength(4);
  });

  it("uploads video and audio as media and reports which PixVerse recognised", async () => {
    expect(await client.uploadMedia({ file: mp4File() })).toMatchObject({
      mediaType: "video",
      mediaId: expect.stringMatching(/^\d+$/),
    });
    const audio = await client.uploadMedia({
      file: { data: wav(1), filename: "voice.wav", contentType: "audio/wav" },
    });
    expect(audio.mediaType).toBe("audio");
    expect(await client.uploadMedia({ url: "https://example.com/song.mp3" })).toMatchObject({
      mediaType: "audio",
    });
  });

  it("reports a file PixVerse cannot read as a request error", async () => {
    const error = await failure(
      client.uploadImage({
        file: { data: Buffer.from("not an image"), filename: "x.png", contentType: "image/png" },
      }),
    );
    expect(error).toMatchObject({ code: 500032, kind: "request", retryable: false });
  });
});

describe("generations", () => {
  it("submits text-to-video and reads its result once finished", async () => {
    const traceId = randomUUID();
    const { videoId } = await client.generate("text", t2v, { traceId });
    expect(await client.getVideoResult(videoId)).toMatchObject({ id: videoId, status: 5 });
    expect((await client.getVideoResult(videoId)).url).toBeUndefined();
    sim.control.finish(videoId, 1);
    const result = await client.getVideoResult(videoId);
    expect(result).toMatchObject({
      id: videoId,
      status: 1,
      outputWidth: 960,
      outputHeight: 540,
      hasAudio: false,
    });
    expect(result.url).toMatch(/\.mp4$/);
    expect(result.size).toBeGreaterThan(0);
    expect(result.credits).toBeGreaterThan(0);
    expect(sim.control.ledger().generations).toMatchObject([
      { id: videoId, traceId, operation: "text_to_video" },
    ]);
  });

  it("submits image-to-video and template videos with one or several images", async () => {
    const { imgId } = await client.uploadImage({ file: pngFile() });
    const { imgId: second } = await client.uploadImage({ file: pngFile() });
    const i2v = await client.generate(
      "img",
      { img_id: imgId, prompt: "waves", model: "v4.5", duration: 5, quality: "540p" },
      { traceId: randomUUID() },
    );
    const single = await client.generate(
      "img",
      { template_id: "308621408717184", img_id: imgId, quality: "540p" },
      { traceId: randomUUID() },
    );
    const multi = await client.generate(
      "img",
      {
        template_id: "315446315336768",
        img_ids: [imgId, second],
        quality: "540p",
        sound_effect_switch: true,
      },
      { traceId: randomUUID() },
    );
    const requests = sim.control.ledger().generations.map((g) => g.request);
    // ids below 2^53 come back from the simulator's ledger as numbers: they went out as JSON integers
    expect(requests).toMatchObject([
      { img_id: Number(imgId) },
      { template_id: 308621408717184, img_id: Number(imgId) },
      { template_id: 315446315336768, img_ids: [Number(imgId), Number(second)] },
    ]);
    expect(new Set([i2v.videoId, single.videoId, multi.videoId]).size).toBe(3);
  });

  it("submits transitions, multi-transitions and fusions built from uploaded images", async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => client.uploadImage({ file: pngFile() })));
    const ids = [a, b, c].map((u) => u?.imgId ?? "");
    const [first = "", second = "", third = ""] = ids;
    await client.generate(
      "transition",
      {
        prompt: "morph",
        model: "v5",
        duration: 5,
        quality: "540p",
        first_frame_img: first,
        last_frame_img: second,
      },
      { traceId: randomUUID() },
    );
    const multi = await client.generate(
      "multi_transition",
      {
        model: "v4.5",
        quality: "540p",
        multi_transition: [
          { img_id: first, duration: 3 },
          { img_id: second, duration: 2 },
          { img_id: third },
        ],
      },
      { traceId: randomUUID() },
    );
    expect(multi.credits).toBeGreaterThan(0);
    await client.generate(
      "fusion",
      {
        model: "v5",
        duration: 5,
        quality: "540p",
        aspect_ratio: "16:9",
        prompt: "@hero walks along @shore at dusk",
        image_references: [
          { type: "subject", img_id: first, ref_name: "hero" },
          { type: "background", img_id: second, ref_name: "shore" },
        ],
      },
      { traceId: randomUUID() },
    );
    expect(sim.control.ledger().generations.map((g) => g.operation)).toEqual([
      "transition",
      "multi_transition",
      "fusion",
    ]);
  });

  it("submits every capability that edits a video, by PixVerse video or uploaded video", async () => {
    const source = await finishedVideo();
    const { mediaId: uploadedVideo } = await client.uploadMedia({ file: mp4File() });
    const { mediaId: audio } = await client.uploadMedia({
      file: { data: wav(1), filename: "v.wav", contentType: "audio/wav" },
    });
    const { imgId } = await client.uploadImage({ file: pngFile() });
    const { speakers } = await client.listTtsSpeakers();
    const { restyles } = await client.listRestyles();
    const masks = await client.selectMask({ source_video_id: source, keyframe_id: 1 });
    const mask = masks.masks[0]?.maskId ?? "";
    const traceId = () => ({ traceId: randomUUID() });

    await client.generate(
      "extend",
      { source_video_id: source, prompt: "and then", model: "v5", duration: 5, quality: "540p", seed: 7 },
      traceId(),
    );
    await client.generate("lip_sync", { video_media_id: uploadedVideo, audio_media_id: audio }, traceId());
    await client.generate(
      "lip_sync",
      {
        source_video_id: source,
        lip_sync_tts_speaker_id: speakers[0]?.speakerId,
        lip_sync_tts_content: "Hello there",
      },
      traceId(),
    );
    await client.generate(
      "sound_effect",
      { source_video_id: source, sound_effect_content: "rain" },
      traceId(),
    );
    const restyled = await client.generate(
      "restyle",
      { video_media_id: uploadedVideo, restyle_id: restyles[0]?.restyleId },
      traceId(),
    );
    const swapped = await client.generate(
      "swap",
      {
        source_video_id: source,
        keyframe_id: masks.keyframeId,
        mask_id: mask,
        img_id: imgId,
        quality: "720p",
      },
      traceId(),
    );
    const mimicked = await client.generate(
      "mimic",
      { video_media_id: uploadedVideo, img_id: imgId, quality: "540p" },
      traceId(),
    );
    await client.generate(
      "modify",
      {
        source_video_id: source,
        prompt: "give @selection0 a hat like @img0",
        quality: "720p",
        img_ids: [imgId],
        mask_ids: [mask],
      },
      traceId(),
    );
    await client.generate("upscale", { source_video_id: source }, traceId());

    expect([restyled, swapped, mimicked].every((s) => (s.credits ?? 0) > 0)).toBe(true);
    expect(sim.control.ledger().generations.map((g) => g.operation)).toEqual([
      "text_to_video",
      "extend",
      "lip_sync",
      "lip_sync",
      "sound_effect",
      "restyle",
      "swap",
      "mimic",
      "modify",
      "upscale",
    ]);
    expect(masks).toMatchObject({ keyframeId: 1, credits: 2, keyframeUrl: expect.stringMatching(/^http/) });
    expect(masks.masks.map((m) => m.maskName)).toEqual(["person", "object", "background"]);
  });

  it("generates an image from an image template and reads the image result", async () => {
    const { imgId } = await client.uploadImage({ file: pngFile() });
    const { templates } = await client.listTemplates({ type: 2 });
    const templateId = templates[0]?.templateId ?? "";
    const { imageId, credits } = await client.generateImageTemplate(
      { template_id: templateId, img_ids: [imgId] },
      { traceId: randomUUID() },
    );
    expect(credits).toBeGreaterThan(0);
    sim.control.finish(imageId, 1);
    const result = await client.getImageResult(imageId);
    expect(result).toMatchObject({ id: imageId, status: 1, url: expect.stringMatching(/\.png$/) });
  });
});

describe("catalogues and balance", () => {
  it("lists TTS speakers, restyles and templates (localised) and reads the balance", async () => {
    const speakers = await client.listTtsSpeakers({ page: 1, pageSize: 100 });
    expect(speakers.total).toBe(15);
    expect(speakers.speakers[0]).toEqual({ speakerId: "1", name: "Emily" });
    expect(sim.control.requests()[0]).toMatchObject({
      method: "GET",
      path: "/openapi/v2/video/tts_speaker",
      query: { page_num: "1", page_size: "100" },
    });
    const restyles = await client.listRestyles({ page: 1, pageSize: 2 });
    expect(restyles.restyles).toHaveLength(2);
    expect(restyles.restyles[0]).toMatchObject({ restyleId: "1001", name: "Anime" });
    const video = await client.listTemplates({ type: 1, pageSize: 10 });
    expect(video.templates.every((t) => t.templateType === 1)).toBe(true);
    expect(video.templates[0]).toMatchObject({ templateId: "315446315336768", displayName: "Kiss Kiss" });
    const chinese = await client.listTemplates({ type: 1, language: "zh-CN" });
    expect(chinese.templates[0]?.displayName).toBe("亲亲");
    sim.control.setCredits({ monthly: 1200, package: 34 });
    expect(await client.getBalance()).toEqual({
      accountId: "123452341",
      creditMonthly: 1200,
      creditPackage: 34,
    });
  });
});

describe("validation before sending", () => {
  it("refuses an invalid body with every problem and sends nothing", async () => {
    const error = await failure(
      client.generate(
        "text",
        { ...t2v, model: "v4.5", duration: 8, quality: "1080p", aspect_ratio: "21:9" },
        { traceId: randomUUID() },
      ),
    );
    expect(error).toMatchObject({ kind: "request", retryable: false, code: undefined });
    expect(error.issues).toEqual([
      { path: "duration", message: "model v4.5 at 1080p supports 5 s" },
      { path: "aspect_ratio", message: "model v4.5 supports 16:9, 9:16, 1:1, 4:3, 3:4" },
    ]);
    expect(sim.control.ledger().requests.text_to_video ?? 0).toBe(0);
  });
});

describe("errors", () => {
  it("classifies a refused request (unknown image id) as a request error", async () => {
    const error = await failure(
      client.generate(
        "img",
        { img_id: "999", prompt: "p", model: "v5", duration: 5, quality: "540p" },
        { traceId: randomUUID() },
      ),
    );
    expect(error).toMatchObject({ code: 400032, kind: "request", retryable: false, httpStatus: 200 });
    expect(error.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("classifies moderation refusals as content errors, including the lower-case HTTP 500 envelope", async () => {
    sim.control.setFaults([
      { type: "error", errCode: 500054, target: "text_to_video" },
      { type: "error", errCode: 500052, target: "image_upload" },
    ]);
    expect(await failure(client.generate("text", t2v, { traceId: randomUUID() }))).toMatchObject({
      code: 500054,
      kind: "content",
      retryable: false,
    });
    const upload = await failure(client.uploadImage({ file: pngFile() }));
    expect(upload).toMatchObject({ code: 500052, kind: "content", retryable: false, httpStatus: 500 });
    expect(upload.providerMessage).toBe("image failed moderation");
  });

  it("classifies an empty account as a credits error", async () => {
    sim.control.setCredits(0);
    expect(await failure(client.generate("text", t2v, { traceId: randomUUID() }))).toMatchObject({
      code: 500090,
      kind: "credits",
      retryable: false,
    });
  });

  it("classifies the concurrency limit as retryable", async () => {
    sim.control.setConcurrencyLimit(1);
    await client.generate("text", t2v, { traceId: randomUUID() });
    expect(await failure(client.generate("text", t2v, { traceId: randomUUID() }))).toMatchObject({
      code: 500044,
      kind: "retryable",
      retryable: true,
    });
  });

  it("classifies high load, bare HTTP 5xx and connection resets as retryable", async () => {
    sim.control.setFaults([{ type: "error", errCode: 500069, target: "balance", times: 1 }]);
    expect(await failure(client.getBalance())).toMatchObject({
      code: 500069,
      kind: "retryable",
      retryable: true,
    });
    sim.control.setFaults([{ type: "http", status: 502, target: "balance", times: 1 }]);
    expect(await failure(client.getBalance())).toMatchObject({
      code: undefined,
      httpStatus: 502,
      retryable: true,
    });
    sim.control.setFaults([{ type: "reset", target: "text_to_video", times: 1 }]);
    const reset = await failure(client.generate("text", t2v, { traceId: randomUUID() }));
    expect(reset).toMatchObject({
      code: undefined,
      httpStatus: undefined,
      kind: "retryable",
      retryable: true,
    });
    expect(await client.getBalance()).toMatchObject({ accountId: "123452341" });
  });

  it("classifies a request timeout as retryable", async () => {
    const impatient = new PixverseClient({ baseUrl: sim.url, apiKey: sim.apiKey, requestTimeoutMs: 100 });
    sim.control.setFaults([{ type: "latency", ms: 1000, target: "balance", times: 1 }]);
    try {
      const error = await failure(impatient.getBalance());
      expect(error).toMatchObject({ kind: "retryable", retryable: true });
      expect(error.providerMessage).toMatch(/HTTP_HEADERS_TIMEOUT/);
    } finally {
      await impatient.close();
    }
  });

  it("classifies a wrong API key as an auth error and an unknown video as not found", async () => {
    const stranger = new PixverseClient({ baseUrl: sim.url, apiKey: "sk-wrong" });
    try {
      expect(await failure(stranger.getBalance())).toMatchObject({
        code: 400012,
        kind: "auth",
        retryable: false,
      });
    } finally {
      await stranger.close();
    }
    expect(await failure(client.getVideoResult("12345"))).toMatchObject({ code: 500008, kind: "not_found" });
  });

  it("reports an unreadable answer as unknown and retryable", async () => {
    sim.control.setFaults([
      { type: "http", status: 200, body: "<html>gateway</html>", target: "balance", times: 1 },
    ]);
    const error = await failure(client.getBalance());
    expect(error).toMatchObject({ kind: "unknown", retryable: true, httpStatus: 200 });
    expect(error.providerMessage).toBe("unreadable PixVerse response: body is not JSON");
  });
});

describe("metrics", () => {
  /** A client whose requests are recorded, and what it recorded per endpoint. */
  function measured(options: { requestTimeoutMs?: number } = {}, metrics = new MetricsRecorder()) {
    const measuredClient = new PixverseClient({ baseUrl: sim.url, apiKey: sim.apiKey, metrics, ...options });
    const errors = () =>
      metrics.records
        .filter((record) => record.metric === METRICS.pixverseErrors)
        .map((record) => record.dimensions);
    return { metrics, client: measuredClient, errors };
  }

  it("counts and times every request under its path template, never a path with an id in it", async () => {
    const { metrics, client: measuredClient } = measured();
    try {
      const { videoId } = await measuredClient.generate("text", t2v, { traceId: randomUUID() });
      await measuredClient.getVideoResult(videoId);
      await measuredClient.getVideoResult(videoId);
      await measuredClient.getBalance();
      expect({
        submits: metrics.sum(METRICS.pixverseCalls, { Endpoint: "/openapi/v2/video/text/generate" }),
        results: metrics.sum(METRICS.pixverseCalls, { Endpoint: "/openapi/v2/video/result/{id}" }),
        balance: metrics.sum(METRICS.pixverseCalls, { Endpoint: "/openapi/v2/account/balance" }),
        errors: metrics.sum(METRICS.pixverseErrors),
      }).toEqual({ submits: 1, results: 2, balance: 1, errors: 0 });
      const durations = metrics.values(METRICS.pixverseCallDuration);
      expect(durations).toHaveLength(4);
      for (const ms of durations) expect(ms).toBeGreaterThan(0);
      for (const record of metrics.records) expect(record.dimensions.Endpoint).not.toContain(videoId);
    } finally {
      await measuredClient.close();
    }
  });

  it("counts failed requests by ErrCode, HTTP status, unreadable answer, reset and timeout", async () => {
    const { metrics, client: measuredClient, errors } = measured();
    // Only the request meant to time out goes through a client that gives up quickly.
    const impatient = measured({ requestTimeoutMs: 100 }, metrics).client;
    try {
      await failure(measuredClient.getVideoResult("12345"));
      sim.control.setFaults([{ type: "http", status: 502, target: "balance", times: 1 }]);
      await failure(measuredClient.getBalance());
      sim.control.setFaults([
        { type: "http", status: 200, body: "<html>gateway</html>", target: "balance", times: 1 },
      ]);
      await failure(measuredClient.getBalance());
      sim.control.setFaults([{ type: "reset", target: "text_to_video", times: 1 }]);
      await failure(measuredClient.generate("text", t2v, { traceId: randomUUID() }));
      sim.control.setFaults([{ type: "latency", ms: 1_000, target: "balance", times: 1 }]);
      await failure(impatient.getBalance());
      expect(errors()).toEqual([
        { Endpoint: "/openapi/v2/video/result/{id}", ErrCode: "500008" },
        { Endpoint: "/openapi/v2/account/balance", ErrCode: "http_502" },
        { Endpoint: "/openapi/v2/account/balance", ErrCode: "bad_response" },
        { Endpoint: "/openapi/v2/video/text/generate", ErrCode: "network" },
        { Endpoint: "/openapi/v2/account/balance", ErrCode: "timeout" },
      ]);
      expect(metrics.sum(METRICS.pixverseCalls)).toBe(5);
    } finally {
      await Promise.all([measuredClient.close(), impatient.close()]);
    }
  });

  it("counts nothing for a body refused before sending", async () => {
    const { metrics, client: measuredClient } = measured();
    try {
      await failure(measuredClient.generate("text", { ...t2v, duration: 7 }, { traceId: randomUUID() }));
      expect(metrics.records).toEqual([]);
    } finally {
      await measuredClient.close();
    }
  });
});

describe("ids beyond 2^53", () => {
  it("keeps every digit through uploads, submits, results and back to PixVerse", async () => {
    const large = await startSimulator({ largeIds: true, generationMs: 60_000 });
    const big = new PixverseClient({ baseUrl: large.url, apiKey: large.apiKey });
    try {
      const { imgId } = await big.uploadImage({ file: pngFile() });
      expect(imgId).toBe("627410861853514292");
      const { videoId } = await big.generate(
        "img",
        { img_id: imgId, prompt: "p", model: "v5", duration: 5, quality: "540p" },
        { traceId: randomUUID() },
      );
      expect(videoId).toBe("627410861853514293");
      // the simulator refuses quoted ids, so this also shows the id went out as a bare JSON integer
      expect(large.control.ledger().generations[0]?.request.img_id).toBe(imgId);
      large.control.finish(videoId, 1);
      expect((await big.getVideoResult(videoId)).id).toBe(videoId);
      const { videoId: extended } = await big.generate(
        "extend",
        { source_video_id: videoId, prompt: "more", model: "v5", duration: 5, quality: "540p", seed: 1 },
        { traceId: randomUUID() },
      );
      expect(extended).toBe("627410861853514294");
    } finally {
      await big.close();
      await large.stop();
    }
  });
});

describe("Ai-trace-id", () => {
  it("reuses the caller's trace id: a repeated submit returns the same video and generates nothing new", async () => {
    const traceId = randomUUID();
    const first = await client.generate("text", t2v, { traceId });
    const again = await client.generate("text", t2v, { traceId });
    expect(again.videoId).toBe(first.videoId);
    const { generations } = sim.control.ledger();
    expect(generations).toHaveLength(1);
    expect(generations[0]).toMatchObject({ traceId, replays: 1 });
  });
});

describe("webhooks from the simulator", () => {
  it("verify with the pixpipe verifier", async () => {
    let deliver: (delivery: { body: string; headers: IncomingHttpHeaders }) => void = () => {};
    const received = new Promise<{ body: string; headers: IncomingHttpHeaders }>((resolve) => {
      deliver = resolve;
    });
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        deliver({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      sim.control.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
      const videoId = await finishedVideo();
      const { body, headers } = await received;
      const result = await verifyPixverseWebhook({
        rawBody: body,
        headers: headers as Record<string, string>,
        secret: sim.webhookSecret,
        nonceStore: new InMemoryNonceStore(),
      });
      expect(result).toMatchObject({
        ok: true,
        event: { videoId, status: 1, url: expect.stringMatching(/\.mp4$/) },
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("lip-sync voices (issue 12, row 4)", () => {
  it("asks tts_speaker, with speaker_type, and checks the page size before sending", async () => {
    await client.listTtsSpeakers({ speakerType: "system", pageSize: 10 });
    expect(sim.control.requests().map((r) => [r.path, r.query])).toEqual([
      ["/openapi/v2/video/tts_speaker", { page_size: "10", speaker_type: "system" }],
    ]);
    const error = await failure(client.listTtsSpeakers({ pageSize: 30 }));
    expect(error).toMatchObject({
      kind: "request",
      issues: [{ path: "pageSize", message: "must be one of 10, 20, 50, 100" }],
    });
    expect(sim.control.requests()).toHaveLength(1);
  });

  it("falls back to the older lip_sync/tts_list where tts_speaker does not exist", async () => {
    sim.control.setFaults([
      { type: "http", status: 404, body: "not found", target: "/openapi/v2/video/tts_speaker" },
    ]);
    const speakers = await client.listTtsSpeakers({ pageSize: 20 });
    expect(speakers).toMatchObject({
      total: 15,
      speakers: expect.arrayContaining([{ speakerId: "Auto", name: "Auto" }]),
    });
    expect(sim.control.requests().map((r) => r.path)).toEqual([
      "/openapi/v2/video/tts_speaker",
      "/openapi/v2/video/lip_sync/tts_list",
    ]);
    // the older list has no custom voices, so asking for those does not fall back
    expect(await failure(client.listTtsSpeakers({ speakerType: "custom" }))).toMatchObject({
      httpStatus: 404,
    });
  });

  it("creates a custom voice that lip sync takes as its speaker, and deletes it", async () => {
    const { mediaId } = await client.uploadMedia({
      file: { data: wav(2), filename: "me.wav", contentType: "audio/wav" },
    });
    const { speakerId } = await client.createCustomVoice({ name: "Me", audioMediaId: mediaId });
    expect(sim.control.requests().at(-1)?.body).toEqual({ name: "Me", audio_media_id: Number(mediaId) });
    const custom = await client.listTtsSpeakers({ speakerType: "custom" });
    expect(custom).toEqual({ total: 1, speakers: [{ speakerId, name: "Me" }] });
    const source = await finishedVideo();
    const body = { source_video_id: source, lip_sync_tts_speaker_id: speakerId, lip_sync_tts_content: "hi" };
    await client.generate("lip_sync", body, { traceId: randomUUID() });
    await client.deleteCustomVoice(speakerId);
    expect(await failure(client.generate("lip_sync", body, { traceId: randomUUID() }))).toMatchObject({
      code: 400017,
      kind: "request",
    });
    expect(await failure(client.createCustomVoice({ name: " ", audioMediaId: mediaId }))).toMatchObject({
      kind: "request",
      issues: [{ path: "name" }],
    });
  });
});

describe("usage history (issue 12, row 12)", () => {
  it("reads the account's charges and refunds over a UTC range, a page at a time", async () => {
    const kept = await client.generate("text", t2v, { traceId: randomUUID() });
    const failed = await client.generate("text", t2v, { traceId: randomUUID() });
    sim.control.finish(failed.videoId, 8);
    const end = new Date(Date.now() + 1000);
    const start = new Date(end.getTime() - 86_400_000);
    const first = await client.getUsageDetail({ start, end, limit: 2 });
    expect(sim.control.requests().at(-1)?.body).toEqual({
      start_time: usageTime(start),
      end_time: usageTime(end),
      limit: 2,
    });
    expect(first).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    expect(first.items.map((item) => [item.video_id, item.credits_status])).toEqual([
      [Number(kept.videoId), "consume"],
      [Number(failed.videoId), "consume"],
    ]);
    const rest = await client.getUsageDetail({ cursor: first.nextCursor, limit: 2 });
    expect(rest).toEqual({
      hasMore: false,
      items: [
        expect.objectContaining({ video_id: Number(failed.videoId), credits_status: "refund", credits: 45 }),
      ],
    });
    const refunds = await client.getUsageDetail({
      start: usageTime(start),
      end: usageTime(end),
      creditsStatus: "refund",
      creationTypes: ["text_to_video"],
    });
    expect(refunds.items).toHaveLength(1);
  });

  it("refuses a query PixVerse would refuse, before sending it", async () => {
    const start = new Date("2026-03-01T00:00:00Z");
    const refused = async (query: Parameters<PixverseClient["getUsageDetail"]>[0]) =>
      (await failure(client.getUsageDetail(query))).issues?.map((i) => `${i.path}: ${i.message}`);
    expect(await refused({ start, end: new Date("2026-04-01T00:00:01Z") })).toEqual([
      "end: at most 30 days after start",
    ]);
    expect(await refused({ start, end: new Date("2026-02-01T00:00:00Z") })).toEqual([
      "end: must not be before start",
    ]);
    expect(await refused({ start })).toEqual(["end: required without a cursor"]);
    expect(await refused({ start: "2026-03-01", end: "2026-03-02 24:00:00", limit: 0 })).toEqual([
      "start: must be YYYY-MM-DD HH:mm:ss (UTC)",
      "end: is not a valid time",
      "limit: Too small: expected number to be >=1",
    ]);
    expect(sim.control.requests()).toEqual([]);
  });
});

describe("answers with new or missing fields (issue 12, row 9)", () => {
  const answer = (resp: Record<string, unknown>) =>
    sim.control.setFaults([
      {
        type: "http",
        status: 200,
        target: "video_result",
        body: JSON.stringify({ ErrCode: 0, ErrMsg: "success", Resp: resp }),
      },
    ]);

  it("reads a result whose optional fields are null or of another type, and ignores new ones", async () => {
    answer({
      id: 343252978602905,
      status: 1,
      url: "https://media.pixverse.ai/v.mp4",
      size: null,
      outputWidth: "1280",
      outputHeight: null,
      credits: null,
      has_audio: null,
      prompt: null,
      seed: null,
      create_time: null,
      modify_time: null,
      customer_paths: null,
      quality_score: 0.93,
      moderation: { passed: true },
    });
    expect(await client.getVideoResult("343252978602905")).toEqual({
      id: "343252978602905",
      status: 1,
      url: "https://media.pixverse.ai/v.mp4",
    });
  });

  it("still fails a result without its id or status, as a retryable unreadable answer", async () => {
    answer({ id: 343252978602905, status: null, url: "https://media.pixverse.ai/v.mp4" });
    expect(await failure(client.getVideoResult("343252978602905"))).toMatchObject({
      kind: "unknown",
      retryable: true,
    });
  });
});

describe("what is sent (issue 12, rows 5 and 9)", () => {
  it("sends the sound description as prompt, whichever way it was given", async () => {
    const source = await finishedVideo();
    await client.generate(
      "sound_effect",
      { source_video_id: source, sound_effect_content: "rain" },
      { traceId: randomUUID() },
    );
    expect(sim.control.ledger().generations.at(-1)?.request).toEqual({
      source_video_id: Number(source),
      prompt: "rain",
    });
  });

  it("passes unknown scalar fields through to PixVerse", async () => {
    // unknown fields arrive as data (a job input), so TypeScript callers spell them out
    const body: VideoCapabilityBody<"text"> = Object.assign({ ...t2v }, { brand_new_switch: true });
    await client.generate("text", body, { traceId: randomUUID() });
    expect(sim.control.ledger().generations[0]).toMatchObject({
      request: { ...t2v, brand_new_switch: true },
      ignoredFields: ["brand_new_switch"],
    });
  });
});

describe("late webhooks (issue 12, row 10)", () => {
  it("verify as late once PixVerse's retry with the original timestamp is older than 300 s", async () => {
    const deliveries: { body: string; headers: IncomingHttpHeaders; at: number }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        deliveries.push({
          body: Buffer.concat(chunks).toString("utf8"),
          headers: req.headers,
          at: Date.now(),
        });
        res.writeHead(503, { "content-type": "text/plain" }).end("busy");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const fast = await startSimulator({
      generationMs: 1,
      timeFactor: 0.0002,
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    });
    const fastClient = new PixverseClient({ baseUrl: fast.url, apiKey: fast.apiKey });
    try {
      fast.control.setFaults([{ type: "webhook-original-timestamp" }]);
      const { videoId } = await fastClient.generate("text", t2v, { traceId: randomUUID() });
      for (const deadline = Date.now() + 20_000; deliveries.length < 6 && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const nonces = new InMemoryNonceStore();
      const outcomes: string[] = [];
      for (const delivery of deliveries.slice(0, 6)) {
        const result = await verifyPixverseWebhook({
          rawBody: delivery.body,
          headers: delivery.headers as Record<string, string>,
          secret: fast.webhookSecret,
          nonceStore: nonces,
          now: new Date(delivery.at),
        });
        outcomes.push(result.ok ? "ok" : result.code);
        // the receiver failed to process it (503), so the nonce is released for PixVerse's retry
        if (result.ok) await nonces.release(result.nonce);
        if (!result.ok && result.code === "late") expect(result.event).toMatchObject({ videoId, status: 1 });
      }
      // retries at 2 s, 12 s, 42 s and 102 s are still inside the window, the one at 402 s is late
      expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok", "late"]);
    } finally {
      await fastClient.close();
      await fast.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
