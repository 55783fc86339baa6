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

const PAGE_SIZES = [10, 20, 50, 100] as const;

// PixVerse pages its lists with a fixed set of page sizes.
const QuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce
    .number()
    .pipe(z.literal(PAGE_SIZES))
    .default(50)
    .openapi({ type: "integer", enum: [...PAGE_SIZES], example: 50 }),
  type: z.enum(["video", "image"]).optional().openapi({
    description: "templates only: video templates (effect jobs) or image templates (image_template jobs).",
  }),
});

/** What the service is asked for; `type` is PixVerse's template type (1 video, 2 image). */
export interface CatalogQuery {
  page: number;
  pageSize: number;
  type?: 1 | 2;
}

const TEMPLATE_TYPES = { video: 1, image: 2 } as const;

export const route = createRoute({
  operationId: "getCatalog",
  method: "get",
  path: "/v1/catalog/{kind}",
  tags: ["catalog"],
  summary: "PixVerse's effect templates, restyle presets or lip-sync voices",
  request: { params: ParamsSchema, query: QuerySchema },
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
    const { kind } = c.req.valid("param");
    const { page, pageSize, type } = c.req.valid("query");
    const query: CatalogQuery = { page, pageSize };
    if (kind === "templates" && type) query.type = TEMPLATE_TYPES[type];
    const list = await deps.jobs.catalog(kind, query);
    c.header("Cache-Control", "private, max-age=300");
    return c.json(list, 200);
  });
}
