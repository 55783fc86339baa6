import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, JobIdParamsSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "getJobVideo",
  method: "get",
  path: "/v1/jobs/{id}/video",
  ...scoped("jobs:read"),
  tags: ["jobs"],
  summary: "Download the archived video",
  request: { params: JobIdParamsSchema },
  responses: {
    302: {
      description: "Redirect to a short-lived presigned URL of the archived video.",
      headers: { Location: { schema: { type: "string", format: "uri" } } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const download = await deps.jobs.videoDownloadUrl(c.var.caller, c.req.valid("param").id);
    if (!download) throw notFound("job");
    // The URL expires soon: no cache may keep the redirect.
    c.header("Cache-Control", "private, no-store");
    return c.redirect(download.url, 302);
  });
}
