import { z } from "@hono/zod-openapi";
import {
  JOB_RETRY_LIMITS,
  jobMetadataSchema,
  jobRetrySchema,
  jobStatusSchema,
  publicJobSchema,
} from "@pixpipe/core/job";
import { fileRef, JOB_TYPES, type JobType, jobInputSchemas, mediaRef } from "@pixpipe/core/job/input";
import { MAX_JOB_WAIT_MS, METADATA_LIMITS } from "@pixpipe/core/limits";

// The job's own schemas come from @pixpipe/core; here they only gain their OpenAPI names and
// descriptions, through zod's own `.meta()` (the document generator reads it, `id` naming the
// component): core's schemas may be built before @hono/zod-openapi adds `.openapi()` to zod, and zod
// only gives that method to schemas built afterwards.

export const JobStatusSchema = jobStatusSchema.meta({
  id: "JobStatus",
  description: "Where the job is in its lifecycle; succeeded, failed and cancelled are terminal.",
  example: "generating",
});

export const JobTypeSchema = publicJobSchema.shape.type.meta({
  id: "JobType",
  description: "The PixVerse capability the job runs.",
  example: "text_to_video",
});

export const MetadataSchema = jobMetadataSchema.meta({
  id: "Metadata",
  description: `Your own string labels, stored with the job and echoed back (at most ${METADATA_LIMITS.maxKeys} keys of 1-${METADATA_LIMITS.maxKeyLength} characters, values up to ${METADATA_LIMITS.maxValueLength} characters).`,
  example: { orderId: "A-1042" },
});

export const JobRetrySchema = jobRetrySchema.meta({
  id: "JobRetry",
  description:
    `What the job retries on its own. generationFailed: how many times a generation PixVerse reports failed (video status 8, generation_failed) is started again, 0 (default: never) to ${JOB_RETRY_LIMITS.maxGenerationFailedRetries}. ` +
    "Each retry is a new generation under a new trace id, which PixVerse may bill; the job's generations list each one with its credits. Moderation (status 7) is never retried.",
  example: { generationFailed: 2 },
});

export const JobSchema = publicJobSchema.extend({ type: JobTypeSchema, status: JobStatusSchema }).meta({
  id: "Job",
  description:
    "A generation job. pixverse.videoId is a string (PixVerse ids exceed 2^53); output is present " +
    "once archived, error once failed.",
});

/**
 * The media references, named components of the document. Registered before the routes (app.ts), so
 * that each component reads as itself and a field that describes its own use of one (core's
 * job/input) shows as that reference plus the field's description.
 */
export const MEDIA_REF_SCHEMAS = {
  // `.meta({})` copies a core schema (its metadata inherited) as one that has `.openapi()`, which the
  // registry calls: see the note at the top.
  MediaRef: mediaRef.meta({}),
  FileRef: fileRef.meta({}),
} as const;

export const JobIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "01J9Z3Q4N8X0C2M7V5B6K1D3EF" }),
});

const pascalCase = (type: string) =>
  type.replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());

/** What each job type makes, as the document introduces its input. */
const JOB_TYPE_DESCRIPTIONS: Record<JobType, string> = {
  text_to_video: "A video from a prompt.",
  image_to_video: "A video that animates an image; it keeps the image's aspect ratio.",
  effect:
    "A PixVerse template (effect) video from one image or several; the template decides model and length.",
  transition: "A video from a first frame to a last frame.",
  multi_transition: "A video through 2-7 keyframes, at most 30 s.",
  fusion: "A video of named subjects and backgrounds from reference images (and, in omni mode, videos).",
  extend: "A video that continues another.",
  modify: "A video edited by a prompt, with masks and reference images.",
  restyle: "A video in another style: a preset or a style in words.",
  sound_effect: "A video with sound added.",
  lip_sync: "A video whose speaker's lips follow an audio file or a text read by a voice.",
  swap: "A video with one mask (from POST /v1/masks) replaced by an image.",
  mimic: "A video of an image's subject performing another video's motion.",
  upscale: "A video at a higher resolution.",
  image_template: "An image (not a video) from images and an image template.",
};

/** One request shape per job type, so the document shows each type's input; core's schemas validate. */
function requestOfType<T extends JobType>(type: T) {
  return z
    .object({
      type: z.literal(type),
      input: jobInputSchemas[type].meta({
        id: `${pascalCase(type)}Input`,
        description: `${JOB_TYPE_DESCRIPTIONS[type]} PixVerse's ${type} parameters, by PixVerse's names; media as MediaRef or FileRef.`,
      }),
      metadata: MetadataSchema.optional(),
      retry: JobRetrySchema.optional(),
    })
    .strict()
    .openapi(`Create${pascalCase(type)}Job`, {
      description: `A ${type} job: ${JOB_TYPE_DESCRIPTIONS[type]}`,
    });
}

const [firstType, ...otherTypes] = JOB_TYPES;

export const CreateJobBodySchema = z
  .discriminatedUnion("type", [requestOfType(firstType), ...otherTypes.map(requestOfType)])
  .openapi("CreateJobRequest", {
    description: "A job: its type and that type's input. POST /v1/jobs shows a working example of each type.",
  });

const MAX_WAIT_SECONDS = MAX_JOB_WAIT_MS / 1000;

/** RFC 7240's wait preference among others ("respond-async, wait=10"); a token, or quoted. */
const WAIT_PREFERENCE = /(?:^|[,;]\s*|\s)wait\s*=\s*("?)([^",;\s]*)\1\s*(?=$|[,;])/i;

/** The seconds a Prefer header asks POST /v1/jobs to wait, capped at MAX_WAIT_SECONDS; undefined for none. */
export function preferredWaitSeconds(prefer: string | undefined): number | undefined {
  const value = prefer?.match(WAIT_PREFERENCE)?.[2];
  return value === undefined ? undefined : Math.min(Number(value), MAX_WAIT_SECONDS);
}

/**
 * What POST /v1/jobs checks itself: no field but type, input, metadata and retry. Those are judged by the job
 * service, every problem at once, with the rules of the type and pixpipe's policy for input fields it
 * does not know (an unknown scalar passes to PixVerse with a warning; docs/pixverse-compatibility.md),
 * which the per-type schemas of the document cannot say. So the document shows CreateJobBodySchema, and
 * this schema validates.
 */
export const CreateJobEnvelopeSchema = z
  .object({
    type: z.unknown(),
    input: z.unknown(),
    metadata: z.unknown().optional(),
    retry: z.unknown().optional(),
  })
  .strict();

export const CreateJobHeadersSchema = z.object({
  prefer: z
    .string()
    .max(1024)
    .optional()
    .refine(
      (prefer) => {
        const value = prefer?.match(WAIT_PREFERENCE)?.[2];
        return value === undefined || /^\d{1,6}$/.test(value);
      },
      { message: "wait must be a whole number of seconds, e.g. Prefer: wait=10" },
    )
    .openapi({
      description: `RFC 7240. \`wait=N\`: answer once the job has finished (201) or after N seconds (202, the job as it stands then), at most ${MAX_WAIT_SECONDS} s; Preference-Applied says the wait used. Other preferences are ignored.`,
      example: "wait=20",
    }),
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x20-\x7E]*$/, "must be printable ASCII")
    .optional()
    .openapi({
      description: "Same key and same body return the same job (200); same key and another body: 409.",
      example: "order-1042-render",
    }),
});

const createdBound = (description: string) =>
  z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({
      description: `${description} ISO-8601 with an offset; millisecond precision.`,
      example: "2026-12-01T00:00:00Z",
    });

export const GetJobQuerySchema = z
  .object({
    wait: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_WAIT_SECONDS)
      .optional()
      .openapi({
        description: `Long poll: answer as soon as the job's status or progress changes, or after this many seconds (at most ${MAX_WAIT_SECONDS}) with the job as it is. A finished job answers at once.`,
        example: 20,
      }),
  })
  .strict();

export const ListJobsQuerySchema = z
  .object({
    status: JobStatusSchema.optional(),
    type: JobTypeSchema.optional(),
    createdAfter: createdBound("Only jobs created strictly after this instant."),
    createdBefore: createdBound("Only jobs created strictly before this instant."),
    limit: z.coerce.number().int().min(1).max(100).default(20).openapi({
      description:
        "Page size. With a type filter a page may hold fewer jobs (at most 1000 jobs are looked at per request); follow nextCursor until it is null.",
      example: 20,
    }),
    cursor: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .openapi({ description: "The nextCursor of the previous page, with the same filters." }),
  })
  .strict()
  .refine(
    ({ createdAfter, createdBefore }) =>
      createdAfter === undefined ||
      createdBefore === undefined ||
      Date.parse(createdAfter) < Date.parse(createdBefore),
    { path: ["createdBefore"], message: "must be later than createdAfter" },
  );

export const JobListSchema = z
  .object({
    jobs: z.array(JobSchema),
    nextCursor: z.string().nullable().openapi({ description: "null on the last page." }),
  })
  .openapi("JobList");

export type Job = z.infer<typeof JobSchema>;
export type JobStatus = z.infer<typeof JobStatusSchema>;
/** A job request as the API takes it; its input is checked by the job service. */
export type CreateJobBody = z.infer<typeof CreateJobEnvelopeSchema>;
export type ListJobsQuery = z.infer<typeof ListJobsQuerySchema>;
export type JobList = z.infer<typeof JobListSchema>;
