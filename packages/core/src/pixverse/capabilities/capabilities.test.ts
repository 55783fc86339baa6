import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  extendBody,
  fusionBody,
  imageTemplateBody,
  imgBody,
  lipSyncBody,
  maskSelectionBody,
  modifyBody,
  multiTransitionBody,
  restyleBody,
  soundEffectBody,
  swapBody,
  textBody,
  transitionBody,
  VIDEO_CAPABILITIES,
} from "./bodies";

/** Issues as "path: message" lines, so a test can assert on every problem at once. */
function problems(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const t2v = { prompt: "a cat surfing", model: "v5", duration: 5, quality: "540p", aspect_ratio: "16:9" };

describe("model table rules", () => {
  it("accepts a plain text-to-video body", () => {
    expect(problems(textBody, t2v)).toEqual([]);
  });

  it("applies each model's durations, including the 1080p limits", () => {
    expect(problems(textBody, { ...t2v, duration: 10 })).toEqual(["duration: model v5 supports 5, 8 s"]);
    // priced on PixVerse's pricing page (issue 12, row 7)
    expect(problems(textBody, { ...t2v, duration: 8, quality: "1080p" })).toEqual([]);
    expect(problems(textBody, { ...t2v, model: "v4.5", duration: 8, quality: "1080p" })).toEqual([
      "duration: model v4.5 at 1080p supports 5 s",
    ]);
    expect(problems(textBody, { ...t2v, model: "v5.5", duration: 10 })).toEqual([]);
    expect(problems(textBody, { ...t2v, model: "v5.6", duration: 10, quality: "1080p" })).toEqual([
      "duration: model v5.6 at 1080p supports 5, 8 s",
    ]);
    expect(problems(textBody, { ...t2v, model: "v6", duration: 13, quality: "1080p" })).toEqual([]);
    expect(problems(textBody, { ...t2v, model: "c1", duration: 16 })).toEqual([
      "duration: model c1 supports 1-15 s",
    ]);
  });

  it("allows the wide aspect ratios on v6 and c1 only", () => {
    expect(problems(textBody, { ...t2v, aspect_ratio: "21:9" })).toEqual([
      "aspect_ratio: model v5 supports 16:9, 9:16, 1:1, 4:3, 3:4",
    ]);
    expect(problems(textBody, { ...t2v, model: "v6", aspect_ratio: "21:9" })).toEqual([]);
  });

  it("limits fast motion to 5 s, below 1080p, on v4.5 and older", () => {
    expect(problems(textBody, { ...t2v, model: "v4.5", motion_mode: "fast" })).toEqual([]);
    expect(
      problems(textBody, { ...t2v, model: "v4.5", motion_mode: "fast", duration: 8, quality: "1080p" }),
    ).toEqual([
      "duration: model v4.5 at 1080p supports 5 s",
      "motion_mode: fast motion is 5 s only",
      "motion_mode: fast motion is not available at 1080p",
    ]);
    expect(problems(textBody, { ...t2v, motion_mode: "fast" })).toEqual([
      "motion_mode: fast motion is only available on v3.5, v4 and v4.5",
    ]);
  });

  it("refuses options the model does not have", () => {
    expect(
      problems(textBody, {
        ...t2v,
        camera_movement: "zoom_in",
        template_id: 302325299692608,
        generate_audio_switch: true,
        thinking_type: "auto",
        generate_multi_clip_switch: true,
      }),
    ).toEqual([
      "camera_movement: camera_movement is only available on v4 and v4.5",
      "camera_movement: camera_movement cannot be combined with template_id",
      "generate_audio_switch: model v5 adds audio with sound_effect_switch",
      "generate_multi_clip_switch: multi-clip is only available on v5.5, v5.6 and v6",
      "thinking_type: thinking_type is only available on v6",
    ]);
    expect(
      problems(textBody, { ...t2v, model: "v6", sound_effect_switch: true, lip_sync_tts_switch: true }),
    ).toEqual([
      "sound_effect_switch: model v6 adds audio with generate_audio_switch",
      "lip_sync_tts_switch: lip sync in a generation needs v3.5-v5",
      "lip_sync_tts_content: required when lip_sync_tts_switch is on",
    ]);
  });

  it("lists every problem at once, field errors and rule errors together", () => {
    expect(
      problems(textBody, {
        prompt: "x".repeat(5001),
        model: "v5",
        quality: "1080p",
        aspect_ratio: "2:3",
        duration: 10,
        seed: -1,
        colour: { name: "red" },
      }),
    ).toEqual([
      "prompt: must be at most 5000 characters",
      "seed: Too small: expected number to be >=0",
      "colour: unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
      "duration: model v5 at 1080p supports 5, 8 s",
      "aspect_ratio: model v5 supports 16:9, 9:16, 1:1, 4:3, 3:4",
    ]);
  });

  it("takes 5000-character prompts and refuses blank ones", () => {
    expect(problems(textBody, { ...t2v, prompt: "x".repeat(5000) })).toEqual([]);
    expect(problems(textBody, { ...t2v, prompt: "  " })).toEqual(["prompt: must not be empty"]);
  });
});

describe("fields real clients send (issue 12)", () => {
  const v6 = { prompt: "p", model: "v6", duration: 5, quality: "720p" };

  it("takes negative_prompt and style on V6 transition and fusion, generate_audio_switch on V6 extend", () => {
    const extras = { negative_prompt: "blur", style: "realistic", generate_audio_switch: true, seed: 42 };
    expect(problems(transitionBody, { ...v6, ...extras, first_frame_img: 1, last_frame_img: 2 })).toEqual([]);
    expect(
      problems(fusionBody, {
        ...v6,
        ...extras,
        prompt: "@subject1 walks",
        aspect_ratio: "16:9",
        image_references: [{ type: "subject", img_id: 1, ref_name: "subject1" }],
      }),
    ).toEqual([]);
    expect(problems(extendBody, { ...v6, ...extras, video_media_id: 3 })).toEqual([]);
    expect(
      problems(extendBody, { ...v6, model: "v5", seed: 1, video_media_id: 3, generate_audio_switch: true }),
    ).toEqual(["generate_audio_switch: model v5 adds audio with sound_effect_switch"]);
  });

  it('takes style "realistic" and refuses styles nobody documents', () => {
    expect(problems(textBody, { ...t2v, style: "realistic" })).toEqual([]);
    expect(problems(textBody, { ...t2v, style: "watercolour" })[0]).toMatch(/^style: Invalid option/);
  });

  it('takes the official MCP\'s play_bgm, sound_mode "default_music" and camera "default"', () => {
    const mcp = { ...t2v, play_bgm: false, water_mark: false, motion_mode: "normal" };
    expect(problems(textBody, { ...mcp, sound_effect_switch: true, sound_mode: "default_music" })).toEqual(
      [],
    );
    const { aspect_ratio: _, ...transition } = mcp;
    expect(
      problems(transitionBody, { ...transition, first_frame_img: 1, last_frame_img: 2, play_bgm: true }),
    ).toEqual([]);
    // "default" asks for no movement: every model takes it, a template does not
    expect(problems(textBody, { ...t2v, camera_movement: "default" })).toEqual([]);
    expect(problems(textBody, { ...t2v, camera_movement: "default", template_id: 1 })).toEqual([
      "camera_movement: camera_movement cannot be combined with template_id",
    ]);
    expect(
      problems(textBody, {
        ...t2v,
        sound_effect_switch: true,
        sound_mode: "default_music",
        sound_effect_content: "rain",
      }),
    ).toEqual(["sound_mode: sound_mode cannot be combined with sound_effect_content"]);
  });

  it("takes up to 3 mask_urls on modify", () => {
    const modify = { video_media_id: 1, prompt: "@selection0 red", quality: "720p" };
    const url = (i: number) => `https://media.pixverse.ai/masks/${i}.png`;
    expect(problems(modifyBody, { ...modify, mask_urls: [url(1), url(2), url(3)] })).toEqual([]);
    expect(problems(modifyBody, { ...modify, mask_urls: [1, 2, 3, 4].map(url) })).toEqual([
      "mask_urls: Too big: expected array to have <=3 items",
    ]);
    expect(problems(modifyBody, { ...modify, mask_urls: ["not a url"] })).toEqual([
      "mask_urls.0: must be an http(s) URL",
    ]);
  });

  it("makes swap's keyframe_id and mask_id optional", () => {
    expect(problems(swapBody, { source_video_id: 1, img_id: 2, quality: "720p" })).toEqual([]);
    expect(problems(swapBody, { source_video_id: 1, img_id: 2, quality: "720p", keyframe_id: 0 })).toEqual([
      "keyframe_id: Too small: expected number to be >0",
    ]);
  });

  it("takes the sound description as prompt or sound_effect_content and sends prompt", () => {
    expect(soundEffectBody.parse({ source_video_id: 1, sound_effect_content: "rain" })).toEqual({
      source_video_id: "1",
      prompt: "rain",
    });
    expect(soundEffectBody.parse({ source_video_id: 1, prompt: "rain" })).toEqual({
      source_video_id: "1",
      prompt: "rain",
    });
    expect(soundEffectBody.parse({ video_media_id: 1 })).toEqual({ video_media_id: "1" });
    expect(problems(soundEffectBody, { source_video_id: 1, prompt: "a", sound_effect_content: "b" })).toEqual(
      ["sound_effect_content: use either prompt or sound_effect_content, not both"],
    );
  });
});

describe("fusion omni mode", () => {
  const image = (ref_name: string, img_id = 1) => ({ type: "subject", img_id, ref_name });
  const video = (ref_name: string, id: Record<string, number> = { video_media_id: 9 }) => ({
    ref_name,
    ...id,
  });
  const omni = (extra: object = {}) => ({
    model: "v6",
    quality: "720p",
    duration: 0,
    aspect_ratio: "auto",
    reference_mode: "omni",
    prompt: "@subject1 dances like @video1 in @video2",
    image_references: [image("subject1")],
    video_references: [video("video1"), video("video2", { source_video_id: 8 })],
    ...extra,
  });

  it("takes reference videos with duration 0 and aspect_ratio auto", () => {
    expect(problems(fusionBody, omni())).toEqual([]);
    expect(
      problems(
        fusionBody,
        omni({ image_references: undefined, prompt: "@video1 @video2", aspect_ratio: "9:16" }),
      ),
    ).toEqual([]);
  });

  it("takes up to 10 images in omni mode and 7 outside it", () => {
    const names = Array.from({ length: 11 }, (_, i) => `s${i}`);
    const images = (n: number) => names.slice(0, n).map((name) => image(name));
    const mention = (n: number) =>
      names
        .slice(0, n)
        .map((n) => `@${n}`)
        .join(" ");
    expect(
      problems(fusionBody, omni({ image_references: images(10), prompt: `${mention(10)} @video1 @video2` })),
    ).toEqual([]);
    expect(
      problems(fusionBody, omni({ image_references: images(11), prompt: `${mention(11)} @video1 @video2` })),
    ).toEqual(["image_references: omni mode takes at most 10 image references"]);
    const plain = { ...omni(), reference_mode: undefined, video_references: undefined, duration: 5 };
    expect(
      problems(fusionBody, {
        ...plain,
        aspect_ratio: "16:9",
        image_references: images(8),
        prompt: mention(8),
      }),
    ).toEqual(["image_references: model v6 takes at most 7 references"]);
  });

  it("needs omni mode on v6 for reference videos, at most 2, each from one source", () => {
    expect(problems(fusionBody, omni({ model: "v5.6" }))).toEqual([
      "reference_mode: omni mode is only available on v6",
    ]);
    expect(
      problems(fusionBody, omni({ reference_mode: undefined, duration: 5, aspect_ratio: "16:9" })),
    ).toEqual(['video_references: reference videos need reference_mode "omni"']);
    expect(
      problems(
        fusionBody,
        omni({ video_references: [video("video1"), video("video2"), video("video3")] }),
      )[0],
    ).toBe("video_references: Too big: expected array to have <=2 items");
    expect(
      problems(
        fusionBody,
        omni({ video_references: [video("video1", { video_media_id: 1, source_video_id: 2 })] }),
      ),
    ).toEqual([
      "video_references.0.video_media_id: use either source_video_id or video_media_id, not several",
    ]);
  });

  it("lets the reference videos set the length and frame: duration 0 and auto need them", () => {
    expect(problems(fusionBody, omni({ duration: 5 }))).toEqual([
      "duration: must be 0 with reference videos: the video follows their length",
    ]);
    const imagesOnly = omni({ video_references: undefined, prompt: "@subject1" });
    expect(problems(fusionBody, imagesOnly)).toEqual([
      'aspect_ratio: "auto" needs reference videos (omni mode)',
      "duration: model v6 supports 1-15 s",
    ]);
    expect(problems(fusionBody, { ...imagesOnly, duration: 5, aspect_ratio: "1:1" })).toEqual([]);
    expect(problems(fusionBody, omni({ image_references: [], video_references: [], prompt: "x" }))).toEqual([
      "image_references: omni mode needs at least one image or video reference",
      'aspect_ratio: "auto" needs reference videos (omni mode)',
      "duration: model v6 supports 1-15 s",
    ]);
  });

  it("names every reference video in the prompt, uniquely across images and videos", () => {
    expect(problems(fusionBody, omni({ prompt: "@subject1 and @video1" }))).toEqual([
      "prompt: must mention @video2",
    ]);
    expect(
      problems(fusionBody, omni({ video_references: [video("subject1")], prompt: "@subject1" })),
    ).toEqual(['video_references.0.ref_name: "subject1" is used twice']);
  });
});

describe("unknown fields (forward compatibility)", () => {
  it("passes unknown scalar fields through to PixVerse", () => {
    const parsed = textBody.parse({
      ...t2v,
      brand_new_switch: true,
      brand_new_level: 3,
      brand_new_mode: "x",
    });
    expect(parsed).toMatchObject({ brand_new_switch: true, brand_new_level: 3, brand_new_mode: "x" });
  });

  it("refuses unknown objects, arrays and nulls, and fields that belong to other requests", () => {
    expect(
      problems(textBody, {
        ...t2v,
        brand_new: { a: 1 },
        brand_new_list: [1],
        brand_new_null: null,
        img_id: 1,
        webhook_id: 7,
      }),
    ).toEqual([
      "brand_new: unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
      "brand_new_list: unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
      "brand_new_null: unknown field; only string, number and boolean values are passed to PixVerse unvalidated",
      "img_id: not a field of this request",
      "webhook_id: not a field of this request",
    ]);
  });

  it("keeps nested objects strict", () => {
    const body = {
      ...t2v,
      model: "v6",
      prompt: "@a",
      image_references: [{ type: "subject", img_id: 1, ref_name: "a", weight: 2 }],
    };
    expect(problems(fusionBody, body)).toEqual(['image_references.0: Unrecognized key: "weight"']);
  });
});

describe("image-to-video and template videos on img/generate", () => {
  const i2v = { img_id: "627410861853514292", prompt: "wave", model: "v4.5", duration: 5, quality: "720p" };

  it("needs one image, prompt, model and duration without a template", () => {
    expect(problems(imgBody, i2v)).toEqual([]);
    expect(problems(imgBody, { quality: "720p", img_ids: [1, 2] })).toEqual([
      "img_id: required (unless template_id is set)",
      "prompt: required (unless template_id is set)",
      "model: required (unless template_id is set)",
      "duration: required (unless template_id is set)",
      "img_ids: several images are only accepted with template_id",
    ]);
  });

  it("takes img_id or img_ids with a template and ignores model rules", () => {
    expect(problems(imgBody, { template_id: 315446315336768, img_ids: [1, 2], quality: "540p" })).toEqual([]);
    expect(problems(imgBody, { template_id: 1, img_id: 3, quality: "540p", prompt: "" })).toEqual([]);
    expect(problems(imgBody, { template_id: 1, quality: "540p" })).toEqual([
      "img_id: one of img_id or img_ids is required",
    ]);
    expect(problems(imgBody, { template_id: 1, img_id: 3, img_ids: [4], quality: "540p" })).toEqual([
      "img_ids: use either img_id or img_ids, not several",
    ]);
  });
});

describe("multi-transition keyframes", () => {
  const item = (img_id: number, duration?: number) =>
    duration === undefined ? { img_id } : { img_id, duration };
  const body = (items: unknown[], extra: object = {}) => ({
    model: "v4.5",
    quality: "540p",
    multi_transition: items,
    ...extra,
  });

  it("accepts 2 keyframes with up to 8 s and a last keyframe without duration", () => {
    expect(problems(multiTransitionBody, body([item(1, 8), item(2)]))).toEqual([]);
    expect(problems(multiTransitionBody, body([item(1, 8), item(2, 0)]))).toEqual([]);
  });

  it("limits keyframes to 1-5 s from three keyframes on and the last to 0", () => {
    expect(problems(multiTransitionBody, body([item(1, 6), item(2), item(3, 2)]))).toEqual([
      "multi_transition.0.duration: must be 1-5 s with three or more keyframes",
      "multi_transition.1.duration: required for every keyframe but the last",
      "multi_transition.2.duration: the last keyframe's duration must be 0 or omitted",
    ]);
  });

  it("keeps the total at 30 s and the count at 2-7", () => {
    const seven = [1, 2, 3, 4, 5, 6].map((i) => item(i, 5));
    expect(problems(multiTransitionBody, body([...seven, item(7)]))).toEqual([]);
    expect(problems(multiTransitionBody, body([...seven, item(7, 5), item(8)]))).toEqual([
      "multi_transition: Too big: expected array to have <=7 items",
    ]);
    const long = [1, 2, 3, 4].map((i) => item(i, 8));
    expect(problems(multiTransitionBody, body([...long, item(5)]))).toEqual([
      ...[0, 1, 2, 3].map(
        (i) => `multi_transition.${i}.duration: must be 1-5 s with three or more keyframes`,
      ),
      "multi_transition: the video would last 32 s; at most 30 s",
    ]);
    expect(problems(multiTransitionBody, body([item(1)]))).toEqual([
      "multi_transition: Too small: expected array to have >=2 items",
    ]);
  });

  it("accepts models v3.5-v5 only and fast motion only within 5 s on v4.5 and older", () => {
    expect(problems(multiTransitionBody, body([item(1, 5), item(2)], { motion_mode: "fast" }))).toEqual([]);
    expect(
      problems(multiTransitionBody, body([item(1, 3), item(2, 3), item(3)], { motion_mode: "fast" })),
    ).toEqual(["motion_mode: fast motion is limited to 5 s in total"]);
    expect(problems(multiTransitionBody, body([item(1, 5), item(2)], { model: "v6" }))[0]).toMatch(
      /^model: Invalid option/,
    );
  });
});

describe("fusion references", () => {
  const ref = (ref_name: string, img_id = 1) => ({ type: "subject", img_id, ref_name });
  const body = (refs: unknown[], prompt: string, model = "v5") => ({
    image_references: refs,
    prompt,
    model,
    duration: 5,
    quality: "540p",
    aspect_ratio: "16:9",
  });

  it("needs every reference named in the prompt as @ref_name", () => {
    expect(problems(fusionBody, body([ref("cat"), ref("beach_2")], "@cat runs on @beach_2 at dusk"))).toEqual(
      [],
    );
    expect(problems(fusionBody, body([ref("cat"), ref("dog")], "@cats and friends"))).toEqual([
      "prompt: must mention @cat",
      "prompt: must mention @dog",
    ]);
  });

  it("refuses duplicate or malformed names and too many references for the model", () => {
    const four = ["a", "b", "c", "d"].map((n) => ref(n));
    expect(problems(fusionBody, body(four, "@a @b @c @d"))).toEqual([
      "image_references: model v5 takes at most 3 references",
    ]);
    expect(problems(fusionBody, body(four, "@a @b @c @d", "v6"))).toEqual([]);
    expect(problems(fusionBody, body([ref("a"), ref("a"), ref("bad-name")], "@a @bad-name"))).toEqual([
      "image_references.2.ref_name: must be 1-30 letters, digits, underscores or spaces",
      'image_references.1.ref_name: "a" is used twice',
    ]);
  });

  it("refuses models without fusion", () => {
    expect(problems(fusionBody, body([ref("a")], "@a", "v4"))[0]).toMatch(/^model: Invalid option/);
  });
});

describe("exactly-one source rules", () => {
  const extend = { prompt: "more", model: "v5", duration: 5, quality: "540p", seed: 1 };

  it("needs exactly one of source_video_id and video_media_id", () => {
    expect(problems(extendBody, { ...extend, source_video_id: "627410861853514292" })).toEqual([]);
    expect(problems(extendBody, extend)).toEqual([
      "source_video_id: one of source_video_id or video_media_id is required",
    ]);
    expect(problems(extendBody, { ...extend, source_video_id: 1, video_media_id: 2 })).toEqual([
      "video_media_id: use either source_video_id or video_media_id, not several",
    ]);
  });

  it("needs exactly one of an uploaded audio or the complete TTS pair for lip sync", () => {
    const video = { video_media_id: 9 };
    expect(problems(lipSyncBody, { ...video, audio_media_id: 5 })).toEqual([]);
    expect(
      problems(lipSyncBody, { ...video, lip_sync_tts_speaker_id: "1", lip_sync_tts_content: "hi" }),
    ).toEqual([]);
    expect(problems(lipSyncBody, { ...video, lip_sync_tts_speaker_id: "1" })).toEqual([
      "lip_sync_tts_content: required together with lip_sync_tts_speaker_id",
    ]);
    expect(problems(lipSyncBody, { ...video, audio_media_id: 5, lip_sync_tts_content: "hi" })).toEqual([
      "lip_sync_tts_content: use either audio_media_id or lip_sync_tts_speaker_id with lip_sync_tts_content, not several",
    ]);
    expect(
      problems(lipSyncBody, {
        ...video,
        lip_sync_tts_speaker_id: "1",
        lip_sync_tts_content: "x".repeat(201),
      }),
    ).toEqual(["lip_sync_tts_content: must be at most 200 characters"]);
  });

  it("needs exactly one of restyle_id and restyle_prompt", () => {
    expect(problems(restyleBody, { source_video_id: 1, restyle_id: 1001 })).toEqual([]);
    expect(problems(restyleBody, { source_video_id: 1 })).toEqual([
      "restyle_id: one of restyle_id or restyle_prompt is required",
    ]);
    expect(problems(restyleBody, { source_video_id: 1, restyle_id: 1001, restyle_prompt: "clay" })).toEqual([
      "restyle_prompt: use either restyle_id or restyle_prompt, not several",
    ]);
  });
});

describe("edit capabilities", () => {
  it("stop swap, mimic and modify at 720p", () => {
    const swap = { source_video_id: 1, keyframe_id: 1, mask_id: "m1", img_id: 2, quality: "1080p" };
    expect(problems(swapBody, swap)[0]).toMatch(/^quality: Invalid option/);
    expect(problems(swapBody, { ...swap, quality: "720p" })).toEqual([]);
    expect(
      problems(modifyBody, {
        video_media_id: 1,
        prompt: "@img0 hat",
        quality: "720p",
        img_ids: [1, 2, 3, 4],
      }),
    ).toEqual(["img_ids: Too big: expected array to have <=3 items"]);
  });

  it("checks transition, image template and mask selection bodies", () => {
    expect(
      problems(transitionBody, {
        prompt: "p",
        model: "v5",
        duration: 5,
        quality: "540p",
        first_frame_img: 1,
        last_frame_img: 2,
      }),
    ).toEqual([]);
    expect(problems(imageTemplateBody, { template_id: 1, img_ids: [] })).toEqual([
      "img_ids: Too small: expected array to have >=1 items",
    ]);
    expect(problems(maskSelectionBody, { source_video_id: 1, keyframe_id: 0 })).toEqual([
      "keyframe_id: Too small: expected number to be >0",
    ]);
  });

  it("maps every capability to its PixVerse endpoint", () => {
    for (const [name, { path }] of Object.entries(VIDEO_CAPABILITIES)) {
      expect(path).toBe(`/openapi/v2/video/${name}/generate`);
    }
  });
});
