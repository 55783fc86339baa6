import { z } from "zod";
import { pixverseId } from "./ids";

/** Generation status codes shared by results and webhooks (pixverse-api.md §3). */
export const PIXVERSE_STATUS = {
  succeeded: 1,
  generating: 5,
  deleted: 6,
  moderationFailed: 7,
  failed: 8,
} as const;

/** `{ErrCode, ErrMsg, Resp}`, or the lower-case `{err_code, err_msg, resp}` PixVerse documents on HTTP 500. */
export function readEnvelope(value: unknown): { code: number; message: string; resp: unknown } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const code = v.ErrCode ?? v.err_code;
  if (typeof code !== "number" || !Number.isInteger(code)) return undefined;
  const message = v.ErrMsg ?? v.err_msg;
  return { code, message: typeof message === "string" ? message : "", resp: "Resp" in v ? v.Resp : v.resp };
}

/** PixVerse sends "" (or nothing) for values that do not exist yet, e.g. the URL of an unfinished video. */
const optionalText = z
  .string()
  .optional()
  .transform((s) => (s ? s : undefined));
const optionalNumber = z.number().optional();
/** Create answers spell the charge `credits` or `credit` depending on the endpoint. */
const charged = (r: { credits?: number | undefined; credit?: number | undefined }) => r.credits ?? r.credit;

const defined = <T extends Record<string, unknown>>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: T[K];
  };

export const uploadedImage = z
  .object({ img_id: pixverseId, img_url: z.string() })
  .transform((r) => ({ imgId: r.img_id, imgUrl: r.img_url }));
export type UploadedImage = z.output<typeof uploadedImage>;

export const uploadedMedia = z
  .object({ media_id: pixverseId, media_type: z.enum(["video", "audio"]), url: z.string() })
  .transform((r) => ({ mediaId: r.media_id, mediaType: r.media_type, url: r.url }));
export type UploadedMedia = z.output<typeof uploadedMedia>;

export const videoSubmitted = z
  .object({ video_id: pixverseId, credits: optionalNumber, credit: optionalNumber })
  .transform((r) => defined({ videoId: r.video_id, credits: charged(r) }));
export type VideoSubmitted = { videoId: string; credits?: number };

export const imageSubmitted = z
  .object({ image_id: pixverseId, credits: optionalNumber, credit: optionalNumber })
  .transform((r) => defined({ imageId: r.image_id, credits: charged(r) }));
export type ImageSubmitted = { imageId: string; credits?: number };

const resultFields = {
  status: z.int(),
  url: optionalText,
  size: optionalNumber,
  outputWidth: optionalNumber,
  outputHeight: optionalNumber,
  credits: optionalNumber,
  prompt: optionalText,
  seed: optionalNumber,
  create_time: optionalText,
  modify_time: optionalText,
};

export interface GenerationResult {
  id: string;
  status: number;
  url?: string;
  size?: number;
  outputWidth?: number;
  outputHeight?: number;
  credits?: number;
  hasAudio?: boolean;
  prompt?: string;
  seed?: number;
  createTime?: string;
  modifyTime?: string;
}

const toResult = (id: string, r: z.output<z.ZodObject<typeof resultFields>>, hasAudio?: boolean) =>
  defined({
    id,
    status: r.status,
    url: r.url,
    size: r.size,
    outputWidth: r.outputWidth,
    outputHeight: r.outputHeight,
    credits: r.credits,
    hasAudio,
    prompt: r.prompt,
    seed: r.seed,
    createTime: r.create_time,
    modifyTime: r.modify_time,
  }) as GenerationResult;

export const videoResult = z
  .object({ id: pixverseId, has_audio: z.boolean().optional(), ...resultFields })
  .transform((r) => toResult(r.id, r, r.has_audio));

export const imageResult = z
  .object({ image_id: pixverseId, template_id: pixverseId.optional(), ...resultFields })
  .transform((r) => toResult(r.image_id, r));

export const maskSelection = z
  .object({
    keyframe_id: z.int(),
    keyframe_url: z.string(),
    credits: optionalNumber,
    mask_info: z.array(
      z.object({
        mask_id: z.union([z.string(), z.number()]).transform(String),
        mask_name: z.string(),
        mask_url: z.string(),
      }),
    ),
  })
  .transform((r) =>
    defined({
      keyframeId: r.keyframe_id,
      keyframeUrl: r.keyframe_url,
      credits: r.credits,
      masks: r.mask_info.map((m) => ({ maskId: m.mask_id, maskName: m.mask_name, maskUrl: m.mask_url })),
    }),
  );
export type MaskSelection = z.output<typeof maskSelection>;

export const ttsSpeakers = z
  .object({
    total: z.int(),
    data: z.array(
      z.object({ speaker_id: z.union([z.string(), z.number()]).transform(String), name: z.string() }),
    ),
  })
  .transform((r) => ({
    total: r.total,
    speakers: r.data.map((s) => ({ speakerId: s.speaker_id, name: s.name })),
  }));
export type TtsSpeakers = z.output<typeof ttsSpeakers>;

/** The restyle list's item shape is undocumented: the id is required, the rest is read when present. */
export const restyles = z
  .object({
    total: z.int().optional(),
    data: z.array(
      z.looseObject({
        restyle_id: pixverseId,
        restyle_name: optionalText,
        name: optionalText,
        cover_url: optionalText,
      }),
    ),
  })
  .transform((r) =>
    defined({
      total: r.total,
      restyles: r.data.map((s) =>
        defined({ restyleId: s.restyle_id, name: s.restyle_name ?? s.name, coverUrl: s.cover_url }),
      ),
    }),
  );
export type Restyles = z.output<typeof restyles>;

/** Template items: template_id, names and preview are documented; the rest of the list was not readable. */
export const templates = z
  .object({
    total: z.int().optional(),
    effect_items: z.array(
      z.looseObject({
        template_id: pixverseId,
        display_name: optionalText,
        display_prompt: optionalText,
        preview_video_url: optionalText,
        template_type: optionalNumber,
        image_count: optionalNumber,
      }),
    ),
  })
  .transform((r) =>
    defined({
      total: r.total,
      templates: r.effect_items.map((t) =>
        defined({
          templateId: t.template_id,
          displayName: t.display_name,
          displayPrompt: t.display_prompt,
          previewVideoUrl: t.preview_video_url,
          templateType: t.template_type,
          imageCount: t.image_count,
        }),
      ),
    }),
  );
export type Templates = z.output<typeof templates>;

export const balance = z
  .object({ account_id: pixverseId, credit_monthly: z.number(), credit_package: z.number() })
  .transform((r) => ({
    accountId: r.account_id,
    creditMonthly: r.credit_monthly,
    creditPackage: r.credit_package,
  }));
export type Balance = z.output<typeof balance>;
