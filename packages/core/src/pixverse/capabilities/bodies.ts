import { z } from "zod";
import { pixverseId } from "../ids";
import { fields } from "./fields";
import {
  exactlyOneOf,
  fusionRules,
  imageOrTemplateRules,
  modelRules,
  multiTransitionRules,
  withRules,
} from "./rules";

/** Request bodies exactly as PixVerse takes them (ids as digit strings; serialised as JSON integers). */

const videoSource = { source_video_id: pixverseId.optional(), video_media_id: pixverseId.optional() };
const oneVideoSource = exactlyOneOf(["source_video_id"], ["video_media_id"]);
const imageIds = z.array(pixverseId);

export const textBody = withRules(fields.text, [modelRules]);

export const imgBody = withRules(
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

export const transitionBody = withRules(
  { ...fields.transition, first_frame_img: pixverseId, last_frame_img: pixverseId },
  [modelRules],
);

export const multiTransitionBody = withRules(
  {
    ...fields.multiTransition,
    multi_transition: z
      .array(z.strictObject({ ...fields.multiTransitionItem, img_id: pixverseId }))
      .min(2)
      .max(7),
  },
  [multiTransitionRules],
);

export const fusionBody = withRules(
  {
    ...fields.fusion,
    image_references: z.array(z.strictObject({ ...fields.fusionReference, img_id: pixverseId })).min(1),
  },
  [modelRules, fusionRules],
);

export const extendBody = withRules({ ...fields.extend, ...videoSource }, [oneVideoSource, modelRules]);

export const lipSyncBody = withRules(
  { ...fields.lipSync, ...videoSource, audio_media_id: pixverseId.optional() },
  [oneVideoSource, exactlyOneOf(["audio_media_id"], ["lip_sync_tts_speaker_id", "lip_sync_tts_content"])],
);

export const soundEffectBody = withRules({ ...fields.soundEffect, ...videoSource }, [oneVideoSource]);

export const restyleBody = withRules({ ...fields.restyle, ...videoSource }, [
  oneVideoSource,
  exactlyOneOf(["restyle_id"], ["restyle_prompt"]),
]);

export const swapBody = withRules({ ...fields.swap, ...videoSource, img_id: pixverseId }, [oneVideoSource]);

export const mimicBody = withRules({ ...fields.mimic, ...videoSource, img_id: pixverseId }, [oneVideoSource]);

export const modifyBody = withRules(
  { ...fields.modify, ...videoSource, img_ids: imageIds.max(3).optional() },
  [oneVideoSource],
);

export const upscaleBody = withRules({ ...fields.upscale, ...videoSource }, [oneVideoSource]);

export const imageTemplateBody = withRules({ ...fields.imageTemplate, img_ids: imageIds.min(1) }, []);

export const maskSelectionBody = withRules({ ...fields.maskSelection, ...videoSource }, [oneVideoSource]);

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
