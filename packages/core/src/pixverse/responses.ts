import * as z from "zod";
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

/*
 * How results are read (docs/pixverse-compatibility.md): each schema names the few fields without which an
 * answer is of no use (ids, status, balances); those are checked. Every other field is optional: null or a value
 * of an unexpected type counts as absent, and fields pixpipe does not know are ignored, so that PixVerse adding
 * or blanking a field never turns a usable answer into a failed parse.
 */

/** An optional field: null, absent or not of `schema`'s type -> undefined. */
const lenient = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional()).catch(undefined);

/** PixVerse sends "" (or nothing, or null) for values that do not exist yet, e.g. the URL of an unfinished video. */
const optionalText = lenient(z.string()).transform((s) => (s ? s : undefined));
const optionalNumber = lenient(z.number());
const optionalBoolean = lenient(z.boolean());
/** A string field PixVerse sometimes writes as a number (speaker and mask ids). */
const stringish = z.union([z.string().min(1), z.number()]).transform(String);

/** The usable items of a list: a null (or non-list) list is empty, an item that fails its schema is left out. */
const usableItems = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((value) => (Array.isArray(value) ? value : []), z.array(z.unknown()))
    .transform((items) =>
      items.flatMap((entry) => {
        const parsed = item.safeParse(entry);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );

/** Create answers spell the charge `credits` or `credit` depending on the endpoint. */
const charged = (r: { credits?: number | undefined; credit?: number | undefined }) => r.credits ?? r.credit;

const defined = <T extends Record<string, unknown>>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: T[K];
  };

export const uploadedImage = z
  .object({ img_id: pixverseId, img_url: optionalText })
  .transform((r) => defined({ imgId: r.img_id, imgUrl: r.img_url }));
export type UploadedImage = z.output<typeof uploadedImage>;

/** media_type is optional: an answer without it still names the upload; the caller decides what to trust. */
export const uploadedMedia = z
  .object({ media_id: pixverseId, media_type: lenient(z.enum(["video", "audio"])), url: optionalText })
  .transform((r) => defined({ mediaId: r.media_id, mediaType: r.media_type, url: r.url }));
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
  .object({ id: pixverseId, has_audio: optionalBoolean, ...resultFields })
  .transform((r) => toResult(r.id, r, r.has_audio));

export const imageResult = z
  .object({ image_id: pixverseId, ...resultFields })
  .transform((r) => toResult(r.image_id, r));

/** A keyframe is a frame number; the kit's fixtures show it as a digit string too. */
const keyframeId = z.union([z.int(), z.string().regex(/^\d+$/).transform(Number)]);

export const maskSelection = z
  .object({
    keyframe_id: keyframeId,
    keyframe_url: z.string(),
    credits: optionalNumber,
    mask_info: usableItems(z.object({ mask_id: stringish, mask_name: z.string(), mask_url: z.string() })),
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

/**
 * Both speaker lists answer `{ total, data: [{ speaker_id, name }] }`: the older lip_sync/tts_list (official MCP)
 * and the current tts_speaker (heshaojian/pixverse-api-kit test/fixtures/platform/resource.tts-speakers).
 */
export const ttsSpeakers = z
  .object({
    total: optionalNumber,
    data: usableItems(z.object({ speaker_id: stringish, name: optionalText })),
  })
  .transform((r) => ({
    total: r.total ?? r.data.length,
    speakers: r.data.map((s) => defined({ speakerId: s.speaker_id, name: s.name })),
  }));
export type TtsSpeakers = z.output<typeof ttsSpeakers>;

/** A custom voice: POST /openapi/v2/video/tts_speaker answers its speaker_id (kit: resultIdPath Resp.speaker_id). */
export const voiceCreated = z
  .object({ speaker_id: stringish })
  .transform((r) => ({ speakerId: r.speaker_id }));
export type VoiceCreated = z.output<typeof voiceCreated>;

/** Answers whose Resp carries nothing pixpipe reads (deleting a voice). */
export const acknowledged = z.unknown().transform(() => undefined);

/** The restyle list's item shape is undocumented: the id is required, the rest is read when present. */
export const restyles = z
  .object({
    total: optionalNumber,
    data: usableItems(
      z.object({
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
    total: optionalNumber,
    effect_items: usableItems(
      z.object({
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

/**
 * POST /openapi/v2/account/billing/usage-detail answers `{ items, next_cursor, has_more }` (heshaojian/
 * pixverse-api-kit test/fixtures/platform/account.usage/success.json, from the official "usage deduction query"
 * page). No source shows the fields of an item, so items are handed over as PixVerse sent them (64-bit integers
 * as digit strings), for the caller to reconcile once real answers are seen.
 */
export const usageDetail = z
  .object({
    items: usableItems(z.record(z.string(), z.unknown())),
    next_cursor: optionalText,
    has_more: optionalBoolean,
  })
  .transform((r) => defined({ items: r.items, nextCursor: r.next_cursor, hasMore: r.has_more ?? false }));
export type UsageDetail = z.output<typeof usageDetail>;
