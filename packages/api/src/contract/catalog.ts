import { z } from "@hono/zod-openapi";
import { SPEAKER_TYPES, type SpeakerType } from "@pixpipe/core/pixverse";

export const CATALOG_KINDS = ["templates", "restyles", "voices"] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export const CatalogParamsSchema = z.object({
  kind: z.enum(CATALOG_KINDS).openapi({
    param: { name: "kind", in: "path" },
    description: "templates: effect and image templates; restyles: restyle presets; voices: lip-sync voices.",
    example: "templates",
  }),
});

const PAGE_SIZES = [10, 20, 50, 100] as const;

// PixVerse pages its lists with a fixed set of page sizes.
export const CatalogQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce
    .number()
    .pipe(z.literal(PAGE_SIZES))
    .default(50)
    .openapi({ type: "integer", enum: [...PAGE_SIZES], example: 50 }),
  type: z.enum(["video", "image"]).optional().openapi({
    description: "templates only: video templates (effect jobs) or image templates (image_template jobs).",
  }),
  speakerType: z.enum(SPEAKER_TYPES).optional().openapi({
    description:
      "voices only: PixVerse's own voices (system), the account's custom voices (custom) or both (all, PixVerse's default).",
    example: "custom",
  }),
});

export const CatalogPageSchema = z.unknown().openapi("CatalogPage", { type: "object" });

/** What the service is asked for; `type` is PixVerse's template type (1 video, 2 image). */
export interface CatalogQuery {
  page: number;
  pageSize: number;
  type?: 1 | 2;
  speakerType?: SpeakerType;
}

export const TEMPLATE_TYPES = { video: 1, image: 2 } as const;
