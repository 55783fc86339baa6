import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import type { ApiDeps } from "../ports";
import { errorResponses } from "../schemas";

const CATALOG_KINDS = ["templates", "restyles", "voices"] as const;

export type CatalogKind = (typeof CATALOG_KINDS)[number];

const ParamsSchema = z.object({
  kind: z.enum(CATALOG_KINDS).openapi({
    param: { name: "kind", in: "path" },
    description: "templates: effect and image templates; restyles: restyle presets; voices: lip-sync voices.",
    example: "templates",
  }),
});

// PixVerse pages its lists with a fixed set of page sizes.
export const CatalogQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce
    .number()
    .pipe(z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]))
    .default(50)
    .openapi({ description: "One of 10, 20, 50, 100.", example: 50 }),
});

export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export const route = createRoute({
  operationId: "getCatalog",
  method: "get",
  path: "/v1/catalog/{kind}",
  tags: ["catalog"],
  summary: "PixVerse's effect templates, restyle presets or lip-sync voices",
  request: { params: ParamsSchema, query: CatalogQuerySchema },
  responses: {
    200: {
      description: "The list as PixVerse returns it (cached briefly).",
      headers: { "Cache-Control": { schema: { type: "string", example: "private, max-age=300" } } },
      content: { "application/json": { schema: z.unknown().openapi("CatalogPage", { type: "object" }) } },
    },
    ...errorResponses(400, 401),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const list = await deps.jobs.catalog(c.req.valid("param").kind, c.req.valid("query"));
    c.header("Cache-Control", "private, max-age=300");
    return c.json(list, 200);
  });
}
