import * as z from "zod";
import { pixverseId } from "./ids";

/**
 * Requests besides generations: speaker lists, custom voices and the usage history, checked before sending like
 * the generation bodies. Rules from heshaojian/pixverse-api-kit src/platform/validators/specialized.js, which
 * validates them against the official pages it catalogues (.agents/skills/pixverse-platform-api/references/
 * operation-catalog.md).
 */

/** page_size of the speaker list: 10, 20, 50 or 100 (validateTtsQuery). */
export const TTS_PAGE_SIZES = [10, 20, 50, 100] as const;
export const SPEAKER_TYPES = ["system", "custom", "all"] as const;
export type SpeakerType = (typeof SPEAKER_TYPES)[number];

export const ttsSpeakerQuery = z
  .object({
    page: z.int().positive().optional(),
    pageSize: z
      .int()
      .refine((size) => (TTS_PAGE_SIZES as readonly number[]).includes(size), {
        message: `must be one of ${TTS_PAGE_SIZES.join(", ")}`,
      })
      .optional(),
    speakerType: z.enum(SPEAKER_TYPES).optional(),
  })
  .transform((q) => ({ page_num: q.page, page_size: q.pageSize, speaker_type: q.speakerType }));
export type TtsSpeakerQuery = z.input<typeof ttsSpeakerQuery>;

/** A custom voice from an uploaded audio file (voice.create: name and audio_media_id). */
export const customVoiceBody = z
  .strictObject({ name: z.string().trim().min(1).max(100), audioMediaId: pixverseId })
  .transform((v) => ({ name: v.name, audio_media_id: v.audioMediaId }));
export type CustomVoiceBody = z.input<typeof customVoiceBody>;

/** The creation_type filter of the usage history (validateUsage's list). */
export const CREATION_TYPES = [
  "text_to_video",
  "image_to_video",
  "transition",
  "lip_sync",
  "extend",
  "sound_effect",
  "fusion",
  "restyle",
  "multi_transition",
  "swap",
  "agent",
  "swap_mask",
  "avatar",
  "image_to_image",
  "mimic",
  "modify",
  "upscale",
] as const;
export type CreationType = (typeof CREATION_TYPES)[number];

/** At most 30 days per query (validateUsage). */
export const USAGE_MAX_RANGE_MS = 30 * 86_400_000;
const USAGE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** "YYYY-MM-DD HH:mm:ss" in UTC, the form the usage history takes. */
export const usageTime = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);

/** A Date, or its "YYYY-MM-DD HH:mm:ss" UTC text. */
const utcTime = z
  .union([z.date(), z.string()])
  .transform((value, ctx) => {
    if (value instanceof Date) return value;
    const date = new Date(`${value.replace(" ", "T")}Z`);
    if (!USAGE_TIME.test(value))
      ctx.addIssue({ code: "custom", message: "must be YYYY-MM-DD HH:mm:ss (UTC)" });
    else if (Number.isNaN(date.getTime()) || usageTime(date) !== value) {
      ctx.addIssue({ code: "custom", message: "is not a valid time" });
    }
    return date;
  })
  .optional();

export const usageDetailQuery = z
  .strictObject({
    start: utcTime,
    end: utcTime,
    /** the next page of an earlier answer (its nextCursor); start and end may then be left out */
    cursor: z.string().min(1).optional(),
    limit: z.int().min(1).max(100).optional(),
    creditsStatus: z.enum(["consume", "refund"]).optional(),
    creationTypes: z.array(z.enum(CREATION_TYPES)).min(1).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.cursor !== undefined) return;
    for (const field of ["start", "end"] as const) {
      if (!q[field]) ctx.addIssue({ code: "custom", path: [field], message: "required without a cursor" });
    }
    if (!q.start || !q.end) return;
    if (q.start > q.end) ctx.addIssue({ code: "custom", path: ["end"], message: "must not be before start" });
    else if (q.end.getTime() - q.start.getTime() > USAGE_MAX_RANGE_MS) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "at most 30 days after start" });
    }
  })
  .transform((q) => ({
    start_time: q.start ? usageTime(q.start) : undefined,
    end_time: q.end ? usageTime(q.end) : undefined,
    cursor: q.cursor,
    limit: q.limit,
    credits_status: q.creditsStatus,
    creation_type: q.creationTypes,
  }));
export type UsageDetailQuery = z.input<typeof usageDetailQuery>;
