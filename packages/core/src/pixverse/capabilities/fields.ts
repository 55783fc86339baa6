import { z } from "zod";
import { pixverseId } from "../ids";
import {
  ASPECT_RATIOS,
  EDIT_QUALITIES,
  EXTEND_MODELS,
  FUSION_MODELS,
  MODELS,
  MULTI_TRANSITION_MODELS,
  QUALITIES,
} from "./models";

/**
 * Prompt limit: 5000 characters. The old reference (and ErrCodes 400018/400019) say 2048; the current reference
 * and current client validators say 5000. pixpipe follows the current reference; should an account still be on
 * the old limit, PixVerse answers 400018, a `request` error that fails the job with PixVerse's own message.
 */
export const PROMPT_MAX = 5000;
/** negative_prompt only exists in the old docs, whose limit is 2048. */
export const NEGATIVE_PROMPT_MAX = 2048;
/** Lip-sync TTS text (the lip-sync reference: "TTS text > 200 chars" is a 400017). */
export const TTS_CONTENT_MAX = 200;
export const SEED_MAX = 2_147_483_647;
/** Fusion ref_name: letters, digits, underscores and spaces, at most 30 characters (official MCP validator). */
export const REF_NAME = /^[a-zA-Z0-9_ ]{1,30}$/;

export const STYLES = ["anime", "3d_animation", "clay", "comic", "cyberpunk"] as const;
export const CAMERA_MOVEMENTS = [
  "horizontal_left",
  "horizontal_right",
  "vertical_up",
  "vertical_down",
  "zoom_in",
  "zoom_out",
  "auto_camera",
  "crane_up",
  "quickly_zoom_in",
  "quickly_zoom_out",
  "smooth_zoom_in",
  "camera_rotation",
  "robo_arm",
  "super_dolly_out",
  "whip_pan",
  "hitchcock",
  "left_follow",
  "right_follow",
  "pan_left",
  "pan_right",
  "fix_bg",
] as const;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const prompt = text(PROMPT_MAX).regex(/\S/, "must not be empty");
export const model = z.enum(MODELS);
export const quality = z.enum(QUALITIES);
export const editQuality = z.enum(EDIT_QUALITIES);
/** Which values are allowed depends on model and quality (rules.ts). */
export const duration = z.int().positive();
export const aspectRatio = z.enum(ASPECT_RATIOS);
export const seed = z.int().min(0).max(SEED_MAX);

const optional = {
  negative_prompt: text(NEGATIVE_PROMPT_MAX).optional(),
  seed: seed.optional(),
  motion_mode: z.enum(["normal", "fast"]).optional(),
  style: z.enum(STYLES).optional(),
  camera_movement: z.enum(CAMERA_MOVEMENTS).optional(),
  template_id: pixverseId.optional(),
  generate_audio_switch: z.boolean().optional(),
  generate_multi_clip_switch: z.boolean().optional(),
  thinking_type: z.enum(["enabled", "disabled", "auto"]).optional(),
  sound_effect_switch: z.boolean().optional(),
  sound_effect_content: text(PROMPT_MAX).optional(),
  lip_sync_tts_switch: z.boolean().optional(),
  lip_sync_tts_content: text(TTS_CONTENT_MAX).regex(/\S/, "must not be empty").optional(),
  lip_sync_tts_speaker_id: z.string().min(1).optional(),
  original_sound_switch: z.boolean().optional(),
  water_mark: z.boolean().optional(),
};

const audioFields = {
  generate_audio_switch: optional.generate_audio_switch,
  sound_effect_switch: optional.sound_effect_switch,
  sound_effect_content: optional.sound_effect_content,
  lip_sync_tts_switch: optional.lip_sync_tts_switch,
  lip_sync_tts_content: optional.lip_sync_tts_content,
  lip_sync_tts_speaker_id: optional.lip_sync_tts_speaker_id,
};

/**
 * Each capability's own (non-media) fields by PixVerse's names. The wire bodies add PixVerse's id fields, the
 * job inputs add media references; both apply the same rules.
 */
export const fields = {
  text: {
    prompt,
    model,
    duration,
    quality,
    aspect_ratio: aspectRatio,
    negative_prompt: optional.negative_prompt,
    seed: optional.seed,
    motion_mode: optional.motion_mode,
    style: optional.style,
    camera_movement: optional.camera_movement,
    template_id: optional.template_id,
    generate_multi_clip_switch: optional.generate_multi_clip_switch,
    thinking_type: optional.thinking_type,
    water_mark: optional.water_mark,
    ...audioFields,
  },
  image: {
    prompt,
    model,
    duration,
    quality,
    negative_prompt: optional.negative_prompt,
    seed: optional.seed,
    motion_mode: optional.motion_mode,
    style: optional.style,
    camera_movement: optional.camera_movement,
    generate_multi_clip_switch: optional.generate_multi_clip_switch,
    thinking_type: optional.thinking_type,
    water_mark: optional.water_mark,
    ...audioFields,
  },
  /** Template (effect) video on img/generate: model, duration and prompt are ignored by PixVerse. */
  effect: {
    template_id: pixverseId,
    quality,
    prompt: text(PROMPT_MAX).optional(),
    model: model.optional(),
    duration: duration.optional(),
    seed: optional.seed,
    sound_effect_switch: optional.sound_effect_switch,
    sound_effect_content: optional.sound_effect_content,
  },
  transition: {
    prompt,
    model,
    duration,
    quality,
    seed: optional.seed,
    motion_mode: optional.motion_mode,
    ...audioFields,
  },
  multiTransition: {
    model: z.enum(MULTI_TRANSITION_MODELS),
    quality,
    motion_mode: optional.motion_mode,
    seed: optional.seed,
  },
  multiTransitionItem: {
    /** every item but the last: 1–8 s (1–5 s with three or more items); the last: 0 or omitted */
    duration: z.int().min(0).optional(),
    prompt: text(PROMPT_MAX).optional(),
  },
  fusion: {
    prompt,
    model: z.enum(FUSION_MODELS),
    duration,
    quality,
    aspect_ratio: aspectRatio,
    seed: optional.seed,
    generate_audio_switch: optional.generate_audio_switch,
  },
  fusionReference: {
    type: z.enum(["subject", "background"]),
    ref_name: z.string().regex(REF_NAME, "must be 1-30 letters, digits, underscores or spaces"),
  },
  /** Extend: the reference lists seed as required. */
  extend: {
    prompt,
    model: z.enum(EXTEND_MODELS),
    duration,
    quality,
    seed,
    motion_mode: optional.motion_mode,
    style: optional.style,
    negative_prompt: optional.negative_prompt,
    template_id: optional.template_id,
    water_mark: optional.water_mark,
  },
  lipSync: {
    lip_sync_tts_speaker_id: optional.lip_sync_tts_speaker_id,
    lip_sync_tts_content: optional.lip_sync_tts_content,
  },
  soundEffect: {
    sound_effect_content: optional.sound_effect_content,
    original_sound_switch: optional.original_sound_switch,
    seed: optional.seed,
  },
  restyle: {
    restyle_id: pixverseId.optional(),
    restyle_prompt: prompt.optional(),
    seed: optional.seed,
  },
  maskSelection: {
    keyframe_id: z.int().positive().optional(),
  },
  swap: {
    keyframe_id: z.int().positive(),
    mask_id: z.string().min(1),
    quality: editQuality,
    original_sound_switch: optional.original_sound_switch,
  },
  mimic: {
    quality: editQuality,
  },
  modify: {
    prompt,
    quality: editQuality,
    mask_ids: z.array(z.string().min(1)).max(3).optional(),
    keyframe_ids: z.array(z.int().positive()).optional(),
  },
  /** Only the source is documented; `quality` is the target resolution as the simulator models it. */
  upscale: {
    quality: quality.optional(),
  },
  imageTemplate: {
    template_id: pixverseId,
  },
} as const;
