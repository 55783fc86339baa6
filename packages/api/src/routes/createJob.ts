import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { CreateJobBodySchema, CreateJobHeadersSchema, errorResponses, JobSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "createJob",
  method: "post",
  path: "/v1/jobs",
  ...scoped("jobs:write"),
  tags: ["jobs"],
  summary: "Create a job",
  request: {
    headers: CreateJobHeadersSchema,
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
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
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
