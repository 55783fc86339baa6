import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import {
  CatalogPageSchema,
  CatalogParamsSchema,
  type CatalogQuery,
  CatalogQuerySchema,
  errorResponses,
  TEMPLATE_TYPES,
} from "../contract";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "getCatalog",
  method: "get",
  path: "/v1/catalog/{kind}",
  ...scoped("jobs:read"),
  tags: ["catalog"],
  summary:
    "PixVerse's effect templates, restyle presets or lip-sync voices (PixVerse's and the account's own)",
  request: { params: CatalogParamsSchema, query: CatalogQuerySchema },
  responses: {
    200: {
      description: "The list as PixVerse returns it (cached briefly).",
      headers: { "Cache-Control": { schema: { type: "string", example: "private, max-age=300" } } },
      content: { "application/json": { schema: CatalogPageSchema } },
    },
    ...errorResponses(400, 401, 403, 502),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const { kind } = c.req.valid("param");
    const { page, pageSize, type, speakerType } = c.req.valid("query");
    const query: CatalogQuery = { page, pageSize };
    if (kind === "templates" && type) query.type = TEMPLATE_TYPES[type];
    if (kind === "voices" && speakerType) query.speakerType = speakerType;
    const list = await deps.catalog.catalog(kind, query);
    c.header("Cache-Control", "private, max-age=300");
    return c.json(list, 200);
  });
}
