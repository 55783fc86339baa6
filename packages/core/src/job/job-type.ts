// PROVISIONAL until job/input lands: replace with JobType / its schema from "./input".
import { z } from "zod";

export const jobTypeSchema = z.enum([
  "text_to_video",
  "image_to_video",
  "effect",
  "transition",
  "multi_transition",
  "fusion",
  "extend",
  "modify",
  "restyle",
  "sound_effect",
  "lip_sync",
  "swap",
  "mimic",
  "upscale",
  "image_template",
]);
export type JobType = z.infer<typeof jobTypeSchema>;
