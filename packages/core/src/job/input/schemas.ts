import { z } from "zod";
import {
  exactlyOneOf,
  fields,
  fusionRules,
  modelRules,
  multiTransitionRules,
  withRules,
} from "../../pixverse/capabilities";

export const JOB_TYPES = [
  "text_to_video",
  "image_to_video",
  "effect",
  "transition",
  "multi_transition",
  "fusion",
  "extend",
  "modify",
  "restyle",
  "sound_effect",
  "lip_sync",
  "swap",
  "mimic",
  "upscale",
  "image_template",
] as const;
export const jobTypeSchema = z.enum(JOB_TYPES);
export type JobType = (typeof JOB_TYPES)[number];

export type MediaRef = { upload: string } | { url: string } | { job: string };

/**
 * A piece of media in a job input: an object uploaded through POST /v1/uploads, a URL pixpipe fetches, or the
 * video of an earlier job. http URLs pass here so that local mode can point at local servers; whether a URL may
 * be fetched at all (https only in production, public addresses only) is the media fetcher's decision.
 */
export const mediaRef = withRules(
  {
    upload: z.string().min(1).max(1024).optional(),
    url: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .max(2048)
      .optional(),
    job: z.string().min(1).max(64).optional(),
  },
  [exactlyOneOf(["upload"], ["url"], ["job"])],
).transform((ref) => ref as MediaRef);

/** Images and audio come from uploads or URLs; an earlier job only provides a video. */
const fileRef = mediaRef.refine((ref) => !("job" in ref), {
  message: "an earlier job can only provide a video",
  path: ["job"],
});
const fileRefs = z.array(fileRef);

/**
 * Job inputs by type: PixVerse's own field names and rules (the capability fields and rules of
 * pixverse/capabilities), with every media id field replaced by a MediaRef.
 */
export const jobInputSchemas = {
  text_to_video: withRules(fields.text, [modelRules]),
  image_to_video: withRules({ ...fields.image, image: fileRef }, [modelRules]),
  /** A template (effect) video: img/generate with template_id, one image or several. */
  effect: withRules({ ...fields.effect, image: fileRef.optional(), images: fileRefs.min(1).optional() }, [
    exactlyOneOf(["image"], ["images"]),
  ]),
  transition: withRules({ ...fields.transition, first_frame: fileRef, last_frame: fileRef }, [modelRules]),
  multi_transition: withRules(
    {
      ...fields.multiTransition,
      multi_transition: z
        .array(z.strictObject({ ...fields.multiTransitionItem, image: fileRef }))
        .min(2)
        .max(7),
    },
    [multiTransitionRules],
  ),
  fusion: withRules(
    {
      ...fields.fusion,
      image_references: z.array(z.strictObject({ ...fields.fusionReference, image: fileRef })).min(1),
    },
    [modelRules, fusionRules],
  ),
  extend: withRules({ ...fields.extend, video: mediaRef }, [modelRules]),
  modify: withRules({ ...fields.modify, video: mediaRef, images: fileRefs.max(3).optional() }, []),
  restyle: withRules({ ...fields.restyle, video: mediaRef }, [
    exactlyOneOf(["restyle_id"], ["restyle_prompt"]),
  ]),
  sound_effect: withRules({ ...fields.soundEffect, video: mediaRef }, []),
  lip_sync: withRules({ ...fields.lipSync, video: mediaRef, audio: fileRef.optional() }, [
    exactlyOneOf(["audio"], ["lip_sync_tts_speaker_id", "lip_sync_tts_content"]),
  ]),
  swap: withRules({ ...fields.swap, video: mediaRef, image: fileRef }, []),
  mimic: withRules({ ...fields.mimic, video: mediaRef, image: fileRef }, []),
  upscale: withRules({ ...fields.upscale, video: mediaRef }, []),
  image_template: withRules({ ...fields.imageTemplate, images: fileRefs.min(1) }, []),
} as const satisfies Record<JobType, z.ZodType>;

export type JobInput<T extends JobType = JobType> = z.output<(typeof jobInputSchemas)[T]>;

/** Swap step 1 outside a job (POST /v1/masks): the video to pick masks from, at a keyframe. */
export const maskSelectionInputSchema = withRules({ ...fields.maskSelection, video: mediaRef }, []);

export interface InputIssue {
  /** dotted path from the request body's root, e.g. "input.multi_transition.1.duration" */
  path: string;
  message: string;
}

export type ParsedJobRequest =
  | { ok: true; type: JobType; input: Record<string, unknown> }
  | { ok: false; issues: InputIssue[] };

/** Validates a job request's type and input; returns every problem at once. */
export function parseJobRequest(request: { type: unknown; input: unknown }): ParsedJobRequest {
  const type = jobTypeSchema.safeParse(request.type);
  if (!type.success) {
    return { ok: false, issues: [{ path: "type", message: `must be one of ${JOB_TYPES.join(", ")}` }] };
  }
  const input = (jobInputSchemas[type.data] as z.ZodType<Record<string, unknown>>).safeParse(request.input);
  if (!input.success) {
    return {
      ok: false,
      issues: input.error.issues.map((issue) => ({
        path: ["input", ...issue.path].join("."),
        message: issue.message,
      })),
    };
  }
  return { ok: true, type: type.data, input: input.data };
}
