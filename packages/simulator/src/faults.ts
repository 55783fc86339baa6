/** Fault injection: rules matched per operation (or path), firing by rate and count with a seedable PRNG. */

export type FaultEffect =
  /** answer with PixVerse's error envelope (HTTP 200 unless httpStatus is given) */
  | { type: "error"; errCode: number; errMsg?: string; httpStatus?: number }
  /** answer with a bare HTTP error status (e.g. 502 from a load balancer) */
  | { type: "http"; status: number; body?: string }
  /** destroy the connection without an answer (ECONNRESET / socket hang up at the client) */
  | { type: "reset" }
  /** delay the answer */
  | { type: "latency"; ms: number }
  /** force a generation's outcome: 6 deleted, 7 moderation failure, 8 generation failure */
  | { type: "outcome"; status: 6 | 7 | 8 }
  /** never send the webhook */
  | { type: "webhook-drop" }
  /** send the webhook twice; replay = the identical request (same nonce and signature) */
  | { type: "webhook-duplicate"; replay?: boolean }
  /** send the first attempt ms later */
  | { type: "webhook-delay"; ms: number }
  /** hold the webhook back until another webhook has gone out (or maxHoldMs passed) */
  | { type: "webhook-reorder"; maxHoldMs?: number }
  /**
   * retries keep the first attempt's Webhook-Timestamp and nonce instead of being signed afresh (the docs do
   * not say which PixVerse does); with timeFactor the timestamp moves back by the unscaled wait, as if real time
   * had passed, so a retry from the 5-minute one on is outside a ±300 s window
   */
  | { type: "webhook-original-timestamp" }
  /** download: send the headers and afterBytes bytes of the body, then close the socket */
  | { type: "download-truncate"; afterBytes: number }
  /** download: the result URL answers 403/404 once ttlMs have passed since the generation finished */
  | { type: "url-expiry"; ttlMs: number; status?: 403 | 404 };

export type FaultType = FaultEffect["type"];

export type Fault = FaultEffect & {
  /**
   * Operation name (text_to_video, image_upload, video_result, media_download, ...) or request path.
   * Webhook, outcome, truncate and expiry faults match the generation's operation. Omitted or "*" = all.
   */
  target?: string;
  /** probability that a matching event is affected; default 1 */
  rate?: number;
  /** affect at most this many events, then stop; default unlimited */
  times?: number;
};

export interface FaultStatus {
  fault: Fault;
  /** how many events it affected */
  hits: number;
}

const numberFields: Partial<Record<FaultType, string[]>> = {
  error: ["errCode"],
  http: ["status"],
  latency: ["ms"],
  outcome: ["status"],
  "webhook-delay": ["ms"],
  "download-truncate": ["afterBytes"],
  "url-expiry": ["ttlMs"],
};
const faultTypes: FaultType[] = [
  "error",
  "http",
  "reset",
  "latency",
  "outcome",
  "webhook-drop",
  "webhook-duplicate",
  "webhook-delay",
  "webhook-reorder",
  "webhook-original-timestamp",
  "download-truncate",
  "url-expiry",
];

/** Checks a fault that arrived as JSON; throws with a readable message. */
export function parseFault(input: unknown): Fault {
  if (typeof input !== "object" || input === null) throw new Error("a fault must be an object");
  const fault = input as Record<string, unknown>;
  const type = fault.type as FaultType;
  if (!faultTypes.includes(type)) throw new Error(`unknown fault type ${String(fault.type)}`);
  for (const field of numberFields[type] ?? []) {
    if (typeof fault[field] !== "number") throw new Error(`fault ${type} needs a number ${field}`);
  }
  if (type === "outcome" && ![6, 7, 8].includes(fault.status as number))
    throw new Error("outcome status must be 6, 7 or 8");
  const rate = fault.rate ?? 1;
  if (typeof rate !== "number" || rate < 0 || rate > 1) throw new Error("rate must be between 0 and 1");
  if (fault.times !== undefined && (typeof fault.times !== "number" || fault.times < 0)) {
    throw new Error("times must be a non-negative number");
  }
  if (fault.target !== undefined && typeof fault.target !== "string")
    throw new Error("target must be a string");
  return input as Fault;
}

/** mulberry32: small, fast, seedable. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultSubject {
  /** names the event answers to, e.g. ["media_download", "text_to_video"] for a download of a text-to-video */
  operations: string[];
  path?: string;
}

export class FaultInjector {
  private rules: FaultStatus[] = [];
  private random: () => number;

  constructor(private seed = 1) {
    this.random = prng(seed);
  }

  /** Replaces the active faults; a seed restarts the PRNG (same seed, same sequence of decisions). */
  set(faults: Fault[], seed?: number) {
    this.rules = faults.map((fault) => ({ fault: parseFault(fault), hits: 0 }));
    if (seed !== undefined) this.seed = seed;
    this.random = prng(this.seed);
  }

  clear() {
    this.rules = [];
  }

  status(): FaultStatus[] {
    return this.rules.map((rule) => ({ fault: { ...rule.fault }, hits: rule.hits }));
  }

  /**
   * The first rule of `type` matching the subject that fires now (counted as a hit), if any.
   * `applies` narrows candidates before the dice are rolled (e.g. an expiry that has not elapsed yet).
   */
  draw<T extends FaultType>(
    type: T,
    subject: FaultSubject,
    applies: (fault: Extract<Fault, { type: T }>) => boolean = () => true,
  ): Extract<Fault, { type: T }> | undefined {
    for (const rule of this.rules) {
      const fault = rule.fault;
      if (fault.type !== type || !matches(fault, subject)) continue;
      const typed = fault as Extract<Fault, { type: T }>;
      if (!applies(typed)) continue;
      if (fault.times !== undefined && rule.hits >= fault.times) continue;
      const rate = fault.rate ?? 1;
      const fires = rate >= 1 ? true : rate <= 0 ? false : this.random() < rate;
      if (!fires) continue;
      rule.hits += 1;
      return typed;
    }
    return undefined;
  }
}

function matches(fault: Fault, subject: FaultSubject): boolean {
  const target = fault.target;
  return (
    target === undefined || target === "*" || subject.operations.includes(target) || target === subject.path
  );
}
