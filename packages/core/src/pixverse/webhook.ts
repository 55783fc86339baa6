import { createHmac, timingSafeEqual } from "node:crypto";
import { isLosslessNumber, parse, parseLosslessNumber } from "lossless-json";
import * as z from "zod";
import { pixverseId } from "./ids";
import { parsePixverseJson } from "./json";

export interface NonceStore {
  /** Reserve a nonce until expiresAt (epoch seconds). false = already seen (replay). */
  reserve(nonce: string, expiresAt: number): Promise<boolean>;
  /** Processing succeeded: keep the nonce until it expires. */
  commit(nonce: string): Promise<void>;
  /** Processing failed: forget it so PixVerse's retry of the same delivery can succeed. */
  release(nonce: string): Promise<void>;
}

/** A process-local NonceStore (tests, single-process tools). */
export class InMemoryNonceStore implements NonceStore {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly nowSeconds: () => number = () => Date.now() / 1000) {}

  async reserve(nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.nowSeconds();
    for (const [seen, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(seen);
    if (this.expiries.has(nonce)) return false;
    this.expiries.set(nonce, expiresAt);
    return true;
  }

  /** Nothing to do: a reserved nonce is kept until it expires anyway. */
  async commit(_nonce: string): Promise<void> {}

  async release(nonce: string): Promise<void> {
    this.expiries.delete(nonce);
  }
}

/** A signed PixVerse callback: the state of one video (status codes as in GET /video/result). */
export interface PixverseWebhookEvent {
  videoId: string;
  status: number;
  url?: string;
  size?: number;
  credits?: number;
  hasAudio?: boolean;
}

export type WebhookRejection = "malformed" | "bad_signature" | "replayed";

/**
 * The outcome of verifying a callback:
 * - ok: signed, fresh and not seen before; the nonce is reserved (commit or release it).
 * - late: correctly signed, but its timestamp is outside the window, as PixVerse's retries of a delivery that
 *   kept its first timestamp are from the 5-minute retry on (2 s ... 4 h). Not trusted (a captured delivery
 *   replayed later looks the same), and no nonce is spent: answer 200 `ok` so PixVerse stops retrying, and ask
 *   PixVerse for the video's state instead of using the body.
 * - anything else: refused (malformed, forged, tampered or replayed inside the window).
 */
export type WebhookVerification =
  | {
      ok: true;
      event: PixverseWebhookEvent;
      nonce: string;
      traceId: string | undefined;
      /** which secret verified it: 0 = the current one, 1 = the previous one during a rotation */
      secretIndex: number;
    }
  | {
      ok: false;
      code: "late";
      reason: string;
      event: PixverseWebhookEvent;
      traceId: string | undefined;
      secretIndex: number;
    }
  | { ok: false; code: WebhookRejection; reason: string };

export const WEBHOOK_WINDOW_SECONDS = 300;

type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === "string" ? value : value?.[0];
}

/**
 * The body as the signed query sees it: a flat object of scalars, each turned into a string (booleans
 * lowercase, numbers by their literal digits so 64-bit ids survive). Anything else cannot be signed
 * unambiguously and is refused.
 */
function signedFields(rawBody: string): [string, string][] | string {
  let body: unknown;
  try {
    body = parse(rawBody, null, parseLosslessNumber);
  } catch (error) {
    return `body is not JSON: ${(error as Error).message}`;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "body is not a JSON object";
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") pairs.push([key, value]);
    else if (typeof value === "boolean") pairs.push([key, String(value)]);
    else if (isLosslessNumber(value)) pairs.push([key, value.toString()]);
    else
      return `field "${key}" is ${value === null ? "null" : "nested"}; only flat scalar fields can be signed`;
  }
  return pairs;
}

export type QueryOrder = "body" | "sorted";
/** `form`: URLSearchParams (space -> +, ~!'() escaped); `component`: encodeURIComponent (space -> %20). */
export type QueryEncoding = "form" | "component";

function query(pairs: readonly [string, string][], order: QueryOrder, encoding: QueryEncoding): string {
  const ordered = order === "sorted" ? [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : pairs;
  if (encoding === "form") return new URLSearchParams(ordered as [string, string][]).toString();
  return ordered.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

/** The query string PixVerse signs for a raw body (pixverse-api.md §4b). Throws on a body that cannot be signed. */
export function webhookSignedQuery(
  rawBody: string,
  order: QueryOrder,
  encoding: QueryEncoding = "form",
): string {
  const pairs = signedFields(rawBody);
  if (typeof pairs === "string") throw new TypeError(pairs);
  return query(pairs, order, encoding);
}

const hmac = (secret: string, timestamp: string, nonce: string, signedQuery: string) =>
  createHmac("sha256", secret).update(`${timestamp}\n${nonce}\n${signedQuery}`).digest("base64");

/** Signs a body as PixVerse does (for tests and tools): Base64(HMAC-SHA256(secret, ts \n nonce \n query)). */
export function signPixverseWebhook(input: {
  secret: string;
  timestamp: string | number;
  nonce: string;
  body: string;
  order?: QueryOrder;
  encoding?: QueryEncoding;
}): string {
  const signed = webhookSignedQuery(input.body, input.order ?? "sorted", input.encoding ?? "form");
  return hmac(input.secret, String(input.timestamp), input.nonce, signed);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const eventSchema = z.object({
  id: pixverseId,
  status: z.int(),
  url: z.string().optional(),
  size: z.number().optional(),
  credits: z.number().optional(),
  has_audio: z.boolean().optional(),
});

const reject = (code: WebhookRejection, reason: string): WebhookVerification => ({ ok: false, code, reason });

/**
 * Verifies a PixVerse callback on its raw body (pixverse-api.md §4, §4b): the signature over the body-order or
 * sorted query, in URLSearchParams or encodeURIComponent encoding, compared in constant time against each secret
 * (the current one first; during a rotation also the previous one); a timestamp within ±300 s (seconds, or
 * milliseconds from 1e11 on), else the delivery is `late`; then the nonce is reserved until timestamp + 300 s.
 * The caller commits the nonce once the event is processed, or releases it so PixVerse's retry can get through.
 */
export async function verifyPixverseWebhook(input: {
  rawBody: string;
  headers: HeaderSource;
  /** the signing secret, or the secrets accepted during a rotation: current first, then the previous one */
  secret: string | readonly string[];
  nonceStore: NonceStore;
  now?: Date;
}): Promise<WebhookVerification> {
  const timestamp = header(input.headers, "webhook-timestamp")?.trim();
  const nonce = header(input.headers, "webhook-nonce")?.trim();
  const signature = header(input.headers, "webhook-signature")?.trim();
  if (!timestamp || !/^\d{1,13}$/.test(timestamp))
    return reject("bad_signature", "missing or malformed Webhook-Timestamp");
  if (!nonce || nonce.length > 128) return reject("bad_signature", "missing or malformed Webhook-Nonce");
  if (!signature) return reject("bad_signature", "missing Webhook-Signature");

  const pairs = signedFields(input.rawBody);
  if (typeof pairs === "string") return reject("malformed", pairs);
  const candidates = new Set<string>();
  for (const order of ["body", "sorted"] as const) {
    for (const encoding of ["form", "component"] as const) candidates.add(query(pairs, order, encoding));
  }
  const secrets = (typeof input.secret === "string" ? [input.secret] : input.secret).filter((s) => s !== "");
  const secretIndex = secrets.findIndex((secret) =>
    [...candidates].some((q) => sameSignature(hmac(secret, timestamp, nonce, q), signature)),
  );
  if (secretIndex < 0) return reject("bad_signature", "signature does not match");

  const parsed = eventSchema.safeParse(parsePixverseJson(input.rawBody));
  if (!parsed.success) {
    return reject(
      "malformed",
      `not a PixVerse video event: ${z.prettifyError(parsed.error).replaceAll("\n", " ")}`,
    );
  }
  const event = toEvent(parsed.data);
  const traceId = header(input.headers, "ai-trace-id");

  const stamp = Number(timestamp);
  const sentAt = stamp >= 1e11 ? Math.floor(stamp / 1000) : stamp;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - sentAt) > WEBHOOK_WINDOW_SECONDS) {
    const reason = `timestamp is ${now - sentAt} s away from now; at most ${WEBHOOK_WINDOW_SECONDS} s`;
    return { ok: false, code: "late", reason, event, traceId, secretIndex };
  }
  if (!(await input.nonceStore.reserve(nonce, sentAt + WEBHOOK_WINDOW_SECONDS))) {
    return reject("replayed", "nonce already used");
  }
  return { ok: true, event, nonce, traceId, secretIndex };
}

function toEvent({
  id,
  status,
  url,
  size,
  credits,
  has_audio,
}: z.output<typeof eventSchema>): PixverseWebhookEvent {
  const event: PixverseWebhookEvent = { videoId: id, status };
  if (url !== undefined) event.url = url;
  if (size !== undefined) event.size = size;
  if (credits !== undefined) event.credits = credits;
  if (has_audio !== undefined) event.hasAudio = has_audio;
  return event;
}
