import type { JobType, MediaRef } from "../../job/input";
import type { VideoCapability } from "../capabilities";
import { parsePixverseJson, stringifyPixverseJson } from "../json";

/**
 * Request bodies that independent public clients build, transcribed from their source (issue 12's conformance
 * set). Each case gives the source, pixpipe's job type and PixVerse capability, the media it needs by name, the
 * job input that asks for the same thing (media as references), and the body the source sends, with every
 * PixVerse id written as `{ $media: name }`. `sent` is set where pixpipe deliberately sends another form.
 *
 * Both sources drop unset optional fields before sending (ComfyUI's request models are sent without their None
 * fields; the MCP client posts `request.dict(exclude_none=True)`), so the bodies below hold exactly what goes
 * out, defaults included (the MCP's `motion_mode: "normal"`, `water_mark: false`, `play_bgm: false` ...).
 */
export interface ConformanceCase {
  name: string;
  source: { repo: string; path: string; function: string; note?: string };
  type: JobType;
  capability: VideoCapability;
  /** media by name: uploaded images, videos and audio, or an earlier PixVerse video (a job's result) */
  media: Record<string, MediaKind>;
  /** the job input: media as `{ upload: "conformance/<name>" }`, an earlier video as `{ job: "<name>" }` */
  input: Record<string, unknown>;
  /** the body the source sends */
  body: Record<string, unknown>;
  /** what pixpipe sends instead, when it normalises a field on purpose */
  sent?: Record<string, unknown>;
}

export type MediaKind = "image" | "video" | "audio" | "pixverse_video";

/** A PixVerse id in a body, filled in once the named media exists. */
export interface MediaId {
  $media: string;
}
const id = (name: string): MediaId => ({ $media: name });
/** The job input's reference to the named media. */
export const uploadKey = (name: string) => `conformance/${name}`;
const upload = (name: string) => ({ upload: uploadKey(name) });
const earlierJob = (name: string) => ({ job: name });

const COMFY = { repo: "comfyanonymous/ComfyUI", path: "comfy_api_nodes/nodes_pixverse.py" };
const MCP = {
  repo: "PixVerseAI/PixVerse-MCP",
  path: "src/pixverse_mcp/client/pixverse.py + src/pixverse_mcp/models/requests.py (pixverse-mcp 0.2.2)",
};

/** ComfyUI's V6 nodes: `_model_common` gives every V6 request these fields (generate_audio defaults to on). */
const comfyV6 = {
  model: "v6",
  prompt: "a lighthouse keeper climbs the stairs at dusk",
  quality: "720p",
  duration: 5,
  generate_audio_switch: true,
  seed: 42,
};

/** The official MCP's defaults that every text, image and transition request carries. */
const mcpDefaults = { motion_mode: "normal", water_mark: false, play_bgm: false, sound_effect_switch: false };

/**
 * A case from the fields input and body share: the job input adds its media references (`input`), the body the
 * PixVerse ids they become (`ids`).
 */
function transcribed(
  c: Omit<ConformanceCase, "input" | "body"> & {
    fields: Record<string, unknown>;
    input?: Record<string, unknown>;
    ids?: Record<string, unknown>;
  },
): ConformanceCase {
  const { fields, input, ids, ...rest } = c;
  return { ...rest, input: { ...fields, ...input }, body: { ...fields, ...ids } };
}

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  transcribed({
    name: "ComfyUI V6 text to video",
    source: { ...COMFY, function: "PixverseV6TextToVideoNode.execute" },
    type: "text_to_video",
    capability: "text",
    media: {},
    fields: { ...comfyV6, aspect_ratio: "21:9", generate_multi_clip_switch: false, negative_prompt: "blur" },
  }),
  transcribed({
    name: "ComfyUI V6 image to video",
    source: { ...COMFY, function: "PixverseV6ImageToVideoNode.execute" },
    type: "image_to_video",
    capability: "img",
    media: { still: "image" },
    fields: { ...comfyV6, style: "realistic", generate_multi_clip_switch: true },
    input: { image: upload("still") },
    ids: { img_id: id("still") },
  }),
  transcribed({
    name: "ComfyUI V6 first-last frame",
    source: { ...COMFY, function: "PixverseV6FirstLastFrameNode.execute" },
    type: "transition",
    capability: "transition",
    media: { first: "image", last: "image" },
    fields: { ...comfyV6, duration: 8, negative_prompt: "text, watermark", style: "anime" },
    input: { first_frame: upload("first"), last_frame: upload("last") },
    ids: { first_frame_img: id("first"), last_frame_img: id("last") },
  }),
  transcribed({
    name: "ComfyUI V6 extend video",
    source: { ...COMFY, function: "PixverseV6ExtendVideoNode.execute", note: "the source video is uploaded" },
    type: "extend",
    capability: "extend",
    media: { clip: "video" },
    fields: { ...comfyV6, quality: "1080p" },
    input: { video: upload("clip") },
    ids: { video_media_id: id("clip") },
  }),
  transcribed({
    name: "ComfyUI V6 fusion with subjects and a background",
    source: {
      ...COMFY,
      function: "PixverseV6FusionVideoNode.execute",
      note: "the prompt's @Subject1 tags are rewritten to '@subject1 ' by _rewrite_reference_tags",
    },
    type: "fusion",
    capability: "fusion",
    media: { subject1: "image", subject2: "image", background1: "image" },
    fields: {
      ...comfyV6,
      prompt: "@subject1 and @subject2 walk through @background1 ",
      aspect_ratio: "16:9",
    },
    input: {
      image_references: [
        { type: "subject", ref_name: "subject1", image: upload("subject1") },
        { type: "subject", ref_name: "subject2", image: upload("subject2") },
        { type: "background", ref_name: "background1", image: upload("background1") },
      ],
    },
    ids: {
      image_references: [
        { img_id: id("subject1"), ref_name: "subject1", type: "subject" },
        { img_id: id("subject2"), ref_name: "subject2", type: "subject" },
        { img_id: id("background1"), ref_name: "background1", type: "background" },
      ],
    },
  }),
  transcribed({
    name: "ComfyUI V6 fusion, omni mode with a reference video",
    source: {
      ...COMFY,
      function: "PixverseV6FusionVideoNode.execute",
      note: "a connected video switches to omni: duration 0, reference_mode omni, aspect_ratio may be auto",
    },
    type: "fusion",
    capability: "fusion",
    media: { subject1: "image", video1: "video" },
    fields: {
      ...comfyV6,
      prompt: "@subject1 dances like @video1 ",
      duration: 0,
      aspect_ratio: "auto",
      reference_mode: "omni",
    },
    input: {
      image_references: [{ type: "subject", ref_name: "subject1", image: upload("subject1") }],
      video_references: [{ ref_name: "video1", video: upload("video1") }],
    },
    ids: {
      image_references: [{ img_id: id("subject1"), ref_name: "subject1", type: "subject" }],
      video_references: [{ ref_name: "video1", video_media_id: id("video1") }],
    },
  }),
  transcribed({
    name: "ComfyUI V6 fusion, omni mode with reference videos only",
    source: {
      ...COMFY,
      function: "PixverseV6FusionVideoNode.execute",
      note: "no image connected: image_references is None and left out",
    },
    type: "fusion",
    capability: "fusion",
    media: { video1: "video", video2: "video" },
    fields: {
      ...comfyV6,
      prompt: "the motion of @video1 in the style of @video2 ",
      duration: 0,
      aspect_ratio: "9:16",
      reference_mode: "omni",
    },
    input: {
      video_references: [
        { ref_name: "video1", video: upload("video1") },
        { ref_name: "video2", video: upload("video2") },
      ],
    },
    ids: {
      video_references: [
        { ref_name: "video1", video_media_id: id("video1") },
        { ref_name: "video2", video_media_id: id("video2") },
      ],
    },
  }),
  transcribed({
    name: "MCP text to video with its defaults",
    source: { ...MCP, function: "PixverseClient.text_to_video (TextToVideoRequest defaults)" },
    type: "text_to_video",
    capability: "text",
    media: {},
    fields: {
      prompt: "a sunset over the ocean",
      model: "v5",
      duration: 5,
      aspect_ratio: "16:9",
      quality: "540p",
      ...mcpDefaults,
    },
  }),
  transcribed({
    name: "MCP text to video with style, camera, negative prompt, seed and background music",
    source: {
      ...MCP,
      function: "PixverseClient.text_to_video",
      note: 'VideoStyle "realistic", CameraMovement "default", SoundMode "default_music" (models/common.py)',
    },
    type: "text_to_video",
    capability: "text",
    media: {},
    fields: {
      prompt: "a night city, car lights streaking",
      model: "v5",
      duration: 8,
      aspect_ratio: "9:16",
      quality: "1080p",
      negative_prompt: "blur, shaking, text",
      seed: 7,
      style: "realistic",
      camera_movement: "default",
      ...mcpDefaults,
      sound_effect_switch: true,
      sound_mode: "default_music",
    },
  }),
  transcribed({
    name: "MCP image to video with a camera movement",
    source: { ...MCP, function: "PixverseClient.image_to_video (ImageToVideoRequest)" },
    type: "image_to_video",
    capability: "img",
    media: { photo: "image" },
    fields: {
      prompt: "the leaves move in the wind",
      model: "v4.5",
      duration: 5,
      quality: "720p",
      camera_movement: "zoom_in",
      ...mcpDefaults,
    },
    input: { image: upload("photo") },
    ids: { img_id: id("photo") },
  }),
  transcribed({
    name: "MCP image to video with a multi-image template",
    source: {
      ...MCP,
      function: "PixverseClient.image_to_video (img_ids with template_id)",
      note: "template 315446315336768 is ComfyUI's 'kiss kiss' (comfy_api_nodes/apis/pixverse.py)",
    },
    type: "effect",
    capability: "img",
    media: { left: "image", right: "image" },
    fields: { prompt: "they kiss", model: "v5", duration: 5, quality: "540p", ...mcpDefaults },
    input: { template_id: "315446315336768", images: [upload("left"), upload("right")] },
    ids: { template_id: 315446315336768, img_ids: [id("left"), id("right")] },
  }),
  transcribed({
    name: "MCP transition",
    source: { ...MCP, function: "PixverseClient.transition_video (TransitionVideoRequest)" },
    type: "transition",
    capability: "transition",
    media: { day: "image", night: "image" },
    fields: {
      prompt: "day turns into night",
      model: "v5",
      duration: 5,
      quality: "540p",
      negative_prompt: "flicker",
      seed: 3,
      ...mcpDefaults,
    },
    input: { first_frame: upload("day"), last_frame: upload("night") },
    ids: { first_frame_img: id("day"), last_frame_img: id("night") },
  }),
  transcribed({
    name: "MCP extend of an earlier PixVerse video",
    source: {
      ...MCP,
      function: "PixverseClient.extend_video (ExtendVideoRequest)",
      note: "seed is optional in the MCP; the reference and the kit require it, so this request sets it",
    },
    type: "extend",
    capability: "extend",
    media: { earlier: "pixverse_video" },
    fields: {
      prompt: "the camera keeps rising",
      model: "v5",
      duration: 5,
      quality: "540p",
      seed: 11,
      motion_mode: "normal",
      style: "anime",
    },
    input: { video: earlierJob("earlier") },
    ids: { source_video_id: id("earlier") },
  }),
  transcribed({
    name: "MCP lip sync with uploaded audio",
    source: { ...MCP, function: "PixverseClient.lip_sync_video (LipSyncVideoRequest)" },
    type: "lip_sync",
    capability: "lip_sync",
    media: { talking: "pixverse_video", voice: "audio" },
    fields: {},
    input: { video: earlierJob("talking"), audio: upload("voice") },
    ids: { source_video_id: id("talking"), audio_media_id: id("voice") },
  }),
  transcribed({
    name: "MCP lip sync with a TTS speaker",
    source: {
      ...MCP,
      function: "PixverseClient.lip_sync_video (LipSyncVideoRequest)",
      note: "speaker ids from get_lip_sync_tts_list",
    },
    type: "lip_sync",
    capability: "lip_sync",
    media: { clip: "video" },
    fields: { lip_sync_tts_speaker_id: "1", lip_sync_tts_content: "Welcome aboard." },
    input: { video: upload("clip") },
    ids: { video_media_id: id("clip") },
  }),
  {
    ...transcribed({
      name: "MCP sound effect",
      source: {
        ...MCP,
        function: "PixverseClient.sound_effect_video (SoundEffectVideoRequest)",
        note: "pixpipe sends the description as prompt, the form of the newest official page (bodies.ts)",
      },
      type: "sound_effect",
      capability: "sound_effect",
      media: { storm: "pixverse_video" },
      fields: { sound_effect_content: "rain and distant thunder", original_sound_switch: false },
      input: { video: earlierJob("storm") },
      ids: { source_video_id: id("storm") },
    }),
    sent: { prompt: "rain and distant thunder", source_video_id: id("storm"), original_sound_switch: false },
  },
  transcribed({
    name: "MCP fusion (v4.5)",
    source: { ...MCP, function: "PixverseClient.fusion_video (FusionVideoRequest)" },
    type: "fusion",
    capability: "fusion",
    media: { cat: "image", beach: "image" },
    fields: {
      prompt: "@cat runs along @beach at dawn",
      model: "v4.5",
      duration: 5,
      quality: "540p",
      aspect_ratio: "16:9",
      negative_prompt: "crowd",
    },
    input: {
      image_references: [
        { type: "subject", ref_name: "cat", image: upload("cat") },
        { type: "background", ref_name: "beach", image: upload("beach") },
      ],
    },
    ids: {
      image_references: [
        { type: "subject", img_id: id("cat"), ref_name: "cat" },
        { type: "background", img_id: id("beach"), ref_name: "beach" },
      ],
    },
  }),
];

/** Rebuilds a JSON tree bottom-up, `replace` deciding first for every node (undefined: keep descending). */
function rebuild(value: unknown, replace: (node: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((item) => rebuild(item, replace));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rebuild(item, replace)]));
  }
  return value;
}

const onlyKey = (value: unknown, key: string): string | undefined => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const [only] = entries;
  return entries.length === 1 && only?.[0] === key && typeof only[1] === "string" ? only[1] : undefined;
};

const need = <T>(found: T | undefined, what: string): T => {
  if (found === undefined) throw new Error(`no ${what}`);
  return found;
};

/** The body with every `{ $media: name }` replaced by that media's PixVerse id. */
export function withIds(body: unknown, ids: Readonly<Record<string, string>>): unknown {
  return rebuild(body, (node) => {
    const name = onlyKey(node, "$media");
    return name === undefined ? undefined : need(ids[name], `id for media ${name}`);
  });
}

/**
 * The case's job input with each media reference pointing at real media: `refs` gives, per media name, the
 * reference that stands for it (an upload's key, an earlier job).
 */
export function inputWith(
  c: ConformanceCase,
  refs: Readonly<Record<string, MediaRef>>,
): Record<string, unknown> {
  return rebuild(c.input, (node) => {
    const key = onlyKey(node, "upload");
    const name = key?.startsWith(uploadKey("")) ? key.slice(uploadKey("").length) : onlyKey(node, "job");
    return name === undefined ? undefined : need(refs[name], `reference for media ${name}`);
  }) as Record<string, unknown>;
}

/** A body as PixVerse receives it: ids sent as JSON integers and read back losslessly (above 2^53 as strings). */
export const asReceived = (body: unknown): unknown => parsePixverseJson(stringifyPixverseJson(body));

/** What PixVerse should receive for the case, its media having these PixVerse ids. */
export const expectedBody = (c: ConformanceCase, ids: Readonly<Record<string, string>>): unknown =>
  asReceived(withIds(c.sent ?? c.body, ids));
