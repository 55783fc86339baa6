import * as z from "zod";

/** A PixVerse id (video_id, img_id, media_id, template_id…): digits only. PixVerse issues ids above 2^53. */
export type PixverseId = string;

/**
 * Accepts an id as PixVerse's wire carries it after lossless parsing (a safe JSON integer, or the digit string
 * of a larger one) or as callers hold it (a digit string), and yields the digit string.
 */
export const pixverseId = z
  .union([z.string().regex(/^\d{1,20}$/, "must be a PixVerse id (digits only)"), z.int().nonnegative()])
  .transform((id): PixverseId => String(id));
