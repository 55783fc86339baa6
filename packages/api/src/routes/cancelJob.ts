import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, JobIdParamsSchema, JobSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "cancelJob",
  method: "post",
  path: "/v1/jobs/{id}/cancel",
  ...scoped("jobs:write"),
  tags: ["jobs"],
  summary: "Stop following a job; a late result is not archived",
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: "The cancelled job.", content: { "application/json": { schema: JobSchema } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const job = await deps.jobs.cancelJob(c.var.caller, c.req.valid("param").id);
    if (!job) throw notFound("job");
    return c.json(job, 200);
  });
}
