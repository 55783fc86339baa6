import { createHmac, randomBytes } from "node:crypto";
import { isLosslessNumber, parse } from "lossless-json";
import type { FaultInjector } from "./faults";
import type { Timers } from "./timers";

/**
 * The query PixVerse signs (pixverse-api.md §4b): the flat JSON body's keys sorted, values as their
 * literal text (numbers keep their digits, booleans lowercase), form-encoded like URLSearchParams.
 */
export function webhookSignedQuery(rawBody: string): string {
  const body = parse(rawBody);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Error("webhook body must be a JSON object");
  }
  const pairs = Object.entries(body as Record<string, unknown>).map(([key, value]): [string, string] => {
    if (typeof value === "string") return [key, value];
    if (typeof value === "boolean" || isLosslessNumber(value)) return [key, String(value)];
    throw new Error(`webhook body field ${key} must be a string, number or boolean`);
  });
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(pairs).toString();
}

/** Webhook-Signature: Base64(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + sorted query)). */
export function signWebhook(secret: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHmac("sha256", secret)
    .update(`${timestamp}\n${nonce}\n${webhookSignedQuery(rawBody)}`)
    .digest("base64");
}

/** The headers of one signed delivery of rawBody (a fresh nonce unless one is given). */
export function signedWebhookHeaders(
  secret: string,
  rawBody: string,
  traceId: string,
  now = Date.now(),
  nonce = randomBytes(16).toString("hex"),
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    "Content-Type": "application/json",
    "Webhook-Timestamp": timestamp,
    "Webhook-Nonce": nonce,
    "Webhook-Signature": signWebhook(secret, timestamp, nonce, rawBody),
    "Ai-Trace-Id": traceId,
  };
}

/** PixVerse's retry intervals after a failed delivery (8 retries). */
export const retryScheduleMs = [2_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 14_400_000];

export interface WebhookEvent {
  videoId: string;
  traceId: string;
  operation: string;
  /** the JSON body, exactly as sent */
  body: string;
}

/** The first attempt of a delivery whose retries keep its timestamp and nonce (webhook-original-timestamp). */
interface FirstAttempt {
  sentAtMs: number;
  nonce: string;
}

export interface WebhookDelivery {
  videoId: string;
  traceId: string;
  /** 0 = first attempt, n = nth retry */
  attempt: number;
  /** how this request came about */
  kind: "delivery" | "retry" | "duplicate" | "replay" | "dropped";
  url: string;
  sentAt: string;
  headers: Record<string, string>;
  body: string;
  responseStatus?: number;
  responseBody?: string;
  error?: string;
  /** the receiver answered 200 with body "ok" */
  accepted: boolean;
}

interface DispatcherDeps {
  secret: () => string;
  url: () => string | undefined;
  timeFactor: number;
  faults: FaultInjector;
  timers: Timers;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Sends signed webhooks with PixVerse's retry schedule and the webhook faults. */
export class WebhookDispatcher {
  private deliveries: WebhookDelivery[] = [];
  /** deliveries held back by a reorder fault, released after the next other delivery */
  private held: { event: WebhookEvent; timer: NodeJS.Timeout }[] = [];
  private abort = new AbortController();

  constructor(private readonly deps: DispatcherDeps) {}

  log(): WebhookDelivery[] {
    return this.deliveries.map((d) => ({ ...d, headers: { ...d.headers } }));
  }

  /** Forgets the log and abandons pending deliveries (their timers are cleared by the owner). */
  reset() {
    this.abort.abort();
    this.abort = new AbortController();
    this.deliveries = [];
    this.held = [];
  }

  deliver(event: WebhookEvent) {
    const url = this.deps.url();
    if (!url) return;
    const subject = { operations: [event.operation, "webhook"] };
    const { faults, timers } = this.deps;
    if (faults.draw("webhook-drop", subject)) {
      this.record(event, url, 0, "dropped", {}, { accepted: false });
      return;
    }
    const reorder = faults.draw("webhook-reorder", subject);
    if (reorder) {
      const entry = { event, timer: timers.after(reorder.maxHoldMs ?? 10_000, () => this.release(entry)) };
      this.held.push(entry);
      return;
    }
    const delay = faults.draw("webhook-delay", subject);
    if (delay) timers.after(delay.ms, () => void this.send(event, 0));
    else void this.send(event, 0);
  }

  private release(entry: { event: WebhookEvent; timer: NodeJS.Timeout }) {
    this.deps.timers.cancel(entry.timer);
    this.held = this.held.filter((h) => h !== entry);
    void this.send(entry.event, 0);
  }

  private async send(event: WebhookEvent, attempt: number, first?: FirstAttempt) {
    const url = this.deps.url();
    if (!url) return;
    const run = this.abort.signal;
    const subject = { operations: [event.operation, "webhook"] };
    const headers = first
      ? this.originalHeaders(event, attempt, first)
      : signedWebhookHeaders(this.deps.secret(), event.body, event.traceId);
    const keepOriginal =
      first ??
      (attempt === 0 && this.deps.faults.draw("webhook-original-timestamp", subject)
        ? { sentAtMs: Number(headers["Webhook-Timestamp"]) * 1000, nonce: headers["Webhook-Nonce"] ?? "" }
        : undefined);
    const others = this.held.filter((h) => h.event.videoId !== event.videoId);
    const accepted = await this.post(event, url, attempt, attempt === 0 ? "delivery" : "retry", headers);
    if (run.aborted) return;
    for (const entry of others) this.release(entry);
    if (attempt === 0) {
      const duplicate = this.deps.faults.draw("webhook-duplicate", subject);
      if (duplicate?.replay) await this.post(event, url, 0, "replay", headers);
      else if (duplicate) {
        await this.post(
          event,
          url,
          0,
          "duplicate",
          signedWebhookHeaders(this.deps.secret(), event.body, event.traceId),
        );
      }
    }
    const wait = retryScheduleMs[attempt];
    if (!accepted && wait !== undefined && !run.aborted) {
      this.deps.timers.after(
        wait * this.deps.timeFactor,
        () => void this.send(event, attempt + 1, keepOriginal),
      );
    }
  }

  /**
   * Retry `attempt` with the first attempt's nonce and timestamp. Waits are scaled by timeFactor; the timestamp
   * moves back by the part of PixVerse's schedule the scaling skipped, so the receiver sees the age the real
   * schedule would give it (at timeFactor 1 it is the first attempt's timestamp exactly).
   */
  private originalHeaders(event: WebhookEvent, attempt: number, first: FirstAttempt): Record<string, string> {
    const scheduled = retryScheduleMs.slice(0, attempt).reduce((total, wait) => total + wait, 0);
    const stampedAt = first.sentAtMs - scheduled * (1 - this.deps.timeFactor);
    return signedWebhookHeaders(this.deps.secret(), event.body, event.traceId, stampedAt, first.nonce);
  }

  private async post(
    event: WebhookEvent,
    url: string,
    attempt: number,
    kind: WebhookDelivery["kind"],
    headers: Record<string, string>,
  ): Promise<boolean> {
    const run = this.abort.signal;
    const signal = AbortSignal.any([run, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    const sentAt = new Date().toISOString();
    try {
      const response = await fetch(url, { method: "POST", headers, body: event.body, signal });
      const responseBody = await response.text();
      if (run.aborted) return false;
      const accepted = response.status === 200 && responseBody === "ok";
      this.record(event, url, attempt, kind, headers, {
        sentAt,
        responseStatus: response.status,
        responseBody,
        accepted,
      });
      return accepted;
    } catch (error) {
      if (run.aborted) return false;
      this.record(event, url, attempt, kind, headers, { sentAt, error: String(error), accepted: false });
      return false;
    }
  }

  private record(
    event: WebhookEvent,
    url: string,
    attempt: number,
    kind: WebhookDelivery["kind"],
    headers: Record<string, string>,
    outcome: Partial<WebhookDelivery> & { accepted: boolean },
  ) {
    this.deliveries.push({
      videoId: event.videoId,
      traceId: event.traceId,
      attempt,
      kind,
      url,
      sentAt: new Date().toISOString(),
      headers,
      body: event.body,
      ...outcome,
    });
  }
}
