import type { BodyReader } from "./body";
import {
  aspectRatiosFor,
  assumedSourceSeconds,
  cameraMovements,
  durationProblem,
  imageTemplateCredits,
  isLegacyModel,
  lipSyncCreditsPerSecond,
  type Model,
  mimicCreditsPerSecond,
  models,
  outputSize,
  type Quality,
  qualities,
  restyles,
  soundModes,
  styles,
  supportsFastMotion,
  type Template,
  templates,
  videoCredits,
} from "./catalog";
import { ErrCode, invalidParam, PixverseError } from "./errors";

/** Generation endpoints by the name faults and the ledger use (pixpipe's job types where they match). */
export type GenerationOperation =
  | "text_to_video"
  | "image_to_video"
  | "transition"
  | "multi_transition"
  | "fusion"
  | "extend"
  | "lip_sync"
  | "sound_effect"
  | "restyle"
  | "swap"
  | "mimic"
  | "modify"
  | "upscale"
  | "image_template";

/** What a valid submit will generate and charge. */
export interface GenerationPlan {
  operation: GenerationOperation;
  kind: "video" | "image";
  credits: number;
  /** seconds; 0 for images */
  duration: number;
  quality: Quality;
  width: number;
  height: number;
  hasAudio: boolean;
  model?: string;
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  style?: string;
  templateId?: number;
  /** the field carrying the charged credits in the submit answer, for endpoints documented with one */
  creditsField?: "credits" | "credit";
}

export interface KnownVideo {
  status: number;
  duration: number;
  quality: Quality;
  width: number;
  height: number;
}

/** What validation needs to know about earlier uploads, generations and voices. */
export interface Lookups {
  hasImage(id: string): boolean;
  /** an uploaded video or audio; durationSeconds when its container said */
  media(id: string): { type: "video" | "audio"; durationSeconds?: number } | undefined;
  video(id: string): KnownVideo | undefined;
  /** mask ids offered by a mask selection of this source at this keyframe */
  masks(sourceKey: string, keyframeId: number): string[] | undefined;
  /** every mask id offered for this source */
  allMasks(sourceKey: string): string[];
  /** a system or custom TTS speaker (case-insensitive) */
  hasSpeaker(id: string): boolean;
}

const PROMPT_MAX = 5000;
const NEGATIVE_PROMPT_MAX = 2048;
const TTS_CONTENT_MAX = 200;
const SEED_MAX = 2147483647;
const uploadedVideoSize = { width: 1280, height: 720 };

function prompt(b: BodyReader, required: boolean): string | undefined {
  const value = b.string("prompt", { required });
  if (value !== undefined && [...value].length > PROMPT_MAX) {
    throw new PixverseError(
      ErrCode.promptTooLong,
      `The length of prompt cannot exceed ${PROMPT_MAX} characters`,
    );
  }
  return value;
}

function negativePrompt(b: BodyReader): string | undefined {
  const value = b.string("negative_prompt");
  if (value !== undefined && [...value].length > NEGATIVE_PROMPT_MAX) {
    throw new PixverseError(ErrCode.negativePromptTooLong);
  }
  return value;
}

function image(b: BodyReader, field: string, look: Lookups, required = true): string | undefined {
  const id = b.id(field, { required });
  if (id !== undefined) requireImage(id, field, look);
  return id;
}

function requireImage(id: string, field: string, look: Lookups) {
  if (!look.hasImage(id)) throw new PixverseError(ErrCode.invalidImageId, `Invalid image ID: ${field} ${id}`);
}

interface Source {
  key: string;
  duration: number;
  width: number;
  height: number;
}

/**
 * Exactly one of source_video_id (a finished PixVerse video) or video_media_id (an uploaded video). A video that
 * was deleted (status 6) answers 500064, "Content has been deleted".
 */
function source(b: BodyReader, look: Lookups, prefix = ""): Source {
  const videoId = b.id("source_video_id");
  const mediaId = b.id("video_media_id");
  if (videoId !== undefined && mediaId !== undefined) {
    throw invalidParam(`only one of ${prefix}source_video_id and ${prefix}video_media_id may be set`);
  }
  if (videoId !== undefined) {
    const video = look.video(videoId);
    if (!video) throw invalidParam(`source_video_id ${videoId} does not exist`);
    if (video.status === 6) throw new PixverseError(ErrCode.contentDeleted);
    if (video.status !== 1)
      throw invalidParam(`source_video_id ${videoId} has not been generated successfully`);
    return { key: `video:${videoId}`, duration: video.duration, width: video.width, height: video.height };
  }
  if (mediaId !== undefined) {
    const media = look.media(mediaId);
    if (!media) throw invalidParam(`video_media_id ${mediaId} does not exist`);
    if (media.type !== "video") throw invalidParam(`video_media_id ${mediaId} is not a video`);
    const duration = media.durationSeconds ?? assumedSourceSeconds;
    return { key: `media:${mediaId}`, duration, ...uploadedVideoSize };
  }
  throw invalidParam(`one of ${prefix}source_video_id or ${prefix}video_media_id is required`);
}

function seed(b: BodyReader, required = false) {
  return b.int("seed", { required, min: 0, max: SEED_MAX });
}

interface VideoSettings {
  model: Model;
  quality: Quality;
  duration: number;
  fastMotion: boolean;
}

/** model + quality + duration (+ motion_mode) with the model-specific rules. */
function videoSettings(b: BodyReader, allowedModels: readonly Model[] = models): VideoSettings {
  const model = b.oneOf("model", allowedModels, { required: true }) as Model;
  const quality = b.oneOf("quality", qualities, { required: true }) as Quality;
  const duration = b.int("duration", { required: true }) as number;
  const problem = durationProblem(model, quality, duration);
  if (problem) throw invalidParam(problem);
  const motion = b.oneOf("motion_mode", ["normal", "fast"]);
  const fastMotion = motion === "fast";
  if (fastMotion) {
    if (!supportsFastMotion(model)) throw invalidParam(`motion_mode fast is not supported by model ${model}`);
    if (duration !== 5) throw invalidParam("motion_mode fast only supports 5s");
    if (quality === "1080p") throw invalidParam("motion_mode fast does not support 1080p");
  }
  return { model, quality, duration, fastMotion };
}

function aspectRatio(b: BodyReader, model: Model, required: boolean): string | undefined {
  return b.oneOf("aspect_ratio", aspectRatiosFor(model), { required });
}

/**
 * Audio switches: sound_effect_switch (<= v5 or templates) or generate_audio_switch (v5.5+), and the official
 * MCP's play_bgm and sound_mode "default_music" (which excludes a sound description when sound effects are on).
 */
function audio(
  b: BodyReader,
  model: Model | undefined,
  look: Lookups,
): { hasAudio: boolean; soundEffect: boolean } {
  const soundEffect = b.bool("sound_effect_switch") === true;
  const content = b.string("sound_effect_content", { max: PROMPT_MAX });
  const soundMode = b.oneOf("sound_mode", soundModes);
  if (soundEffect && soundMode !== undefined && content !== undefined) {
    throw invalidParam("sound_effect_content and sound_mode cannot be used together");
  }
  const backgroundMusic = b.bool("play_bgm") === true;
  const generateAudio = generateAudioSwitch(b, model);
  lipSyncInGeneration(b, look);
  return { hasAudio: soundEffect || generateAudio || backgroundMusic, soundEffect };
}

function generateAudioSwitch(b: BodyReader, model: Model | undefined): boolean {
  const on = b.bool("generate_audio_switch") === true;
  if (on && model !== undefined && isLegacyModel(model)) {
    throw invalidParam(`generate_audio_switch is not supported by model ${model}`);
  }
  return on;
}

function lipSyncInGeneration(b: BodyReader, look: Lookups) {
  const on = b.bool("lip_sync_tts_switch") === true || b.bool("lip_sync_switch") === true;
  const speaker = b.string("lip_sync_tts_speaker_id");
  b.string("lip_sync_tts_content");
  if (on && speaker !== undefined) requireSpeaker(speaker, "lip_sync_tts_speaker_id", look);
}

function requireSpeaker(id: string, field: string, look: Lookups) {
  if (!look.hasSpeaker(id)) throw invalidParam(`${field} ${id} is not a valid speaker`);
}

/** Multi-clip (v5.5/v6) and thinking_type (v6, third-party docs): checked for their type only. */
function v6Options(b: BodyReader) {
  b.bool("generate_multi_clip_switch");
  b.oneOf("thinking_type", ["enabled", "disabled", "auto"]);
}

function styleAndCamera(b: BodyReader, templateId: number | undefined) {
  const style = b.oneOf("style", styles);
  const camera = b.oneOf("camera_movement", cameraMovements);
  if (camera !== undefined && templateId !== undefined) {
    throw invalidParam("camera_movement cannot be used together with template_id");
  }
  return style;
}

function template(b: BodyReader, type: 1 | 2, required = false): Template | undefined {
  const id = b.int("template_id", { required, min: 1 });
  if (id === undefined) return undefined;
  const found = templates.find((tpl) => tpl.template_id === id);
  if (!found || found.type !== type || !found.activated)
    throw new PixverseError(ErrCode.templateNotActivated);
  return found;
}

function checkTemplateQuality(tpl: Template, quality: Quality) {
  if (qualities.indexOf(quality) > qualities.indexOf(tpl.maxQuality)) {
    throw new PixverseError(ErrCode.templateQualityUnsupported);
  }
}

function videoPlan(
  operation: GenerationOperation,
  s: { quality: Quality; duration: number; aspect?: string },
  credits: number,
  extra: Partial<GenerationPlan>,
): GenerationPlan {
  return {
    operation,
    kind: "video",
    credits,
    duration: s.duration,
    quality: s.quality,
    ...outputSize(s.quality, s.aspect),
    hasAudio: false,
    ...extra,
  };
}

function textToVideo(b: BodyReader, look: Lookups): GenerationPlan {
  const s = videoSettings(b);
  const aspect = aspectRatio(b, s.model, true);
  const tpl = template(b, 1);
  const style = styleAndCamera(b, tpl?.template_id);
  const sound = audio(b, s.model, look);
  b.bool("water_mark");
  v6Options(b);
  return videoPlan(
    "text_to_video",
    { ...s, aspect },
    videoCredits({ ...s, soundEffect: sound.soundEffect }),
    {
      model: s.model,
      prompt: prompt(b, true),
      negativePrompt: negativePrompt(b),
      seed: seed(b),
      style,
      hasAudio: sound.hasAudio,
      templateId: tpl?.template_id,
    },
  );
}

/** Image-to-video, or a template (effect) video when template_id is set. */
function imageToVideo(b: BodyReader, look: Lookups): GenerationPlan {
  const tpl = template(b, 1);
  if (tpl) {
    const quality = b.oneOf("quality", qualities, { required: true }) as Quality;
    checkTemplateQuality(tpl, quality);
    const hasOne = b.has("img_id");
    const hasMany = b.has("img_ids");
    if (hasOne === hasMany) throw invalidParam("exactly one of img_id or img_ids is required");
    if (hasOne) image(b, "img_id", look);
    const ids = b.ids("img_ids", { min: 1 }) ?? [];
    for (const id of ids) requireImage(id, "img_ids", look);
    const count = hasOne ? 1 : ids.length;
    if (count !== tpl.images) throw invalidParam(`template ${tpl.template_id} needs ${tpl.images} image(s)`);
    // model and duration are ignored with a template (the template decides), so they are not read
    const sound = audio(b, undefined, look);
    b.oneOf("motion_mode", ["normal", "fast"]);
    b.bool("water_mark");
    const s = { quality, duration: tpl.duration };
    return videoPlan("image_to_video", s, videoCredits({ ...s, soundEffect: sound.soundEffect }), {
      prompt: prompt(b, false),
      seed: seed(b),
      hasAudio: sound.hasAudio,
      templateId: tpl.template_id,
    });
  }
  image(b, "img_id", look);
  const s = videoSettings(b);
  const style = styleAndCamera(b, undefined);
  const sound = audio(b, s.model, look);
  b.bool("water_mark");
  v6Options(b);
  return videoPlan("image_to_video", s, videoCredits({ ...s, soundEffect: sound.soundEffect }), {
    model: s.model,
    prompt: prompt(b, true),
    negativePrompt: negativePrompt(b),
    seed: seed(b),
    style,
    hasAudio: sound.hasAudio,
  });
}

/** negative_prompt and style: ComfyUI's V6 first-last-frame node and the official MCP send them. */
function transition(b: BodyReader, look: Lookups): GenerationPlan {
  image(b, "first_frame_img", look);
  image(b, "last_frame_img", look);
  const s = videoSettings(b);
  const sound = audio(b, s.model, look);
  b.bool("water_mark");
  return videoPlan("transition", s, videoCredits({ ...s, soundEffect: sound.soundEffect }), {
    model: s.model,
    prompt: prompt(b, true),
    negativePrompt: negativePrompt(b),
    seed: seed(b),
    style: b.oneOf("style", styles),
    hasAudio: sound.hasAudio,
  });
}

const multiTransitionModels: readonly Model[] = ["v3.5", "v4", "v4.5", "v5"];

function multiTransition(b: BodyReader, look: Lookups): GenerationPlan {
  const items = b.objects("multi_transition", { required: true, min: 2, max: 7 }) ?? [];
  const model = b.oneOf("model", multiTransitionModels, { required: true }) as Model;
  const quality = b.oneOf("quality", qualities, { required: true }) as Quality;
  const perItemMax = items.length >= 3 ? 5 : 8;
  let total = 0;
  items.forEach((item, i) => {
    image(item, "img_id", look);
    item.string("prompt", { max: PROMPT_MAX });
    const last = i === items.length - 1;
    const duration = item.int("duration", { required: !last });
    if (last) {
      if (duration !== undefined && duration !== 0)
        throw invalidParam("the last item's duration must be 0 or omitted");
      return;
    }
    if (duration === undefined || duration < 1 || duration > perItemMax) {
      throw invalidParam(`multi_transition[${i}].duration must be between 1 and ${perItemMax}`);
    }
    total += duration;
  });
  if (total < 1 || total > 30) throw invalidParam("total duration must be between 1 and 30 seconds");
  const motion = b.oneOf("motion_mode", ["normal", "fast"]);
  const fastMotion = motion === "fast";
  if (fastMotion && (!supportsFastMotion(model) || total > 5)) {
    throw invalidParam("motion_mode fast needs model v4.5 or older and at most 5 seconds");
  }
  seed(b);
  const s = { quality, duration: total };
  return videoPlan("multi_transition", s, videoCredits({ ...s, fastMotion }), {
    model,
    creditsField: "credits",
  });
}

const fusionModels: readonly Model[] = ["v4.5", "v5", "v5.5", "v5.6", "v6", "c1"];
/** Omni mode (ComfyUI's PixverseV6FusionVideoNode, the kit's validateFusion): v6 only. */
const omni = { model: "v6" as Model, maxImages: 10, maxVideos: 2, maxVideoSeconds: 15 };

/**
 * Fusion (reference-to-video). Images: 1-3 (v4.5, v5) or 1-7 references. Omni mode (`reference_mode: "omni"`,
 * v6): up to 10 images and 2 reference videos of at most 15 s together; with videos, duration is 0 and the
 * output follows the longest video, and aspect_ratio may be "auto" (the first video's frame).
 */
function fusion(b: BodyReader, look: Lookups): GenerationPlan {
  const isOmni = b.oneOf("reference_mode", ["omni"]) === "omni";
  const videoRefs = b.objects("video_references", { max: omni.maxVideos }) ?? [];
  if (videoRefs.length > 0 && !isOmni) throw invalidParam('video_references need reference_mode "omni"');
  const withVideos = videoRefs.length > 0;
  const s = withVideos ? omniSettings(b) : videoSettings(b, fusionModels);
  if (isOmni && s.model !== omni.model) throw invalidParam(`reference_mode omni needs model ${omni.model}`);
  const maxImages = isOmni ? omni.maxImages : s.model === "v4.5" || s.model === "v5" ? 3 : 7;
  const refs =
    b.objects("image_references", { required: !isOmni, min: isOmni ? 0 : 1, max: maxImages }) ?? [];
  if (refs.length + videoRefs.length === 0)
    throw invalidParam("at least one image or video reference is required");
  const text = prompt(b, true) ?? "";
  const names = new Set<string>();
  const named = (ref: BodyReader) => {
    const name = ref.string("ref_name", { required: true }) ?? "";
    if (!/^[a-zA-Z0-9_ ]{1,30}$/.test(name)) {
      throw invalidParam("ref_name must be 1-30 letters, digits, spaces or underscores");
    }
    if (names.has(name)) throw invalidParam(`ref_name ${name} is used twice`);
    names.add(name);
    if (!text.includes(`@${name}`)) throw invalidParam(`prompt must reference @${name}`);
  };
  for (const ref of refs) {
    ref.oneOf("type", ["subject", "background"], { required: true });
    image(ref, "img_id", look);
    named(ref);
  }
  const videos = videoRefs.map((ref, i) => {
    named(ref);
    return source(ref, look, `video_references[${i}].`);
  });
  const videoSeconds = videos.reduce((total, video) => total + video.duration, 0);
  if (videoSeconds > omni.maxVideoSeconds) {
    throw invalidParam(
      `reference videos may last ${omni.maxVideoSeconds}s together, these last ${videoSeconds}s`,
    );
  }
  const aspect = b.oneOf("aspect_ratio", [...aspectRatiosFor(s.model), ...(withVideos ? ["auto"] : [])], {
    required: true,
  });
  const [first] = videos;
  const frame = aspect === "auto" && first ? `${first.width}:${first.height}` : aspect;
  const duration = withVideos ? Math.max(...videos.map((video) => video.duration)) : s.duration;
  const style = b.oneOf("style", styles);
  seed(b);
  const generateAudio = generateAudioSwitch(b, s.model);
  return videoPlan(
    "fusion",
    { quality: s.quality, duration, aspect: frame },
    videoCredits({ ...s, duration }),
    {
      model: s.model,
      prompt: text,
      negativePrompt: negativePrompt(b),
      style,
      hasAudio: generateAudio,
    },
  );
}

/** model and quality of an omni fusion with reference videos, whose duration must be 0. */
function omniSettings(b: BodyReader): VideoSettings {
  const model = b.oneOf("model", fusionModels, { required: true }) as Model;
  const quality = b.oneOf("quality", qualities, { required: true }) as Quality;
  const duration = b.int("duration", { required: true });
  if (duration !== 0) throw invalidParam("duration must be 0 with video_references: the video follows them");
  if (b.oneOf("motion_mode", ["normal", "fast"]) === "fast")
    throw invalidParam("motion_mode fast is not supported by model v6");
  return { model, quality, duration: 0, fastMotion: false };
}

const extendModels: readonly Model[] = ["v3.5", "v4", "v4.5", "v5", "v5.5", "v6"];

function extend(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  const s = videoSettings(b, extendModels);
  const tpl = template(b, 1);
  const style = styleAndCamera(b, tpl?.template_id);
  b.bool("water_mark");
  // ComfyUI's V6 extend node asks for audio this way
  const hasAudio = generateAudioSwitch(b, s.model);
  return {
    ...videoPlan("extend", s, videoCredits(s), {
      model: s.model,
      prompt: prompt(b, true),
      negativePrompt: negativePrompt(b),
      seed: seed(b),
      style,
      hasAudio,
    }),
    width: src.width,
    height: src.height,
  };
}

function sourcePlan(
  operation: GenerationOperation,
  src: Source,
  quality: Quality,
  credits: number,
  extra: Partial<GenerationPlan> = {},
): GenerationPlan {
  return {
    operation,
    kind: "video",
    credits,
    duration: src.duration,
    quality,
    width: src.width,
    height: src.height,
    hasAudio: false,
    ...extra,
  };
}

function lipSync(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  const audioId = b.id("audio_media_id");
  const speaker = b.string("lip_sync_tts_speaker_id");
  const content = b.string("lip_sync_tts_content");
  const tts = speaker !== undefined || content !== undefined;
  if (audioId !== undefined && tts) {
    throw invalidParam(
      "use either audio_media_id or lip_sync_tts_speaker_id with lip_sync_tts_content, not both",
    );
  }
  if (audioId === undefined && !tts) {
    throw invalidParam(
      "an audio source is required: audio_media_id or lip_sync_tts_speaker_id and lip_sync_tts_content",
    );
  }
  let credits = lipSyncCreditsPerSecond * assumedSourceSeconds;
  if (audioId !== undefined) {
    const media = look.media(audioId);
    if (!media) throw invalidParam(`audio_media_id ${audioId} does not exist`);
    if (media.type !== "audio") throw invalidParam(`audio_media_id ${audioId} is not an audio file`);
  } else {
    if (speaker === undefined || speaker === "")
      throw invalidParam("lip_sync_tts_speaker_id is required for TTS");
    if (content === undefined || content.trim() === "")
      throw invalidParam("lip_sync_tts_content is required for TTS");
    requireSpeaker(speaker, "lip_sync_tts_speaker_id", look);
    if ([...content].length > TTS_CONTENT_MAX) {
      throw invalidParam(`lip_sync_tts_content cannot exceed ${TTS_CONTENT_MAX} characters`);
    }
    credits = lipSyncCreditsPerSecond * Math.ceil(Buffer.byteLength(content) / 15);
  }
  return sourcePlan("lip_sync", src, "720p", credits, { hasAudio: true });
}

/**
 * The description comes as `sound_effect_content` (the official MCP, the older reference) or `prompt` (the kit's
 * reading of the current page); both are taken, neither is required (PixVerse derives sound from the video).
 */
function soundEffect(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  b.string("prompt", { max: PROMPT_MAX });
  b.string("sound_effect_content", { max: PROMPT_MAX });
  b.bool("original_sound_switch");
  seed(b);
  return sourcePlan("sound_effect", src, "720p", 10 * Math.ceil(src.duration / 5), { hasAudio: true });
}

function restyle(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  if (src.duration > 16) throw invalidParam("the source video of restyle cannot be longer than 16s");
  const restyleId = b.int("restyle_id");
  const restylePrompt = b.string("restyle_prompt", { max: PROMPT_MAX });
  if ((restyleId === undefined) === (restylePrompt === undefined)) {
    throw invalidParam("exactly one of restyle_id or restyle_prompt is required");
  }
  if (restyleId !== undefined && !restyles.some((r) => r.restyle_id === restyleId)) {
    throw invalidParam(`restyle_id ${restyleId} does not exist`);
  }
  seed(b);
  return sourcePlan("restyle", src, "720p", videoCredits({ quality: "720p", duration: src.duration }), {
    prompt: restylePrompt,
    creditsField: "credits",
  });
}

const swapQualities: readonly Quality[] = ["360p", "540p", "720p"];

/**
 * keyframe_id (default 1) and mask_id are optional in PixVerse's swap guide; a mask_id given must come from a
 * mask selection of this video at that keyframe.
 */
function swap(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  const keyframe = b.int("keyframe_id", { min: 1 }) ?? 1;
  const maskId = b.string("mask_id");
  image(b, "img_id", look);
  const quality = b.oneOf("quality", swapQualities, { required: true }) as Quality;
  b.bool("original_sound_switch");
  if (maskId !== undefined) {
    const masks = look.masks(src.key, keyframe);
    if (!masks) throw invalidParam(`no mask selection was made for this video at keyframe ${keyframe}`);
    if (!masks.includes(maskId))
      throw invalidParam(`mask_id ${maskId} does not belong to this video and keyframe`);
  }
  return sourcePlan("swap", src, quality, videoCredits({ quality, duration: src.duration }), {
    creditsField: "credits",
  });
}

function mimic(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  image(b, "img_id", look);
  const quality = b.oneOf("quality", swapQualities, { required: true }) as Quality;
  return sourcePlan("mimic", src, quality, mimicCreditsPerSecond[quality] * src.duration, {
    creditsField: "credit",
  });
}

function modify(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  const text = prompt(b, true);
  const quality = b.oneOf("quality", swapQualities, { required: true }) as Quality;
  for (const id of b.ids("img_ids", { max: 3 }) ?? []) requireImage(id, "img_ids", look);
  const offered = look.allMasks(src.key);
  for (const maskId of b.strings("mask_ids", { max: 3 }) ?? []) {
    if (!offered.includes(maskId)) throw invalidParam(`mask_id ${maskId} does not belong to this video`);
  }
  b.ints("keyframe_ids");
  b.strings("mask_urls", { max: 3 });
  return sourcePlan("modify", src, quality, videoCredits({ quality, duration: src.duration }), {
    prompt: text,
  });
}

function upscale(b: BodyReader, look: Lookups): GenerationPlan {
  const src = source(b, look);
  const quality = b.oneOf("quality", qualities) ?? "1080p";
  return {
    ...sourcePlan("upscale", src, quality, videoCredits({ quality, duration: src.duration })),
    ...outputSize(quality, src.width >= src.height ? "16:9" : "9:16"),
  };
}

function imageTemplate(b: BodyReader, look: Lookups): GenerationPlan {
  const ids = b.ids("img_ids", { required: true, min: 1 }) ?? [];
  for (const id of ids) requireImage(id, "img_ids", look);
  const tpl = template(b, 2, true) as Template;
  if (ids.length !== tpl.images)
    throw invalidParam(`template ${tpl.template_id} needs ${tpl.images} image(s)`);
  return {
    operation: "image_template",
    kind: "image",
    credits: imageTemplateCredits,
    duration: 0,
    quality: "1080p",
    width: 768,
    height: 1024,
    hasAudio: false,
    templateId: tpl.template_id,
    creditsField: "credit",
  };
}

export const planners: Record<GenerationOperation, (b: BodyReader, look: Lookups) => GenerationPlan> = {
  text_to_video: textToVideo,
  image_to_video: imageToVideo,
  transition,
  multi_transition: multiTransition,
  fusion,
  extend,
  lip_sync: lipSync,
  sound_effect: soundEffect,
  restyle,
  swap,
  mimic,
  modify,
  upscale,
  image_template: imageTemplate,
};

/** Mask selection (synchronous, billed): validates and returns the source key and keyframe. */
export function maskSelectionRequest(
  b: BodyReader,
  look: Lookups,
): { sourceKey: string; keyframeId: number } {
  const src = source(b, look);
  const frames = Math.max(1, src.duration * 24);
  const keyframeId = b.int("keyframe_id", { min: 1, max: frames }) ?? 1;
  return { sourceKey: src.key, keyframeId };
}
