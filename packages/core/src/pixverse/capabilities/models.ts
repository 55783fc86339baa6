/** PixVerse's generation models and what each accepts (pixverse-api.md §2.2), as data, once. */

export const MODELS = ["v3.5", "v4", "v4.5", "v5", "v5.5", "v5.6", "v6", "c1"] as const;
export type Model = (typeof MODELS)[number];

export const QUALITIES = ["360p", "540p", "720p", "1080p"] as const;
export type Quality = (typeof QUALITIES)[number];

export const ASPECT_RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "2:3", "3:2", "21:9"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export interface ModelRules {
  /** accepted `duration` values in seconds */
  durations: readonly number[];
  /** accepted `duration` values at 1080p */
  durations1080p: readonly number[];
  aspectRatios: readonly AspectRatio[];
  /** motion_mode "fast" (5 s only, never 1080p) */
  fastMotion: boolean;
  cameraMovement: boolean;
  /** how audio is asked for: sound_effect_switch (legacy) or generate_audio_switch */
  audioSwitch: "sound_effect_switch" | "generate_audio_switch";
  multiClip: boolean;
  thinkingType: boolean;
  /** lip_sync_tts_switch inside a generation */
  lipSyncInGeneration: boolean;
}

const CLASSIC_RATIOS: readonly AspectRatio[] = ["16:9", "9:16", "1:1", "4:3", "3:4"];
const ONE_TO_FIFTEEN = Array.from({ length: 15 }, (_, i) => i + 1);

/**
 * 1080p on v3.5–v4.5 is 5 s only ("1080p does not support 8s" in the English reference). v5 also takes 8 s at
 * 1080p: PixVerse's pricing page prices it (240 credits, model-pricing-796039m0), which the English reference's
 * blanket sentence predates. v5.5/v5.6 at 1080p have no 10 s.
 */
const legacy = (model: "v3.5" | "v4" | "v4.5" | "v5"): ModelRules => ({
  durations: [5, 8],
  durations1080p: model === "v5" ? [5, 8] : [5],
  aspectRatios: CLASSIC_RATIOS,
  fastMotion: model !== "v5",
  cameraMovement: model === "v4" || model === "v4.5",
  audioSwitch: "sound_effect_switch",
  multiClip: false,
  thinkingType: false,
  lipSyncInGeneration: true,
});

const current = (model: "v5.5" | "v5.6" | "v6" | "c1"): ModelRules => {
  const v6Class = model === "v6" || model === "c1";
  return {
    durations: v6Class ? ONE_TO_FIFTEEN : [5, 8, 10],
    durations1080p: v6Class ? ONE_TO_FIFTEEN : [5, 8],
    aspectRatios: v6Class ? ASPECT_RATIOS : CLASSIC_RATIOS,
    fastMotion: false,
    cameraMovement: false,
    audioSwitch: "generate_audio_switch",
    multiClip: model !== "c1",
    thinkingType: model === "v6",
    lipSyncInGeneration: false,
  };
};

export const MODEL_RULES: Readonly<Record<Model, ModelRules>> = {
  "v3.5": legacy("v3.5"),
  v4: legacy("v4"),
  "v4.5": legacy("v4.5"),
  v5: legacy("v5"),
  "v5.5": current("v5.5"),
  "v5.6": current("v5.6"),
  v6: current("v6"),
  c1: current("c1"),
};

/** Models per capability where PixVerse restricts them (§2.3). */
export const MULTI_TRANSITION_MODELS = ["v3.5", "v4", "v4.5", "v5"] as const satisfies readonly Model[];
export const FUSION_MODELS = ["v4.5", "v5", "v5.5", "v5.6", "v6", "c1"] as const satisfies readonly Model[];
export const EXTEND_MODELS = ["v3.5", "v4", "v4.5", "v5", "v5.5", "v6"] as const satisfies readonly Model[];

/** Maximum fusion image references per model (omni mode: see FUSION_OMNI). */
export const fusionMaxReferences = (model: Model): number => (model === "v4.5" || model === "v5" ? 3 : 7);

/**
 * Fusion "omni" mode (V6): up to 10 images and 2 reference videos of at most 15 s together; with videos the
 * duration is 0 (the output follows the reference videos) and aspect_ratio may be "auto". Sources:
 * comfyanonymous/ComfyUI comfy_api_nodes/nodes_pixverse.py (V6_MAX_REFERENCE_IMAGES_OMNI, V6_MAX_REFERENCE_VIDEOS,
 * V6_MAX_REFERENCE_VIDEO_SECONDS, PixverseV6FusionVideoNode.execute) and heshaojian/pixverse-api-kit
 * src/platform/validators/video.js validateFusion (omni only on v6; duration 0 with video references).
 */
export const FUSION_OMNI = {
  models: ["v6"] as const satisfies readonly Model[],
  maxImages: 10,
  maxVideos: 2,
  maxVideoSeconds: 15,
} as const;

/**
 * Images of one multi-image template (video effect or image template). PixVerse documents no bound; pixpipe
 * takes the largest image set any PixVerse endpoint accepts (fusion omni's 10), so a request cannot make it
 * upload hundreds of files for one job.
 */
export const TEMPLATE_MAX_IMAGES = FUSION_OMNI.maxImages;

/** Swap, mimic and modify stop at 720p (mimic 1080p is "not supported" in the guide; pixpipe follows the guide). */
export const EDIT_QUALITIES = ["360p", "540p", "720p"] as const satisfies readonly Quality[];

export const isModel = (value: unknown): value is Model => MODELS.includes(value as Model);
