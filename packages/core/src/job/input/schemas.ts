import { z } from "zod";
import {
  atMostOneOf,
  exactlyOneOf,
  extraFields,
  FUSION_OMNI,
  fields,
  fusionRules,
  modelRules,
  multiTransitionRules,
  PIXVERSE_FIELD_NAMES,
  TEMPLATE_MAX_IMAGES,
  withRules,
} from "../../pixverse/capabilities";
import { type Issue, issuesOf } from "../../validation";

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
/** A list of images, bounded so one request cannot make pixpipe look up and upload hundreds of files. */
const fileRefs = (max: number) => z.array(fileRef).max(max, `takes at most ${max} images`);

/**
 * Job inputs by type: PixVerse's own field names and rules (the capability fields and rules of
 * pixverse/capabilities), with every media id field replaced by a MediaRef.
 */
export const jobInputSchemas = {
  text_to_video: withRules(fields.text, [modelRules]),
  image_to_video: withRules({ ...fields.image, image: fileRef }, [modelRules]),
  /** A template (effect) video: img/generate with template_id, one image or several. */
  effect: withRules(
    { ...fields.effect, image: fileRef.optional(), images: fileRefs(TEMPLATE_MAX_IMAGES).min(1).optional() },
    [exactlyOneOf(["image"], ["images"])],
  ),
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
  /** Omni mode's reference videos are media references like any other video (an upload, a URL, a job). */
  fusion: withRules(
    {
      ...fields.fusion,
      // Per model the bound is lower (fusionRules); this one stops a long list before it is read further.
      image_references: z
        .array(z.strictObject({ ...fields.fusionReference, image: fileRef }))
        .max(FUSION_OMNI.maxImages, `takes at most ${FUSION_OMNI.maxImages} image references`)
        .optional(),
      video_references: z
        .array(z.strictObject({ ...fields.fusionVideoReference, video: mediaRef }))
        .max(2)
        .optional(),
    },
    [fusionRules],
  ),
  extend: withRules({ ...fields.extend, video: mediaRef }, [modelRules]),
  modify: withRules({ ...fields.modify, video: mediaRef, images: fileRefs(3).optional() }, []),
  restyle: withRules({ ...fields.restyle, video: mediaRef }, [
    exactlyOneOf(["restyle_id"], ["restyle_prompt"]),
  ]),
  sound_effect: withRules({ ...fields.soundEffect, video: mediaRef }, [
    atMostOneOf("prompt", "sound_effect_content"),
  ]),
  lip_sync: withRules({ ...fields.lipSync, video: mediaRef, audio: fileRef.optional() }, [
    exactlyOneOf(["audio"], ["lip_sync_tts_speaker_id", "lip_sync_tts_content"]),
  ]),
  swap: withRules({ ...fields.swap, video: mediaRef, image: fileRef }, []),
  mimic: withRules({ ...fields.mimic, video: mediaRef, image: fileRef }, []),
  upscale: withRules({ ...fields.upscale, video: mediaRef }, []),
  image_template: withRules({ ...fields.imageTemplate, images: fileRefs(TEMPLATE_MAX_IMAGES).min(1) }, []),
} as const satisfies Record<JobType, z.ZodType>;

export type JobInput<T extends JobType = JobType> = z.output<(typeof jobInputSchemas)[T]>;

/** Swap step 1 outside a job (POST /v1/masks): the video to pick masks from, at a keyframe. */
export const maskSelectionInputSchema = withRules({ ...fields.maskSelection, video: mediaRef }, []);

/** A problem with a job request; its path is dotted from the request body's root ("input.duration"). */
export type InputIssue = Issue;

/** A field of the input pixpipe passed to PixVerse without validating it (see docs/pixverse-compatibility.md). */
export type InputWarning = InputIssue;

/** A warning as stored on a job and shown on it. */
export const inputWarningSchema = z.object({ path: z.string(), message: z.string() });

export type ParsedJobRequest =
  | { ok: true; type: JobType; input: Record<string, unknown>; warnings: InputWarning[] }
  | { ok: false; issues: InputIssue[] };

export interface ParseJobRequestOptions {
  /**
   * What happens to a top-level input field pixpipe does not know: "pass" sends a scalar one to PixVerse
   * unvalidated and reports it in `warnings`; "refuse" makes it an issue (strict mode). Default "pass".
   */
  unknownFields?: "pass" | "refuse";
}

const shapeOf = (type: JobType): Readonly<Record<string, unknown>> => jobInputSchemas[type].shape;

/** Field names of every job input and every PixVerse request: none of them is an "unknown" field. */
const KNOWN_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...PIXVERSE_FIELD_NAMES,
  ...JOB_TYPES.flatMap((type) => Object.keys(shapeOf(type))),
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const toIssues = (error: z.ZodError): InputIssue[] => issuesOf(error, ["input"]);

/**
 * Validates a job request's type and input; returns every problem at once. Known fields are checked strictly
 * (types, enums, model and cross-field rules). A top-level field pixpipe knows from nowhere is, with a string,
 * number or boolean value, kept in `input` and listed in `warnings` (it goes to PixVerse as is), unless
 * `unknownFields` is "refuse"; a field known from another request, or an unknown object, array or null, is an issue.
 */
export function parseJobRequest(
  request: { type: unknown; input: unknown },
  options: ParseJobRequestOptions = {},
): ParsedJobRequest {
  const type = jobTypeSchema.safeParse(request.type);
  if (!type.success) {
    return { ok: false, issues: [{ path: "type", message: `must be one of ${JOB_TYPES.join(", ")}` }] };
  }
  const schema = jobInputSchemas[type.data] as z.ZodType<Record<string, unknown>>;
  if (options.unknownFields === "refuse" || !isRecord(request.input)) {
    const strict = schema.safeParse(request.input);
    return strict.success
      ? { ok: true, type: type.data, input: strict.data, warnings: [] }
      : { ok: false, issues: toIssues(strict.error) };
  }
  const input = request.input;
  const declared = new Set(Object.keys(shapeOf(type.data)));
  const extra = extraFields(input, declared, KNOWN_FIELD_NAMES);
  // the strict schema judges the declared fields; extraFields has judged the rest
  const known = Object.fromEntries(Object.entries(input).filter(([field]) => declared.has(field)));
  const parsed = schema.safeParse(known);
  const issues = [
    ...extra.refused.map(({ field, message }) => ({ path: `input.${field}`, message })),
    ...(parsed.success ? [] : toIssues(parsed.error)),
  ];
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    type: type.data,
    input: { ...parsed.data, ...Object.fromEntries(extra.passed.map((field) => [field, input[field]])) },
    warnings: extra.passed.map((field) => ({
      path: `input.${field}`,
      message: `not a field pixpipe knows for ${type.data}; passed to PixVerse unvalidated`,
    })),
  };
}
