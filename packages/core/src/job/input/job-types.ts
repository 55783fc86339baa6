import type { VideoCapability } from "../../pixverse/capabilities";
import type { JobType } from "./schemas";

export type MediaKind = "image" | "video" | "audio";

/** Where media sits in a job input: a field, a list field, or a field of every item of a list. */
export type MediaField =
  | { field: string; kind: MediaKind; shape: "one" }
  | { field: string; kind: MediaKind; shape: "many" }
  | { field: string; kind: MediaKind; shape: "item"; list: string };

/** What PixVerse produces for a job: where its result is read and how it is archived. */
export interface ResultKind {
  /** The PixVerse result endpoint: `video/result/{id}` or `image/result/{id}`. */
  endpoint: "video" | "image";
  contentType: string;
  /** Whether a later job may use the result as its source video (`{ "job": id }`). */
  reusableAsSource: boolean;
  /** Whether PixVerse calls back when it is done (it sends no webhooks for images). */
  webhooks: boolean;
}

export const RESULT_KINDS = {
  video: { endpoint: "video", contentType: "video/mp4", reusableAsSource: true, webhooks: true },
  image: { endpoint: "image", contentType: "image/png", reusableAsSource: false, webhooks: false },
} as const satisfies Record<string, ResultKind>;

export interface JobTypeSpec {
  /** The PixVerse generate endpoint the job is submitted to. */
  capability: VideoCapability | "image_template";
  result: ResultKind;
  /** The input fields that hold media references. */
  media: readonly MediaField[];
}

const one = (field: string, kind: MediaKind): MediaField => ({ field, kind, shape: "one" });
const video = one("video", "video");
const image = one("image", "image");
const images: MediaField = { field: "images", kind: "image", shape: "many" };
const videoJob = (capability: VideoCapability, ...media: MediaField[]): JobTypeSpec => ({
  capability,
  result: RESULT_KINDS.video,
  media,
});

/** Every job type as data: its PixVerse capability, its result and its media fields. */
export const JOB_TYPE_SPECS: Record<JobType, JobTypeSpec> = {
  text_to_video: videoJob("text"),
  image_to_video: videoJob("img", image),
  /** A template (effect) video: img/generate with template_id, one image or several. */
  effect: videoJob("img", image, images),
  transition: videoJob("transition", one("first_frame", "image"), one("last_frame", "image")),
  multi_transition: videoJob("multi_transition", {
    field: "image",
    kind: "image",
    shape: "item",
    list: "multi_transition",
  }),
  fusion: videoJob(
    "fusion",
    { field: "image", kind: "image", shape: "item", list: "image_references" },
    // Omni mode (v6): reference videos beside the images.
    { field: "video", kind: "video", shape: "item", list: "video_references" },
  ),
  extend: videoJob("extend", video),
  modify: videoJob("modify", video, images),
  restyle: videoJob("restyle", video),
  sound_effect: videoJob("sound_effect", video),
  lip_sync: videoJob("lip_sync", video, one("audio", "audio")),
  swap: videoJob("swap", video, image),
  mimic: videoJob("mimic", video, image),
  upscale: videoJob("upscale", video),
  image_template: { capability: "image_template", result: RESULT_KINDS.image, media: [images] },
};

export function jobTypeSpec(type: JobType): JobTypeSpec {
  return JOB_TYPE_SPECS[type];
}
