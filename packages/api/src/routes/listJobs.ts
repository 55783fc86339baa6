import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import type { ApiDeps } from "../ports";
import { errorResponses, JobSchema, JobStatusSchema } from "../schemas";

export const ListJobsQuerySchema = z.object({
  status: JobStatusSchema.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ description: "Page size.", example: 20 }),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .openapi({ description: "The nextCursor of the previous page." }),
});

export type ListJobsQuery = z.infer<typeof ListJobsQuerySchema>;

const JobListSchema = z
  .object({
    jobs: z.array(JobSchema),
    nextCursor: z.string().nullable().openapi({ description: "null on the last page." }),
  })
  .openapi("JobList");

export const route = createRoute({
  operationId: "listJobs",
  method: "get",
  path: "/v1/jobs",
  tags: ["jobs"],
  summary: "List the tenant's jobs, newest first",
  request: { query: ListJobsQuerySchema },
  responses: {
    200: { description: "One page of jobs.", content: { "application/json": { schema: JobListSchema } } },
    ...errorResponses(400, 401),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const page = await deps.jobs.listJobs(c.var.caller, c.req.valid("query"));
    return c.json(page, 200);
  });
}
