import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, GetJobQuerySchema, JobIdParamsSchema, JobSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "getJob",
  method: "get",
  path: "/v1/jobs/{id}",
  ...scoped("jobs:read"),
  tags: ["jobs"],
  summary: "Get one job",
  request: { params: JobIdParamsSchema, query: GetJobQuerySchema },
  responses: {
    200: { description: "The job.", content: { "application/json": { schema: JobSchema } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { wait } = c.req.valid("query");
    const job = await deps.jobs.getJob(c.var.caller, c.req.valid("param").id, {
      ...(wait ? { waitMs: wait * 1000 } : {}),
      signal: c.req.raw.signal,
    });
    if (!job) throw notFound("job");
    return c.json(job, 200);
  });
}
