import { z } from "zod";
import { pixverseId } from "../ids";
import { ID_FIELDS } from "../json";
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
/**
 * negative_prompt: 2048 characters (old docs; ComfyUI's V6 nodes keep the same limit,
 * comfyanonymous/ComfyUI comfy_api_nodes/nodes_pixverse.py V6_MAX_NEGATIVE_PROMPT_LENGTH).
 */
export const NEGATIVE_PROMPT_MAX = 2048;
/** Lip-sync TTS text (the lip-sync reference: "TTS text > 200 chars" is a 400017). */
export const TTS_CONTENT_MAX = 200;
export const SEED_MAX = 2_147_483_647;
/** Fusion ref_name: letters, digits, underscores and spaces, at most 30 characters (official MCP validator). */
export const REF_NAME = /^[a-zA-Z0-9_ ]{1,30}$/;

/**
 * "realistic" is sent by the official MCP (PixVerseAI/PixVerse-MCP src/pixverse_mcp/models/common.py VideoStyle)
 * and by ComfyUI's V6 nodes (comfy_api_nodes/apis/pixverse.py PixverseV6Style).
 */
export const STYLES = ["anime", "3d_animation", "clay", "comic", "cyberpunk", "realistic"] as const;
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
  // No camera movement asked for; the official MCP offers it (src/pixverse_mcp/models/common.py CameraMovement).
  "default",
] as const;
/** sound_mode: background music instead of described sound (official MCP, models/common.py SoundMode). */
export const SOUND_MODES = ["default_music"] as const;
/** Fusion's reference modes besides the default: "omni" takes reference videos (V6 only). */
export const REFERENCE_MODES = ["omni"] as const;
/** Fusion omni lets PixVerse pick the aspect ratio from the reference videos (ComfyUI PixverseV6FusionVideoNode). */
export const AUTO_ASPECT_RATIO = "auto";

/**
 * Text PixVerse reads as words: no control characters (C0 but tab and line breaks, DEL, C1), which no
 * prompt needs and some stores and queues refuse or mangle.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$/;
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL_CHARACTERS, "must not contain control characters (tab and line breaks are fine)");

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
  sound_mode: z.enum(SOUND_MODES).optional(),
  lip_sync_tts_switch: z.boolean().optional(),
  lip_sync_tts_content: text(TTS_CONTENT_MAX).regex(/\S/, "must not be empty").optional(),
  lip_sync_tts_speaker_id: z.string().min(1).optional(),
  original_sound_switch: z.boolean().optional(),
  water_mark: z.boolean().optional(),
  /** background music; the official MCP sends it on text, image and transition (models/requests.py) */
  play_bgm: z.boolean().optional(),
};

const audioFields = {
  generate_audio_switch: optional.generate_audio_switch,
  sound_effect_switch: optional.sound_effect_switch,
  sound_effect_content: optional.sound_effect_content,
  sound_mode: optional.sound_mode,
  play_bgm: optional.play_bgm,
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
  /**
   * Template (effect) video on img/generate: model, duration and prompt are ignored by PixVerse. The official MCP
   * builds template requests with its image-to-video model, so motion_mode, water_mark and play_bgm come along
   * (src/pixverse_mcp/models/requests.py ImageToVideoRequest).
   */
  effect: {
    template_id: pixverseId,
    quality,
    prompt: text(PROMPT_MAX).optional(),
    model: model.optional(),
    duration: duration.optional(),
    seed: optional.seed,
    motion_mode: optional.motion_mode,
    water_mark: optional.water_mark,
    play_bgm: optional.play_bgm,
    sound_effect_switch: optional.sound_effect_switch,
    sound_effect_content: optional.sound_effect_content,
    sound_mode: optional.sound_mode,
  },
  /**
   * negative_prompt and style on transition: ComfyUI's V6 first-last-frame node (comfy_api_nodes/nodes_pixverse.py
   * PixverseV6FirstLastFrameNode) and the official MCP (TransitionVideoRequest) send them; water_mark comes from
   * the MCP too.
   */
  transition: {
    prompt,
    model,
    duration,
    quality,
    negative_prompt: optional.negative_prompt,
    style: optional.style,
    seed: optional.seed,
    motion_mode: optional.motion_mode,
    water_mark: optional.water_mark,
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
  /**
   * negative_prompt and style: ComfyUI's V6 fusion node (PixverseV6FusionVideoNode) sends both, the official MCP
   * negative_prompt (FusionVideoRequest). duration 0 and aspect_ratio "auto" belong to omni mode (rules.ts).
   */
  fusion: {
    prompt,
    model: z.enum(FUSION_MODELS),
    duration: z.int().nonnegative(),
    quality,
    aspect_ratio: z.enum([...ASPECT_RATIOS, AUTO_ASPECT_RATIO]),
    negative_prompt: optional.negative_prompt,
    style: optional.style,
    seed: optional.seed,
    generate_audio_switch: optional.generate_audio_switch,
    reference_mode: z.enum(REFERENCE_MODES).optional(),
  },
  fusionReference: {
    type: z.enum(["subject", "background"]),
    ref_name: z.string().regex(REF_NAME, "must be 1-30 letters, digits, underscores or spaces"),
  },
  fusionVideoReference: {
    ref_name: z.string().regex(REF_NAME, "must be 1-30 letters, digits, underscores or spaces"),
  },
  /**
   * Extend: the reference and the kit's validator (heshaojian/pixverse-api-kit src/platform/validators/specialized.js)
   * list seed as required. generate_audio_switch: ComfyUI's V6 extend node (PixverseV6ExtendVideoNode).
   */
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
    generate_audio_switch: optional.generate_audio_switch,
  },
  lipSync: {
    lip_sync_tts_speaker_id: optional.lip_sync_tts_speaker_id,
    lip_sync_tts_content: optional.lip_sync_tts_content,
  },
  /**
   * The sound description: `sound_effect_content` in the official MCP (SoundEffectVideoRequest) and the older
   * reference, `prompt` in the kit's validator of the current official page (specialized.js "video.sound-effect").
   * Either is accepted; the wire body sends `prompt` (bodies.ts).
   */
  soundEffect: {
    prompt: text(PROMPT_MAX).optional(),
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
  /** keyframe_id (default 1) and mask_id are optional in PixVerse's swap guide (how-to-use-swap). */
  swap: {
    keyframe_id: z.int().positive().optional(),
    mask_id: z.string().min(1).optional(),
    quality: editQuality,
    original_sound_switch: optional.original_sound_switch,
  },
  mimic: {
    quality: editQuality,
  },
  /** mask_urls: at most 3 (kit validator, specialized.js "video.modify"). */
  modify: {
    prompt,
    quality: editQuality,
    mask_ids: z.array(z.string().min(1)).max(3).optional(),
    mask_urls: z
      .array(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
      .max(3)
      .optional(),
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

/**
 * Every field name pixpipe knows from any PixVerse request: the capability fields, the id fields and the lists
 * that hold nested references. A name in here is never "unknown": where an endpoint does not take it, it is refused.
 */
export const PIXVERSE_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(fields).flatMap((group) => Object.keys(group)),
  ...ID_FIELDS,
  "image_references",
  "video_references",
  "multi_transition",
  // where PixVerse sends the callback is pixpipe's to decide (a per-request webhook_id is seen in one
  // integration, pixverse-api.md §4), never a job input's
  "webhook_id",
  "webhook_url",
]);
