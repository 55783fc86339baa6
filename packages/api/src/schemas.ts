import { z } from "@hono/zod-openapi";
import { jobStatusSchema, publicJobSchema } from "@pixpipe/core/job";

// Public schemas shared by several routes. The job's own schemas come from @pixpipe/core; here they
// only gain their OpenAPI names and descriptions, through zod's own `.meta()` (the document generator
// reads it, `id` naming the component): core's schemas may be built before @hono/zod-openapi adds
// `.openapi()` to zod, and zod only gives that method to schemas built afterwards.

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

export const JobSchema = publicJobSchema.extend({ type: JobTypeSchema, status: JobStatusSchema }).meta({
  id: "Job",
  description:
    "A generation job. pixverse.videoId is a string (PixVerse ids exceed 2^53); output is present " +
    "once archived, error once failed.",
});

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
  500: "An unexpected error; the message carries a request id to quote.",
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
export type Problem = z.infer<typeof ProblemSchema>;
export type ErrorBody = z.infer<typeof ErrorSchema>;
