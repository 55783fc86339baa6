import { createRoute, z } from "@hono/zod-openapi";
import { JOB_TYPES, type JobType, jobInputSchemas } from "@pixpipe/core/job/input";
import type { ApiApp } from "../api-app";
import type { ApiDeps } from "../ports";
import { errorResponses, JobSchema, MetadataSchema } from "../schemas";

const pascalCase = (type: string) =>
  type.replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());

/** One request shape per job type, so the document shows each type's input; core's schemas validate. */
function requestOfType<T extends JobType>(type: T) {
  return z
    .object({
      type: z.literal(type),
      input: jobInputSchemas[type].meta({
        id: `${pascalCase(type)}Input`,
        description: `PixVerse's ${type} parameters (PixVerse field names; media as MediaRef).`,
      }),
      metadata: MetadataSchema.optional(),
    })
    .openapi(`Create${pascalCase(type)}Job`);
}

const [firstType, ...otherTypes] = JOB_TYPES;

export const CreateJobBodySchema = z
  .discriminatedUnion("type", [requestOfType(firstType), ...otherTypes.map(requestOfType)])
  .openapi("CreateJobRequest", {
    example: {
      type: "text_to_video",
      input: {
        model: "v5",
        prompt: "A cat surfing at sunset",
        duration: 5,
        quality: "540p",
        aspect_ratio: "16:9",
      },
      metadata: { orderId: "A-1042" },
    },
  });

export type CreateJobBody = z.infer<typeof CreateJobBodySchema>;

const HeadersSchema = z.object({
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

export const route = createRoute({
  operationId: "createJob",
  method: "post",
  path: "/v1/jobs",
  tags: ["jobs"],
  summary: "Create a job",
  request: {
    headers: HeadersSchema,
    body: { required: true, content: { "application/json": { schema: CreateJobBodySchema } } },
  },
  responses: {
    202: {
      description: "The job was accepted (queued).",
      content: { "application/json": { schema: JobSchema } },
    },
    200: {
      description: "The Idempotency-Key was seen before with this body: the earlier job.",
      content: { "application/json": { schema: JobSchema } },
    },
    ...errorResponses(400, 401, 409, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { "idempotency-key": idempotencyKey } = c.req.valid("header");
    const { job, created } = await deps.jobs.createJob(c.var.caller, c.req.valid("json"), { idempotencyKey });
    c.header("Location", `/v1/jobs/${encodeURIComponent(job.id)}`);
    return created ? c.json(job, 202) : c.json(job, 200);
  });
}
