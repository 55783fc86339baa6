import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { errorResponses, MaskSelectionRequestSchema, MaskSelectionSchema } from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "selectMasks",
  method: "post",
  path: "/v1/masks",
  ...scoped("jobs:write"),
  tags: ["media"],
  summary: "Swap step 1: the keyframe of a video and the masks to pick from (billed by PixVerse)",
  request: {
    body: { required: true, content: { "application/json": { schema: MaskSelectionRequestSchema } } },
  },
  responses: {
    200: {
      description: "The keyframe and its masks.",
      content: { "application/json": { schema: MaskSelectionSchema } },
    },
    ...errorResponses(400, 401, 402, 403, 413, 415, 422, 502),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const selection = await deps.masks.selectMasks(c.var.caller, c.req.valid("json"));
    return c.json(selection, 200);
  });
}
