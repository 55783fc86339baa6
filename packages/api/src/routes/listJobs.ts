import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, JobListSchema, ListJobsQuerySchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "listJobs",
  method: "get",
  path: "/v1/jobs",
  ...scoped("jobs:read"),
  tags: ["jobs"],
  summary: "List the tenant's jobs, newest first",
  request: { query: ListJobsQuerySchema },
  responses: {
    200: { description: "One page of jobs.", content: { "application/json": { schema: JobListSchema } } },
    ...errorResponses(400, 401, 403),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const page = await deps.jobs.listJobs(c.var.caller, c.req.valid("query"));
    return c.json(page, 200);
  });
}
