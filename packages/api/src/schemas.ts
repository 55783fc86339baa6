import { z } from "@hono/zod-openapi";

// Public schemas shared by several routes. The job vocabulary below mirrors ARCHITECTURE.md §2/§3;
// once @pixpipe/core/job exports its own schemas these are to be replaced by re-exports of core's.

export const JOB_STATUSES = [
  "queued",
  "generating",
  "archiving",
  "succeeded",
  "failed",
  "cancelled",
] as const;

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

export const JobStatusSchema = z.enum(JOB_STATUSES).openapi("JobStatus", {
  description: "Where the job is in its lifecycle; succeeded, failed and cancelled are terminal.",
  example: "generating",
});

export const JobTypeSchema = z.enum(JOB_TYPES).openapi("JobType", {
  description: "The PixVerse capability the job runs.",
  example: "text_to_video",
});

export const MediaRefSchema = z
  .union([
    z.strictObject({
      upload: z.string().min(1).max(1024).openapi({ description: "A key returned by POST /v1/uploads." }),
    }),
    z.strictObject({
      url: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .openapi({ description: "A public http(s) URL pixpipe fetches; private addresses are refused." }),
    }),
    z.strictObject({
      job: z.string().min(1).max(64).openapi({ description: "The id of an earlier succeeded job." }),
    }),
  ])
  .openapi("MediaRef", {
    description: "A piece of media: an upload, a public URL, or the video of an earlier job.",
    example: { upload: "uploads/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF/cat.png" },
  });

const METADATA_MAX_KEYS = 50;

export const MetadataSchema = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((metadata) => Object.keys(metadata).length <= METADATA_MAX_KEYS, {
    message: `metadata may hold at most ${METADATA_MAX_KEYS} keys`,
  })
  .openapi("Metadata", {
    description: `Your own string labels, stored with the job and echoed back (at most ${METADATA_MAX_KEYS} keys of 1-40 characters, values up to 500 characters).`,
    example: { orderId: "A-1042" },
  });

export const JobSchema = z
  .object({
    id: z.string().openapi({ example: "01J9Z3Q4N8X0C2M7V5B6K1D3EF" }),
    tenantId: z.string().openapi({ example: "tenant_1" }),
    type: JobTypeSchema,
    status: JobStatusSchema,
    input: z
      .record(z.string(), z.unknown())
      .openapi({ description: "The input as submitted (PixVerse field names, media as MediaRef)." }),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime().openapi({ example: "2025-01-01T12:00:00.000Z" }),
    updatedAt: z.iso.datetime().openapi({ example: "2025-01-01T12:01:30.000Z" }),
    pixverse: z.object({
      videoId: z.string().optional().openapi({
        description: "PixVerse's id, as a string (ids exceed 2^53).",
        example: "627410861853514292",
      }),
      traceId: z.string().openapi({ description: "The Ai-trace-id used for every submit of this job." }),
      credits: z.number().optional().openapi({ description: "Credits PixVerse charged, once known." }),
    }),
    output: z
      .object({
        bucket: z.string(),
        key: z.string().openapi({ example: "videos/tenant_1/01J9Z3Q4N8X0C2M7V5B6K1D3EF.mp4" }),
        size: z.number().int().openapi({ description: "Bytes." }),
        contentType: z.string().openapi({ example: "video/mp4" }),
        sha256: z.string().openapi({ description: "Hex SHA-256 of the archived bytes." }),
        width: z.number().int().optional(),
        height: z.number().int().optional(),
      })
      .optional()
      .openapi({ description: "The archived result; present once the job succeeded." }),
    error: z
      .object({
        code: z.string().openapi({ example: "moderation_failed" }),
        message: z.string(),
        providerCode: z.number().int().optional().openapi({ description: "PixVerse's ErrCode or status." }),
      })
      .optional()
      .openapi({ description: "Why the job failed; present once it failed." }),
  })
  .openapi("Job");

export const ProblemSchema = z
  .object({
    path: z
      .string()
      .openapi({ description: "Dotted path of the offending field.", example: "input.duration" }),
    message: z.string().openapi({ example: "Invalid option: expected one of 5|8" }),
    location: z
      .enum(["body", "query", "path", "header"])
      .optional()
      .openapi({ description: "Which part of the request the path refers to." }),
  })
  .openapi("Problem");

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: "Stable snake_case code.", example: "invalid_request" }),
      message: z.string().openapi({ description: "Human-readable sentence." }),
      details: z
        .array(ProblemSchema)
        .optional()
        .openapi({ description: "Every problem found, for validation errors." }),
    }),
  })
  .openapi("Error");

export const JobIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "01J9Z3Q4N8X0C2M7V5B6K1D3EF" }),
});

const ERROR_DESCRIPTIONS = {
  400: "The request is invalid (details lists every problem).",
  401: "Missing or invalid API key.",
  403: "The API key is not allowed to do this.",
  404: "No such resource for this API key.",
  409: "The request conflicts with the resource's state.",
  413: "The request body is too large.",
  415: "The request body is not JSON.",
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

type ErrorResponse = { description: string; content: { "application/json": { schema: typeof ErrorSchema } } };

/** OpenAPI `responses` entries for the error statuses a route can answer, all with the one error shape. */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]): Record<S, ErrorResponse> {
  const responses = {} as Record<S, ErrorResponse>;
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { "application/json": { schema: ErrorSchema } },
    };
  }
  return responses;
}

export type Job = z.infer<typeof JobSchema>;
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type JobType = z.infer<typeof JobTypeSchema>;
export type MediaRef = z.infer<typeof MediaRefSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type ErrorBody = z.infer<typeof ErrorSchema>;
