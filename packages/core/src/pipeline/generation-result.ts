import type { GenerationResult } from "../pixverse";
import type { PixverseApi } from "./ports";

/** Job types whose PixVerse result is an image, read from the image result endpoint. */
const IMAGE_JOB_TYPES = new Set(["image_template"]);

/** PixVerse's current result for a submitted job (the video's, or the image's for image templates). */
export function fetchGenerationResult(
  pixverse: Pick<PixverseApi, "getVideoResult" | "getImageResult">,
  job: { type: string; videoId: string },
): Promise<GenerationResult> {
  return IMAGE_JOB_TYPES.has(job.type)
    ? pixverse.getImageResult(job.videoId)
    : pixverse.getVideoResult(job.videoId);
}
