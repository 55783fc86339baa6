import { BodyReader } from "./body";
import { invalidParam } from "./errors";
import type { GenerationOperation } from "./validation";
import { type WireValue, wireId } from "./wire";

/**
 * The usage history, POST /openapi/v2/account/billing/usage-detail. Request rules as heshaojian/pixverse-api-kit
 * validates them (src/platform/validators/specialized.js validateUsage): UTC `start_time`/`end_time` as
 * "YYYY-MM-DD HH:mm:ss", at most 30 days apart, or a `cursor`; `limit` 1-100; `credits_status` consume|refund;
 * `creation_type[]`. The answer is `{ items, next_cursor, has_more }` (the kit's fixture); PixVerse's item
 * fields are not documented anywhere readable, so the simulator's items are its own:
 * `{ video_id | image_id, creation_type, credits, credits_status, create_time }`.
 */

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

const creationTypeOf: Record<GenerationOperation, (typeof CREATION_TYPES)[number]> = {
  text_to_video: "text_to_video",
  image_to_video: "image_to_video",
  transition: "transition",
  multi_transition: "multi_transition",
  fusion: "fusion",
  extend: "extend",
  lip_sync: "lip_sync",
  sound_effect: "sound_effect",
  restyle: "restyle",
  swap: "swap",
  mimic: "mimic",
  modify: "modify",
  upscale: "upscale",
  image_template: "image_to_image",
};

export interface UsageQuery {
  start: number;
  end: number;
  status?: "consume" | "refund";
  types?: string[];
  offset: number;
  limit: number;
}

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MAX_RANGE_MS = 30 * 86_400_000;
const timeText = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

function utc(b: BodyReader, field: string): number {
  const text = b.string(field, { required: true }) as string;
  const ms = TIME.test(text) ? Date.parse(`${text.replace(" ", "T")}Z`) : Number.NaN;
  if (Number.isNaN(ms) || timeText(ms) !== text)
    throw invalidParam(`${field} must be YYYY-MM-DD HH:mm:ss (UTC)`);
  return ms;
}

const encodeCursor = (query: UsageQuery) => Buffer.from(JSON.stringify(query)).toString("base64url");

function decodeCursor(cursor: string): UsageQuery {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as UsageQuery;
  } catch {
    throw invalidParam("cursor is invalid");
  }
}

/** Reads and checks a usage-detail body; a cursor carries the query it continues. */
export function usageQuery(body: WireValue): UsageQuery {
  const b = BodyReader.from(body);
  const limit = b.int("limit", { min: 1, max: 100 }) ?? 20;
  const cursor = b.string("cursor");
  if (cursor) return { ...decodeCursor(cursor), limit };
  const start = utc(b, "start_time");
  const end = utc(b, "end_time");
  if (start > end) throw invalidParam("start_time must not be later than end_time");
  if (end - start > MAX_RANGE_MS) throw invalidParam("the time range must not exceed 30 days");
  const status = b.oneOf("credits_status", ["consume", "refund"] as const);
  const types = b.strings("creation_type");
  for (const type of types ?? []) {
    if (!(CREATION_TYPES as readonly string[]).includes(type))
      throw invalidParam(`creation_type ${type} is not supported`);
  }
  return { start, end, status, types, offset: 0, limit };
}

export interface BilledGeneration {
  id: string;
  kind: "video" | "image";
  operation: GenerationOperation;
  credits: number;
  createdAt: Date;
  refundedAt?: Date | undefined;
}

interface Entry {
  at: number;
  item: Record<string, unknown>;
}

/** Every charge and refund in the ledger, oldest first, filtered and paged by the query. */
export function usageItems(
  query: UsageQuery,
  generations: readonly BilledGeneration[],
  maskSelections: readonly { credits: number; createdAt: string }[],
) {
  const entries: Entry[] = [];
  const add = (at: number, item: Record<string, unknown>) => entries.push({ at, item });
  for (const gen of generations) {
    const base = {
      [gen.kind === "video" ? "video_id" : "image_id"]: wireId(gen.id),
      creation_type: creationTypeOf[gen.operation],
      credits: gen.credits,
    };
    add(gen.createdAt.getTime(), {
      ...base,
      credits_status: "consume",
      create_time: timeText(gen.createdAt.getTime()),
    });
    if (gen.refundedAt) {
      const at = gen.refundedAt.getTime();
      add(at, { ...base, credits_status: "refund", create_time: timeText(at) });
    }
  }
  for (const selection of maskSelections) {
    const at = Date.parse(selection.createdAt);
    add(at, {
      creation_type: "swap_mask",
      credits: selection.credits,
      credits_status: "consume",
      create_time: timeText(at),
    });
  }
  const matching = entries
    .filter(({ at, item }) => {
      // the query's times have whole seconds; an entry within its last second still belongs to it
      const second = Math.floor(at / 1000) * 1000;
      return (
        second >= query.start &&
        second <= query.end &&
        (!query.status || item.credits_status === query.status) &&
        (!query.types || query.types.includes(String(item.creation_type)))
      );
    })
    .sort((a, b) => a.at - b.at);
  const page = matching.slice(query.offset, query.offset + query.limit);
  const hasMore = query.offset + query.limit < matching.length;
  return {
    items: page.map((entry) => entry.item),
    next_cursor: hasMore ? encodeCursor({ ...query, offset: query.offset + query.limit }) : "",
    has_more: hasMore,
  };
}
