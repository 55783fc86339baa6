import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, UploadGrantSchema, UploadRequestSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "createUpload",
  method: "post",
  path: "/v1/uploads",
  ...scoped("jobs:write"),
  tags: ["media"],
  summary: "Get a presigned URL to upload media for jobs",
  request: { body: { required: true, content: { "application/json": { schema: UploadRequestSchema } } } },
  responses: {
    201: {
      description: "Upload the file with the returned URL before it expires.",
      content: { "application/json": { schema: UploadGrantSchema } },
    },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const grant = await deps.uploads.createUpload(c.var.caller, c.req.valid("json"));
    return c.json(grant, 201);
  });
}
