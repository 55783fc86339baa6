import { createRoute } from "@hono/zod-openapi";
import { isTerminal } from "@pixpipe/core/job";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import {
  CreateJobBodySchema,
  CreateJobEnvelopeSchema,
  CreateJobHeadersSchema,
  errorResponses,
  JOB_EXAMPLES,
  JobSchema,
  preferredWaitSeconds,
} from "../contract";
import type { ApiDeps } from "../ports";

const jsonBody = <S>(schema: S) => ({ required: true, content: { "application/json": { schema } } });

export const route = createRoute({
  operationId: "createJob",
  method: "post",
  path: "/v1/jobs",
  ...scoped("jobs:write"),
  tags: ["jobs"],
  summary: "Create a job",
  request: {
    headers: CreateJobHeadersSchema,
    body: {
      required: true,
      content: { "application/json": { schema: CreateJobBodySchema, examples: JOB_EXAMPLES } },
    },
  },
  responses: {
    202: {
      description:
        "The job was accepted; it runs on (with Prefer: wait, it had not finished within the wait).",
      content: { "application/json": { schema: JobSchema } },
    },
    201: {
      description:
        "With Prefer: wait, the job was created and finished within the wait (succeeded, failed or cancelled).",
      content: { "application/json": { schema: JobSchema } },
    },
    200: {
      description: "The Idempotency-Key was seen before with this body: the earlier job.",
      content: { "application/json": { schema: JobSchema } },
    },
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
  },
});

/** The route as served: its envelope validated here, its input by the job service (CreateJobEnvelopeSchema). */
const served = {
  ...route,
  hide: true,
  request: { ...route.request, body: jsonBody(CreateJobEnvelopeSchema) },
};

export function register(app: ApiApp, deps: ApiDeps): void {
  const { middleware: _servedOnly, ...documented } = route;
  app.openAPIRegistry.registerPath(documented);
  app.openapi(served, async (c) => {
    const { "idempotency-key": idempotencyKey, prefer } = c.req.valid("header");
    const wait = preferredWaitSeconds(prefer);
    const { job, created } = await deps.jobs.createJob(c.var.caller, c.req.valid("json"), {
      idempotencyKey,
      ...(wait ? { waitMs: wait * 1000, signal: c.req.raw.signal } : {}),
    });
    c.header("Location", `/v1/jobs/${encodeURIComponent(job.id)}`);
    if (wait !== undefined) c.header("Preference-Applied", `wait=${wait}`);
    if (!created) return c.json(job, 200);
    return wait && isTerminal(job.status) ? c.json(job, 201) : c.json(job, 202);
  });
}
