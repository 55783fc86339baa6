import * as z from "zod";
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

// Descriptions and examples (`.meta`) are for the API's OpenAPI document; they never change what is accepted.

export const prompt = text(PROMPT_MAX)
  .regex(/\S/, "must not be empty")
  .meta({
    description: `What the video shows, in words (at most ${PROMPT_MAX} characters).`,
    example: "A red fox running through fresh snow at dawn, cinematic",
  });
export const model = z.enum(MODELS).meta({
  description:
    "PixVerse's model. It decides the durations, aspect ratios and audio switches allowed: v3.5-v5 take 5 or 8 s, v5.5/v5.6 5, 8 or 10 s, v6 and c1 any whole number of seconds from 1 to 15.",
  example: "v5",
});
export const quality = z.enum(QUALITIES).meta({
  description:
    "Output resolution (360p is PixVerse's Turbo). At 1080p, v3.5-v4.5 take 5 s only and v5.5/v5.6 no 10 s.",
  example: "540p",
});
export const editQuality = z
  .enum(EDIT_QUALITIES)
  .meta({ description: "Output resolution (no 1080p for this capability).", example: "540p" });
/** Which values are allowed depends on model and quality (rules.ts). */
export const duration = z.int().positive().meta({
  description:
    "Seconds of video. v3.5-v5: 5 or 8; v5.5/v5.6: 5, 8 or 10; v6 and c1: 1-15 (see model and quality).",
  example: 5,
});
export const aspectRatio = z.enum(ASPECT_RATIOS).meta({
  description: "Frame shape. 2:3, 3:2 and 21:9 need v6 or c1.",
  example: "16:9",
});
export const seed = z
  .int()
  .min(0)
  .max(SEED_MAX)
  .meta({
    description: `Random seed (0-${SEED_MAX}); the same seed and parameters give a similar video.`,
    example: 42,
  });
/** Fusion's names for its references; the prompt mentions each as `@name `. */
const refName = z.string().regex(REF_NAME, "must be 1-30 letters, digits, underscores or spaces").meta({
  description: "The reference's name, unique in the request; the prompt mentions it as @name.",
  example: "fox",
});
const keyframeId = z
  .int()
  .positive()
  .meta({ description: "The video frame the masks are picked on (PixVerse's default 1).", example: 1 });
const switchOf = (description: string) => z.boolean().meta({ description, example: true });

const templateId = pixverseId.meta({
  description:
    "A PixVerse template (effect) id, from GET /v1/catalog/templates; activate it in PixVerse's console first.",
  example: "308621408717184",
});

const optional = {
  negative_prompt: text(NEGATIVE_PROMPT_MAX)
    .meta({
      description: `What the video should not show (at most ${NEGATIVE_PROMPT_MAX} characters).`,
      example: "blurry, text, watermark",
    })
    .optional(),
  seed: seed.optional(),
  motion_mode: z
    .enum(["normal", "fast"])
    .meta({
      description: "fast: quicker motion, at twice the credits; 5 s only, never 1080p, not on v5 and later.",
      example: "normal",
    })
    .optional(),
  style: z.enum(STYLES).meta({ description: "A visual style.", example: "anime" }).optional(),
  camera_movement: z
    .enum(CAMERA_MOVEMENTS)
    .meta({
      description: "A camera move (v4 and v4.5 only; not together with template_id).",
      example: "zoom_in",
    })
    .optional(),
  template_id: templateId.optional(),
  generate_audio_switch: switchOf("Generate sound with the video (v5.5 and later, c1).").optional(),
  generate_multi_clip_switch: switchOf(
    "Let PixVerse cut the video into several shots (v5.5, v5.6, v6).",
  ).optional(),
  thinking_type: z
    .enum(["enabled", "disabled", "auto"])
    .meta({
      description: "Whether v6 reasons about the prompt first (v6 only; PixVerse's default auto).",
      example: "auto",
    })
    .optional(),
  sound_effect_switch: switchOf("Add sound effects (v5 and earlier, or with a template).").optional(),
  sound_effect_content: text(PROMPT_MAX)
    .meta({
      description: "The sound to add, in words; left out, PixVerse picks one from the video.",
      example: "crunching snow, distant wind",
    })
    .optional(),
  sound_mode: z
    .enum(SOUND_MODES)
    .meta({
      description: "default_music: background music instead of described sound.",
      example: "default_music",
    })
    .optional(),
  lip_sync_tts_switch: switchOf("Make the subject speak lip_sync_tts_content (v3.5-v5).").optional(),
  lip_sync_tts_content: text(TTS_CONTENT_MAX)
    .regex(/\S/, "must not be empty")
    .meta({
      description: `The words to speak, read by lip_sync_tts_speaker_id (at most ${TTS_CONTENT_MAX} characters).`,
      example: "Welcome to the show!",
    })
    .optional(),
  lip_sync_tts_speaker_id: z
    .string()
    .min(1)
    .meta({
      description: 'A voice id, from GET /v1/catalog/voices ("auto" lets PixVerse choose).',
      example: "1",
    })
    .optional(),
  original_sound_switch: switchOf("Keep the source video's own sound.").optional(),
  water_mark: switchOf("Add PixVerse's watermark.").optional(),
  /** background music; the official MCP sends it on text, image and transition (models/requests.py) */
  play_bgm: switchOf("Add background music.").optional(),
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
    template_id: templateId,
    quality,
    prompt: text(PROMPT_MAX).meta({ description: "Ignored by PixVerse for templates." }).optional(),
    model: model.meta({ description: "Ignored by PixVerse: the template decides." }).optional(),
    duration: duration
      .meta({ description: "Ignored by PixVerse: the template decides the length." })
      .optional(),
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
    model: z
      .enum(MULTI_TRANSITION_MODELS)
      .meta({ description: "PixVerse's model (v3.5-v5 for multi-transition).", example: "v5" }),
    quality,
    motion_mode: optional.motion_mode,
    seed: optional.seed,
  },
  multiTransitionItem: {
    /** every item but the last: 1–8 s (1–5 s with three or more items); the last: 0 or omitted */
    duration: z
      .int()
      .min(0)
      .meta({
        description:
          "Seconds until the next keyframe: 1-8 (1-5 with three or more keyframes); 0 or left out on the last.",
        example: 3,
      })
      .optional(),
    prompt: text(PROMPT_MAX)
      .meta({
        description: "How the video moves from this keyframe to the next.",
        example: "the fox leaps over a log",
      })
      .optional(),
  },
  /**
   * negative_prompt and style: ComfyUI's V6 fusion node (PixverseV6FusionVideoNode) sends both, the official MCP
   * negative_prompt (FusionVideoRequest). duration 0 and aspect_ratio "auto" belong to omni mode (rules.ts).
   */
  fusion: {
    prompt,
    model: z
      .enum(FUSION_MODELS)
      .meta({ description: "PixVerse's model (v4.5 and later for fusion).", example: "v5" }),
    duration: z
      .int()
      .nonnegative()
      .meta({
        description: `${duration.meta()?.description} 0 in omni mode lets PixVerse choose.`,
        example: 5,
      }),
    quality,
    aspect_ratio: z.enum([...ASPECT_RATIOS, AUTO_ASPECT_RATIO]).meta({
      description: `${aspectRatio.meta()?.description} "auto" (omni mode) follows the reference videos.`,
      example: "16:9",
    }),
    negative_prompt: optional.negative_prompt,
    style: optional.style,
    seed: optional.seed,
    generate_audio_switch: optional.generate_audio_switch,
    reference_mode: z
      .enum(REFERENCE_MODES)
      .meta({ description: "omni (v6): up to 10 image references and 2 reference videos.", example: "omni" })
      .optional(),
  },
  fusionReference: {
    type: z
      .enum(["subject", "background"])
      .meta({ description: "What the image contributes.", example: "subject" }),
    ref_name: refName,
  },
  fusionVideoReference: {
    ref_name: refName,
  },
  /**
   * Extend: the reference and the kit's validator (heshaojian/pixverse-api-kit src/platform/validators/specialized.js)
   * list seed as required. generate_audio_switch: ComfyUI's V6 extend node (PixverseV6ExtendVideoNode).
   */
  extend: {
    prompt: prompt.meta({ description: "What happens next in the video." }),
    model: z
      .enum(EXTEND_MODELS)
      .meta({ description: "PixVerse's model (v3.5-v5.5 or v6 for extend).", example: "v5" }),
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
    prompt: text(PROMPT_MAX)
      .meta({
        description:
          "The sound to add, in words (or sound_effect_content, not both); left out, PixVerse picks one from the video.",
        example: "crunching snow, distant wind",
      })
      .optional(),
    sound_effect_content: optional.sound_effect_content,
    original_sound_switch: optional.original_sound_switch,
    seed: optional.seed,
  },
  restyle: {
    restyle_id: pixverseId
      .meta({
        description: "A restyle preset id, from GET /v1/catalog/restyles (or restyle_prompt).",
        example: "1001",
      })
      .optional(),
    restyle_prompt: prompt
      .meta({ description: "The style in words (or restyle_id).", example: "a hand-drawn watercolor" })
      .optional(),
    seed: optional.seed,
  },
  maskSelection: {
    keyframe_id: keyframeId.optional(),
  },
  /** keyframe_id (default 1) and mask_id are optional in PixVerse's swap guide (how-to-use-swap). */
  swap: {
    keyframe_id: keyframeId.optional(),
    mask_id: z
      .string()
      .min(1)
      .meta({
        description: "The mask to replace, one of the mask_info ids POST /v1/masks answered.",
        example: "1",
      })
      .optional(),
    quality: editQuality,
    original_sound_switch: optional.original_sound_switch,
  },
  mimic: {
    quality: editQuality,
  },
  /** mask_urls: at most 3 (kit validator, specialized.js "video.modify"). */
  modify: {
    prompt: prompt.meta({
      description: "The change, in words; @selection0.. names the masks, @img0.. the reference images.",
      example: "turn @selection0 into a snowman",
    }),
    quality: editQuality,
    mask_ids: z
      .array(z.string().min(1))
      .max(3)
      .meta({ description: "Masks from POST /v1/masks to edit (at most 3).", example: ["1"] })
      .optional(),
    mask_urls: z
      .array(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
      .max(3)
      .meta({ description: "Mask images by URL (at most 3)." })
      .optional(),
    keyframe_ids: z
      .array(z.int().positive())
      .meta({ description: "The frames mask_ids were picked on.", example: [1] })
      .optional(),
  },
  /** Only the source is documented; `quality` is the target resolution as the simulator models it. */
  upscale: {
    quality: quality.meta({ description: "The target resolution." }).optional(),
  },
  imageTemplate: {
    template_id: pixverseId.meta({
      description: "An image template id (GET /v1/catalog/templates?type=image).",
      example: "340914720654848",
    }),
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
