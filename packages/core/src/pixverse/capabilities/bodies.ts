import * as z from "zod";
import { pixverseId } from "../ids";
import { fields } from "./fields";
import {
  atMostOneOf,
  exactlyOneOf,
  fusionRules,
  imageOrTemplateRules,
  modelRules,
  multiTransitionRules,
  requestBody,
  withRules,
} from "./rules";

/**
 * Request bodies exactly as PixVerse takes them (ids as digit strings; serialised as JSON integers). Top-level
 * bodies let unknown scalar fields through (requestBody); nested objects stay strict.
 */

const videoSource = { source_video_id: pixverseId.optional(), video_media_id: pixverseId.optional() };
const oneVideoSource = exactlyOneOf(["source_video_id"], ["video_media_id"]);
const imageIds = z.array(pixverseId);

export const textBody = requestBody(fields.text, [modelRules]);

export const imgBody = requestBody(
  {
    ...fields.image,
    // the effect fields make prompt, model and duration optional: imageOrTemplateRules requires them without
    // template_id
    ...fields.effect,
    template_id: pixverseId.optional(),
    img_id: pixverseId.optional(),
    img_ids: imageIds.min(1).optional(),
  },
  [imageOrTemplateRules("img_id", "img_ids")],
);

export const transitionBody = requestBody(
  { ...fields.transition, first_frame_img: pixverseId, last_frame_img: pixverseId },
  [modelRules],
);

export const multiTransitionBody = requestBody(
  {
    ...fields.multiTransition,
    multi_transition: z
      .array(z.strictObject({ ...fields.multiTransitionItem, img_id: pixverseId }))
      .min(2)
      .max(7),
  },
  [multiTransitionRules],
);

/** A fusion reference video: an uploaded video or an earlier PixVerse video (ComfyUI PixverseVideoReference). */
export const fusionVideoReference = withRules({ ...fields.fusionVideoReference, ...videoSource }, [
  oneVideoSource,
]);

export const fusionBody = requestBody(
  {
    ...fields.fusion,
    image_references: z.array(z.strictObject({ ...fields.fusionReference, img_id: pixverseId })).optional(),
    video_references: z.array(fusionVideoReference).max(2).optional(),
  },
  [fusionRules],
);

export const extendBody = requestBody({ ...fields.extend, ...videoSource }, [oneVideoSource, modelRules]);

export const lipSyncBody = requestBody(
  { ...fields.lipSync, ...videoSource, audio_media_id: pixverseId.optional() },
  [oneVideoSource, exactlyOneOf(["audio_media_id"], ["lip_sync_tts_speaker_id", "lip_sync_tts_content"])],
);

/**
 * The description goes out as `prompt`, the form of the newest official source: the current sound-effect page
 * as heshaojian/pixverse-api-kit validates it (src/platform/validators/specialized.js, "video.sound-effect"
 * requires `prompt`, 2026). The official MCP (PixVerseAI/PixVerse-MCP models/requests.py, 2025) and the older
 * reference send `sound_effect_content`, which callers may still use.
 */
export const soundEffectBody = requestBody({ ...fields.soundEffect, ...videoSource }, [
  oneVideoSource,
  atMostOneOf("prompt", "sound_effect_content"),
]).transform(({ sound_effect_content, ...body }) =>
  sound_effect_content === undefined ? body : { ...body, prompt: sound_effect_content },
);

export const restyleBody = requestBody({ ...fields.restyle, ...videoSource }, [
  oneVideoSource,
  exactlyOneOf(["restyle_id"], ["restyle_prompt"]),
]);

export const swapBody = requestBody({ ...fields.swap, ...videoSource, img_id: pixverseId }, [oneVideoSource]);

export const mimicBody = requestBody({ ...fields.mimic, ...videoSource, img_id: pixverseId }, [
  oneVideoSource,
]);

export const modifyBody = requestBody(
  { ...fields.modify, ...videoSource, img_ids: imageIds.max(3).optional() },
  [oneVideoSource],
);

export const upscaleBody = requestBody({ ...fields.upscale, ...videoSource }, [oneVideoSource]);

export const imageTemplateBody = requestBody({ ...fields.imageTemplate, img_ids: imageIds.min(1) }, []);

export const maskSelectionBody = requestBody({ ...fields.maskSelection, ...videoSource }, [oneVideoSource]);

/** Every asynchronous video generation: capability -> endpoint and body schema. */
export const VIDEO_CAPABILITIES = {
  text: { path: "/openapi/v2/video/text/generate", body: textBody },
  img: { path: "/openapi/v2/video/img/generate", body: imgBody },
  transition: { path: "/openapi/v2/video/transition/generate", body: transitionBody },
  multi_transition: { path: "/openapi/v2/video/multi_transition/generate", body: multiTransitionBody },
  fusion: { path: "/openapi/v2/video/fusion/generate", body: fusionBody },
  extend: { path: "/openapi/v2/video/extend/generate", body: extendBody },
  lip_sync: { path: "/openapi/v2/video/lip_sync/generate", body: lipSyncBody },
  sound_effect: { path: "/openapi/v2/video/sound_effect/generate", body: soundEffectBody },
  restyle: { path: "/openapi/v2/video/restyle/generate", body: restyleBody },
  swap: { path: "/openapi/v2/video/swap/generate", body: swapBody },
  mimic: { path: "/openapi/v2/video/mimic/generate", body: mimicBody },
  modify: { path: "/openapi/v2/video/modify/generate", body: modifyBody },
  upscale: { path: "/openapi/v2/video/upscale/generate", body: upscaleBody },
} as const;

export type VideoCapability = keyof typeof VIDEO_CAPABILITIES;
/** What a caller passes for a capability (ids as digit strings or safe numbers). */
export type VideoCapabilityBody<C extends VideoCapability> = z.input<(typeof VIDEO_CAPABILITIES)[C]["body"]>;
export type ImageTemplateBody = z.input<typeof imageTemplateBody>;
export type MaskSelectionBody = z.input<typeof maskSelectionBody>;
