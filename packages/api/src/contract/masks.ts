import { z } from "@hono/zod-openapi";
import { maskSelectionInputSchema } from "@pixpipe/core/job/input";

export const MaskSelectionRequestSchema = maskSelectionInputSchema.meta({
  id: "MaskSelectionRequest",
  description: "The video to pick masks from and the keyframe (1 = first frame, the default).",
  example: { video: { job: "job_01J9Z3Q4N8X0C2M7V5B6K1D3EF" }, keyframe_id: 1 },
});

// Use keyframeId and a maskId as keyframe_id and mask_id in a `swap` (or `modify`) job input.
export const MaskSelectionSchema = z
  .object({
    keyframeId: z.number().int().openapi({ example: 1 }),
    keyframeUrl: z.string().openapi({ example: "https://media.pixverse.ai/keyframes/1.png" }),
    credits: z
      .number()
      .optional()
      .openapi({ description: "Credits PixVerse charged for this call.", example: 2 }),
    masks: z.array(
      z.object({
        maskId: z.string().openapi({ example: "m_1" }),
        maskName: z.string().openapi({ example: "person" }),
        maskUrl: z.string(),
      }),
    ),
  })
  .openapi("MaskSelection");

export type MaskSelectionRequest = z.infer<typeof MaskSelectionRequestSchema>;
export type MaskSelection = z.infer<typeof MaskSelectionSchema>;
