import { JOB_TYPE_SPECS, type JobType, type ResolvedMedia, toPixverseRequest } from "../job/input";
import type { GenerationResult } from "../pixverse";
import type { PixverseApi } from "./ports";

export interface SubmittedGeneration {
  /** PixVerse's id of the generation: a video id, or an image id for image jobs. */
  pixverseId: string;
  credits?: number;
}

/**
 * Sends a job to its PixVerse generate endpoint (the job type's capability) with the job's fixed trace
 * id, so that a retry is answered from the first attempt and never bills twice (invariant 1).
 */
export async function submitGeneration(
  pixverse: Pick<PixverseApi, "generate" | "generateImageTemplate">,
  job: { type: JobType; input: Record<string, unknown>; traceId: string },
  resolved: ResolvedMedia,
): Promise<SubmittedGeneration> {
  const request = toPixverseRequest(job.type, job.input, resolved);
  const submitted =
    request.capability === "image_template"
      ? await pixverse
          .generateImageTemplate(request.body, { traceId: job.traceId })
          .then((answer) => ({ pixverseId: answer.imageId, credits: answer.credits }))
      : await pixverse
          .generate(request.capability, request.body, { traceId: job.traceId })
          .then((answer) => ({ pixverseId: answer.videoId, credits: answer.credits }));
  return submitted.credits === undefined ? { pixverseId: submitted.pixverseId } : submitted;
}

/** PixVerse's current view of a submitted job, from its type's result endpoint. */
export function readGenerationResult(
  pixverse: Pick<PixverseApi, "getVideoResult" | "getImageResult">,
  job: { type: JobType; pixverseId: string },
): Promise<GenerationResult> {
  return JOB_TYPE_SPECS[job.type].result.endpoint === "image"
    ? pixverse.getImageResult(job.pixverseId)
    : pixverse.getVideoResult(job.pixverseId);
}
