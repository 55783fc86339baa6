import * as z from "zod";
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

/** The ways to reference media, one field each; a reference holds exactly one of them. */
const MEDIA_SOURCES = {
  upload: z.string().min(1).max(1024).meta({
    description: "The key POST /v1/uploads answered, once the file was PUT to its uploadUrl.",
    example: "uploads/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF/fox.png",
  }),
  url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(2048)
    .meta({
      description:
        "A public https URL pixpipe downloads the file from (private, loopback and link-local addresses are refused).",
      example: "https://media.example.com/fox.png",
    }),
  job: z.string().min(1).max(64).meta({
    description: "The id of an earlier succeeded video job of yours: its PixVerse video is the source.",
    example: "01J9Z3Q4N8X0C2M7V5B6K1D3EF",
  }),
} as const;

type MediaSource = keyof typeof MEDIA_SOURCES;

/** The JSON Schema of a reference holding `source` alone, as the OpenAPI document shows it. */
function sourceJsonSchema(source: MediaSource) {
  const { $schema: _, ...schema } = z.toJSONSchema(z.strictObject({ [source]: MEDIA_SOURCES[source] }));
  return schema;
}

/**
 * What a media reference is, as metadata for the API's document: one of the strict single-field objects of
 * `sources` (the run-time rule below says the same with clearer messages). `type` makes the document
 * generator show this form instead of the object with optional fields it would derive.
 */
const documentedAs = (id: string, sources: readonly MediaSource[], description: string) => ({
  id,
  description,
  type: "object",
  oneOf: sources.map(sourceJsonSchema),
});

/**
 * A piece of media in a job input: an object uploaded through POST /v1/uploads, a URL pixpipe fetches, or the
 * video of an earlier job. http URLs pass here so that local mode can point at local servers; whether a URL may
 * be fetched at all (https only in production, public addresses only) is the media fetcher's decision.
 */
export const mediaRef = withRules(
  {
    upload: MEDIA_SOURCES.upload.optional(),
    url: MEDIA_SOURCES.url.optional(),
    job: MEDIA_SOURCES.job.optional(),
  },
  [exactlyOneOf(["upload"], ["url"], ["job"])],
)
  .transform((ref) => ref as MediaRef)
  .meta(
    documentedAs(
      "MediaRef",
      ["upload", "url", "job"],
      "A video: exactly one of upload (a file you uploaded), url (a file pixpipe downloads) or job (an earlier job's video).",
    ),
  );

/** Images and audio come from uploads or URLs; an earlier job only provides a video. */
export const fileRef = mediaRef
  .refine((ref) => !("job" in ref), {
    message: "an earlier job can only provide a video",
    path: ["job"],
  })
  .meta(
    documentedAs(
      "FileRef",
      ["upload", "url"],
      "An image or audio file: exactly one of upload (a file you uploaded) or url (a file pixpipe downloads). An earlier job provides only videos.",
    ),
  );

/** A media field described for its place; it keeps its reference's name, so the document links it. */
const described = <T extends z.ZodType>(ref: T, description: string): T =>
  ref.meta({ ...ref.meta(), description });

/** A list of images, bounded so one request cannot make pixpipe look up and upload hundreds of files. */
const images = (max: number, description: string) =>
  z.array(fileRef).max(max, `takes at most ${max} images`).meta({ description });

/**
 * Job inputs by type: PixVerse's own field names and rules (the capability fields and rules of
 * pixverse/capabilities), with every media id field replaced by a MediaRef.
 */
export const jobInputSchemas = {
  text_to_video: withRules(fields.text, [modelRules]),
  image_to_video: withRules(
    { ...fields.image, image: described(fileRef, "The image to animate; the video keeps its aspect ratio.") },
    [modelRules],
  ),
  /** A template (effect) video: img/generate with template_id, one image or several. */
  effect: withRules(
    {
      ...fields.effect,
      image: described(fileRef, "The image of a one-image template.").optional(),
      images: images(TEMPLATE_MAX_IMAGES, "The images of a multi-image template, in the template's order.")
        .min(1)
        .optional(),
    },
    [exactlyOneOf(["image"], ["images"])],
  ),
  transition: withRules(
    {
      ...fields.transition,
      first_frame: described(fileRef, "The video's first frame."),
      last_frame: described(fileRef, "The video's last frame."),
    },
    [modelRules],
  ),
  multi_transition: withRules(
    {
      ...fields.multiTransition,
      multi_transition: z
        .array(
          z.strictObject({
            ...fields.multiTransitionItem,
            image: described(fileRef, "The keyframe's image."),
          }),
        )
        .min(2)
        .max(7)
        .meta({
          description:
            "The keyframes in order (2-7): each but the last with the seconds until the next one, the video at most 30 s.",
        }),
    },
    [multiTransitionRules],
  ),
  /** Omni mode's reference videos are media references like any other video (an upload, a URL, a job). */
  fusion: withRules(
    {
      ...fields.fusion,
      // Per model the bound is lower (fusionRules); this one stops a long list before it is read further.
      image_references: z
        .array(
          z.strictObject({ ...fields.fusionReference, image: described(fileRef, "The reference image.") }),
        )
        .max(FUSION_OMNI.maxImages, `takes at most ${FUSION_OMNI.maxImages} image references`)
        .optional()
        .meta({
          description:
            "The subjects and backgrounds the prompt names as @ref_name: 1-3 on v4.5 and v5, 1-7 on later models, up to 10 in omni mode.",
        }),
      video_references: z
        .array(
          z.strictObject({
            ...fields.fusionVideoReference,
            video: described(mediaRef, "The reference video; together at most 15 s."),
          }),
        )
        .max(2)
        .optional()
        .meta({
          description: 'Omni mode only (reference_mode "omni", v6): up to 2 videos the prompt names.',
        }),
    },
    [fusionRules],
  ),
  extend: withRules({ ...fields.extend, video: described(mediaRef, "The video to continue.") }, [modelRules]),
  modify: withRules(
    {
      ...fields.modify,
      video: described(mediaRef, "The video to edit."),
      images: images(
        3,
        "Reference images, named @img0, @img1 and @img2 in the prompt (at most 3).",
      ).optional(),
    },
    [],
  ),
  restyle: withRules(
    { ...fields.restyle, video: described(mediaRef, "The video to restyle (at most 16 s).") },
    [exactlyOneOf(["restyle_id"], ["restyle_prompt"])],
  ),
  sound_effect: withRules(
    { ...fields.soundEffect, video: described(mediaRef, "The video to add sound to.") },
    [atMostOneOf("prompt", "sound_effect_content")],
  ),
  lip_sync: withRules(
    {
      ...fields.lipSync,
      video: described(mediaRef, "The video whose speaker's lips follow the speech."),
      audio: described(
        fileRef,
        "The speech (mp3, wav; at most 30 s). Or, instead, lip_sync_tts_speaker_id with lip_sync_tts_content.",
      ).optional(),
    },
    [exactlyOneOf(["audio"], ["lip_sync_tts_speaker_id", "lip_sync_tts_content"])],
  ),
  swap: withRules(
    {
      ...fields.swap,
      video: described(mediaRef, "The video to change: the one whose masks POST /v1/masks listed."),
      image: described(fileRef, "What takes the chosen mask's place (a face, a person, an object)."),
    },
    [],
  ),
  mimic: withRules(
    {
      ...fields.mimic,
      video: described(
        mediaRef,
        "The video whose motion is copied: a person in focus, at most 30 s, 1920 px and 100 MB.",
      ),
      image: described(fileRef, "The subject that performs the motion."),
    },
    [],
  ),
  upscale: withRules({ ...fields.upscale, video: described(mediaRef, "The video to upscale.") }, []),
  image_template: withRules(
    {
      ...fields.imageTemplate,
      images: images(TEMPLATE_MAX_IMAGES, "The images the template turns into a new image.").min(1),
    },
    [],
  ),
} as const satisfies Record<JobType, z.ZodType>;

export type JobInput<T extends JobType = JobType> = z.output<(typeof jobInputSchemas)[T]>;

/** Swap step 1 outside a job (POST /v1/masks): the video to pick masks from, at a keyframe. */
export const maskSelectionInputSchema = withRules(
  { ...fields.maskSelection, video: described(mediaRef, "The video to pick masks from.") },
  [],
);

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
