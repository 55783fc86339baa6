import { describe, expect, it } from "vitest";
import { imageTemplateBody, VIDEO_CAPABILITIES } from "../../pixverse/capabilities";
import { mediaSlots, type ResolvedMedia, toPixverseRequest } from "./media";
import { JOB_TYPES, type JobType, parseJobRequest } from "./schemas";

const upload = (name: string) => ({ upload: `uploads/t1/${name}` });
const gen = { model: "v5", duration: 5, quality: "540p" } as const;

/** One valid input per job type, with media of every kind and reference flavour. */
const samples: Record<JobType, Record<string, unknown>> = {
  text_to_video: { ...gen, prompt: "a fox", aspect_ratio: "9:16" },
  image_to_video: { ...gen, prompt: "a fox", image: upload("fox.png") },
  effect: {
    template_id: 315446315336768,
    quality: "540p",
    images: [upload("a.png"), { url: "https://x.test/b.jpg" }],
  },
  transition: { ...gen, prompt: "dusk", first_frame: upload("1.png"), last_frame: upload("2.png") },
  multi_transition: {
    model: "v4.5",
    quality: "720p",
    multi_transition: [{ image: upload("1.png"), duration: 4, prompt: "rise" }, { image: upload("2.png") }],
  },
  fusion: {
    ...gen,
    aspect_ratio: "1:1",
    prompt: "@fox in @forest",
    image_references: [
      { type: "subject", image: upload("fox.png"), ref_name: "fox" },
      { type: "background", image: upload("forest.png"), ref_name: "forest" },
    ],
  },
  extend: { ...gen, prompt: "more", seed: 3, video: { job: "01JOBSOURCE" } },
  modify: {
    prompt: "@img0 hat",
    quality: "720p",
    video: upload("v.mp4"),
    images: [upload("hat.png")],
    mask_ids: ["m1"],
  },
  restyle: { restyle_prompt: "clay", video: { job: "01JOBSOURCE" } },
  sound_effect: { sound_effect_content: "rain", video: upload("v.mp4") },
  lip_sync: { video: upload("v.mp4"), audio: { url: "https://x.test/voice.mp3" } },
  swap: {
    video: { job: "01JOBSOURCE" },
    image: upload("face.png"),
    keyframe_id: 1,
    mask_id: "m1",
    quality: "360p",
  },
  mimic: { video: upload("dance.mp4"), image: upload("me.png"), quality: "540p" },
  upscale: { video: { job: "01JOBSOURCE" } },
  image_template: { template_id: "340914720654592", images: [upload("me.png")] },
};

/** Fake PixVerse ids for every slot: images get img ids, job refs the earlier video, the rest media ids. */
function resolveAll(type: JobType, input: unknown): ResolvedMedia {
  const resolved: ResolvedMedia = {};
  mediaSlots(type, input).forEach((slot, i) => {
    const id = String(627410861853514292n + BigInt(i));
    resolved[slot.path] =
      slot.kind === "image" ? { imgId: id } : "job" in slot.ref ? { sourceVideoId: id } : { mediaId: id };
  });
  return resolved;
}

describe("job inputs of every type", () => {
  it.each(JOB_TYPES)("%s: a valid input becomes a body PixVerse's wire schema accepts", (type) => {
    const parsed = parseJobRequest({ type, input: samples[type] });
    expect(parsed).toMatchObject({ ok: true, type });
    if (!parsed.ok) return;
    const request = toPixverseRequest(type, parsed.input, resolveAll(type, parsed.input));
    const wire =
      request.capability === "image_template"
        ? imageTemplateBody
        : VIDEO_CAPABILITIES[request.capability].body;
    expect(wire.safeParse(request.body).error?.issues ?? []).toEqual([]);
  });

  it("maps job types to PixVerse capabilities", () => {
    const capability = (type: JobType) => {
      const parsed = parseJobRequest({ type, input: samples[type] });
      if (!parsed.ok) throw new Error(type);
      return toPixverseRequest(type, parsed.input, resolveAll(type, parsed.input)).capability;
    };
    expect(JOB_TYPES.map(capability)).toEqual([
      "text",
      "img",
      "img",
      "transition",
      "multi_transition",
      "fusion",
      "extend",
      "modify",
      "restyle",
      "sound_effect",
      "lip_sync",
      "swap",
      "mimic",
      "upscale",
      "image_template",
    ]);
  });
});

describe("media slots and their PixVerse fields", () => {
  it("lists every reference with its path and kind", () => {
    expect(mediaSlots("lip_sync", samples.lip_sync)).toEqual([
      { path: "video", ref: upload("v.mp4"), kind: "video" },
      { path: "audio", ref: { url: "https://x.test/voice.mp3" }, kind: "audio" },
    ]);
    expect(mediaSlots("multi_transition", samples.multi_transition).map((s) => s.path)).toEqual([
      "multi_transition.0.image",
      "multi_transition.1.image",
    ]);
    expect(mediaSlots("effect", samples.effect).map((s) => `${s.path}:${s.kind}`)).toEqual([
      "images.0:image",
      "images.1:image",
    ]);
    expect(mediaSlots("text_to_video", samples.text_to_video)).toEqual([]);
  });

  it("sends a {job} video as source_video_id and an uploaded one as video_media_id", () => {
    expect(
      toPixverseRequest("upscale", { video: { job: "j1" } }, { video: { sourceVideoId: "42" } }).body,
    ).toEqual({
      source_video_id: "42",
    });
    expect(
      toPixverseRequest("upscale", { video: upload("v.mp4") }, { video: { mediaId: "43" } }).body,
    ).toEqual({
      video_media_id: "43",
    });
  });

  it("replaces nested and listed references with PixVerse ids and keeps every other field", () => {
    const fusion = toPixverseRequest("fusion", samples.fusion, {
      "image_references.0.image": { imgId: "1" },
      "image_references.1.image": { imgId: "2" },
    });
    expect(fusion.body).toEqual({
      ...gen,
      aspect_ratio: "1:1",
      prompt: "@fox in @forest",
      image_references: [
        { type: "subject", img_id: "1", ref_name: "fox" },
        { type: "background", img_id: "2", ref_name: "forest" },
      ],
    });
    const modify = toPixverseRequest("modify", samples.modify, {
      video: { sourceVideoId: "9" },
      "images.0": { imgId: "5" },
    });
    expect(modify.body).toEqual({
      prompt: "@img0 hat",
      quality: "720p",
      mask_ids: ["m1"],
      source_video_id: "9",
      img_ids: ["5"],
    });
    expect(samples.modify.images).toEqual([upload("hat.png")]); // the input itself is untouched
  });

  it("refuses to build a request while a slot is unresolved or resolved to the wrong kind", () => {
    expect(() => toPixverseRequest("mimic", samples.mimic, { video: { mediaId: "1" } })).toThrow(
      "media at image has not been resolved",
    );
    expect(() =>
      toPixverseRequest("mimic", samples.mimic, { video: { imgId: "1" }, image: { imgId: "2" } }),
    ).toThrow("media at video resolved to imgId, not a video");
  });
});

describe("parseJobRequest", () => {
  const issues = (type: unknown, input: unknown) => {
    const parsed = parseJobRequest({ type, input });
    return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it("refuses an unknown type", () => {
    expect(issues("text_to_music", {})).toEqual([`type: must be one of ${JOB_TYPES.join(", ")}`]);
  });

  it("applies PixVerse's rules to job inputs and lists every problem under input.", () => {
    expect(
      issues("multi_transition", {
        model: "v4.5",
        quality: "1080p",
        motion_mode: "fast",
        colour: { name: "red" },
        multi_transition: [
          { image: { url: "ftp://x.test/a.png" }, duration: 9 },
          { image: { upload: "u", job: "j" }, duration: 2 },
          { image: {} },
        ],
      }),
    ).toEqual([
      "input.colour: unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
      "input.multi_transition.0.image.url: must be an http(s) URL",
      "input.multi_transition.1.image.job: use either upload or url or job, not several",
      "input.multi_transition.2.image.upload: one of upload or url or job is required",
      "input.multi_transition.0.duration: must be 1-5 s with three or more keyframes",
      "input.motion_mode: fast motion is limited to 5 s in total",
      "input.motion_mode: fast motion is not available at 1080p",
    ]);
  });

  it("uses the same model rules as the wire schemas", () => {
    const v45 = { ...samples.text_to_video, model: "v4.5" };
    expect(issues("text_to_video", { ...v45, duration: 8, quality: "1080p" })).toEqual([
      "input.duration: model v4.5 at 1080p supports 5 s",
    ]);
    expect(issues("fusion", { ...samples.fusion, prompt: "@fox alone" })).toEqual([
      "input.prompt: must mention @forest",
    ]);
  });

  it("needs exactly one audio source for lip sync and one image source for effects", () => {
    expect(issues("lip_sync", { video: upload("v.mp4") })).toEqual([
      "input.audio: one of audio or lip_sync_tts_speaker_id with lip_sync_tts_content is required",
    ]);
    expect(
      issues("lip_sync", {
        video: upload("v.mp4"),
        lip_sync_tts_speaker_id: "1",
        lip_sync_tts_content: "hi",
      }),
    ).toEqual([]);
    expect(
      issues("effect", { template_id: 1, quality: "540p", image: upload("a"), images: [upload("b")] }),
    ).toEqual(["input.images: use either image or images, not several"]);
  });

  it("takes an earlier job only where a video goes", () => {
    expect(issues("mimic", { video: { job: "j1" }, image: { job: "j2" }, quality: "540p" })).toEqual([
      "input.image.job: an earlier job can only provide a video",
    ]);
  });

  it("stores PixVerse ids given as numbers as digit strings", () => {
    const parsed = parseJobRequest({ type: "image_template", input: samples.image_template });
    expect(parsed.ok && parsed.input.template_id).toBe("340914720654592");
    const effect = parseJobRequest({ type: "effect", input: samples.effect });
    expect(effect.ok && effect.input.template_id).toBe("315446315336768");
  });
});

describe("unknown input fields", () => {
  const withExtras = { ...samples.image_to_video, brand_new_switch: true, brand_new_level: 2 };

  it("passes unknown scalar fields to PixVerse and reports each as a warning", () => {
    const parsed = parseJobRequest({ type: "image_to_video", input: withExtras });
    expect(parsed).toEqual({
      ok: true,
      type: "image_to_video",
      input: { ...samples.image_to_video, brand_new_switch: true, brand_new_level: 2 },
      warnings: [
        {
          path: "input.brand_new_switch",
          message: "not a field pixpipe knows for image_to_video; passed to PixVerse unvalidated",
        },
        {
          path: "input.brand_new_level",
          message: "not a field pixpipe knows for image_to_video; passed to PixVerse unvalidated",
        },
      ],
    });
    if (!parsed.ok) return;
    // the field reaches the wire body, and the client's wire schema lets it through
    const request = toPixverseRequest("image_to_video", parsed.input, { image: { imgId: "7" } });
    expect(request.body).toMatchObject({ img_id: "7", brand_new_switch: true, brand_new_level: 2 });
    expect(VIDEO_CAPABILITIES.img.body.parse(request.body)).toMatchObject({ brand_new_level: 2 });
  });

  it("refuses them in strict mode, as before", () => {
    expect(
      parseJobRequest({ type: "image_to_video", input: withExtras }, { unknownFields: "refuse" }),
    ).toEqual({
      ok: false,
      issues: [
        { path: "input.brand_new_switch", message: "is not a known field" },
        { path: "input.brand_new_level", message: "is not a known field" },
      ],
    });
    expect(
      parseJobRequest({ type: "image_to_video", input: samples.image_to_video }, { unknownFields: "refuse" }),
    ).toMatchObject({ ok: true, warnings: [] });
  });

  it("refuses unknown objects and fields that belong elsewhere (ids pixpipe fills in, other types' fields)", () => {
    const parsed = parseJobRequest({
      type: "image_to_video",
      input: { ...samples.image_to_video, img_id: 42, restyle_prompt: "clay", images: "x", extra: { a: 1 } },
    });
    expect(parsed).toEqual({
      ok: false,
      issues: [
        { path: "input.img_id", message: "not a field of this request" },
        { path: "input.restyle_prompt", message: "not a field of this request" },
        { path: "input.images", message: "not a field of this request" },
        {
          path: "input.extra",
          message: "unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
        },
      ],
    });
  });

  it("reports problems of known fields together with refused extra fields", () => {
    expect(
      parseJobRequest({ type: "text_to_video", input: { ...samples.text_to_video, duration: 7, list: [] } }),
    ).toEqual({
      ok: false,
      issues: [
        {
          path: "input.list",
          message: "unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
        },
        { path: "input.duration", message: "model v5 supports 5, 8 s" },
      ],
    });
    expect(parseJobRequest({ type: "text_to_video", input: "prompt=a fox" })).toMatchObject({
      ok: false,
      issues: [{ path: "input" }],
    });
  });
});

describe("inputs real clients send (issue 12)", () => {
  const issues = (type: JobType, input: unknown) => {
    const parsed = parseJobRequest({ type, input });
    return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it("takes fusion omni mode with reference videos given as media references", () => {
    const omni = {
      model: "v6",
      quality: "720p",
      duration: 0,
      aspect_ratio: "auto",
      reference_mode: "omni",
      prompt: "@subject1 dances like @video1 in @video2",
      image_references: [{ type: "subject", ref_name: "subject1", image: upload("me.png") }],
      video_references: [
        { ref_name: "video1", video: upload("dance.mp4") },
        { ref_name: "video2", video: { job: "01JOBSOURCE" } },
      ],
    };
    expect(issues("fusion", omni)).toEqual([]);
    // a PixVerse id is no media reference: pixpipe fills in the ids itself
    const byId = { ...omni, video_references: [{ ref_name: "video1", video: { video_media_id: 9 } }] };
    expect(issues("fusion", { ...byId, prompt: "@subject1 @video1" })).toEqual([
      "input.video_references.0.video.video_media_id: is not a known field",
      "input.video_references.0.video.upload: one of upload or url or job is required",
    ]);
  });

  it("takes V6 transition and fusion with negative_prompt and style, extend with generate_audio_switch", () => {
    const v6 = { model: "v6", duration: 5, quality: "720p", negative_prompt: "blur", style: "realistic" };
    expect(
      issues("transition", {
        ...v6,
        prompt: "dusk",
        first_frame: upload("1.png"),
        last_frame: upload("2.png"),
      }),
    ).toEqual([]);
    expect(issues("fusion", { ...samples.fusion, ...v6, aspect_ratio: "16:9" })).toEqual([]);
    expect(issues("extend", { ...samples.extend, model: "v6", generate_audio_switch: true })).toEqual([]);
  });

  it("takes the sound description as prompt or sound_effect_content, not both", () => {
    const video = upload("v.mp4");
    expect(issues("sound_effect", { video, prompt: "rain" })).toEqual([]);
    expect(issues("sound_effect", { video, sound_effect_content: "rain" })).toEqual([]);
    expect(issues("sound_effect", { video, prompt: "rain", sound_effect_content: "rain" })).toEqual([
      "input.sound_effect_content: use either prompt or sound_effect_content, not both",
    ]);
  });

  it("takes swap without keyframe_id and mask_id", () => {
    expect(
      issues("swap", { video: { job: "01JOBSOURCE" }, image: upload("face.png"), quality: "540p" }),
    ).toEqual([]);
  });
});
