import type { Readable } from "node:stream";
import { Webhook } from "standardwebhooks";
import { HttpClient, HttpTimeoutError } from "../http";
import { type AttemptOutcome, RESPONSE_EXCERPT_BYTES } from "./delivery";
import { WebhookUrlError, type WebhookUrlGuard } from "./url-guard";

/** One signed POST of a delivery's body. */
export interface SignedDelivery {
  url: string;
  webhookId: string;
  body: string;
  /** Every secret that signs now (the tenant's current one, and the previous one during an overlap). */
  secrets: readonly string[];
}

/** Makes one attempt; never throws for what the receiver or the network did (that is the outcome). */
export interface WebhookSender {
  send(delivery: SignedDelivery, at: Date): Promise<AttemptOutcome>;
}

/**
 * The Standard Webhooks headers of a delivery at `at`: `webhook-id`, `webhook-timestamp` (epoch
 * seconds) and `webhook-signature`, one `v1,<base64 HMAC-SHA256>` per secret, space separated.
 */
export function signatureHeaders(delivery: Omit<SignedDelivery, "url">, at: Date): Record<string, string> {
  return {
    "webhook-id": delivery.webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": delivery.secrets
      .map((secret) => new Webhook(secret).sign(delivery.webhookId, at, delivery.body))
      .join(" "),
  };
}

/** Standard Webhooks recommends senders wait 15 to 30 s for a receiver. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * Retry-After as milliseconds from `at`: delta-seconds or an HTTP date; undefined when absent or
 * unreadable.
 */
export function retryAfterMs(header: string | string[] | undefined, at: Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - at.getTime());
}

/** The start of a response body, at most `maxBytes` read; the rest is never read (the socket is closed). */
async function excerpt(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  body.once("error", () => {});
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= maxBytes) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8");
}

/**
 * Sends deliveries over HTTPS: the URL checked by the guard before each attempt, the
 * socket's lookup checking the address actually connected to (DNS may have changed since the job was
 * created, and a check before connecting could be raced), redirects never followed, one deadline for
 * the whole attempt, and no more of the response read than an excerpt.
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly http: HttpClient;
  private readonly timeoutMs: number;

  constructor(
    private readonly guard: WebhookUrlGuard,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.http = new HttpClient({
      connectTimeoutMs: this.timeoutMs,
      headersTimeoutMs: this.timeoutMs,
      bodyTimeoutMs: this.timeoutMs,
      lookup: guard.lookup(),
    });
  }

  async send(delivery: SignedDelivery, at: Date): Promise<AttemptOutcome> {
    let url: URL;
    try {
      url = this.guard.parse(delivery.url);
    } catch (error) {
      if (!(error instanceof WebhookUrlError)) throw error;
      return { at, latencyMs: 0, error: `${delivery.url} ${error.message}`, permanent: error.permanent };
    }
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await this.http.request(url, {
        method: "POST",
        signal: deadline,
        headers: {
          "content-type": "application/json",
          "user-agent": "pixpipe-webhooks/1",
          ...signatureHeaders(delivery, at),
        },
        body: delivery.body,
      });
      const latencyMs = performance.now() - started;
      const { statusCode, headers } = response;
      const text = await excerpt(response.body, RESPONSE_EXCERPT_BYTES).catch(() => "");
      if (statusCode >= 200 && statusCode < 300) return { at, latencyMs, statusCode };
      const location = typeof headers.location === "string" ? headers.location : undefined;
      const retryAfter = retryAfterMs(headers["retry-after"], at);
      return {
        at,
        latencyMs,
        statusCode,
        error:
          statusCode >= 300 && statusCode < 400
            ? `redirect${location ? ` to ${location}` : ""} not followed (HTTP ${statusCode}); give the final URL`
            : `the receiver answered HTTP ${statusCode}`,
        ...(text ? { response: text } : {}),
        ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
      };
    } catch (error) {
      const latencyMs = performance.now() - started;
      const refusal = this.guard.describeRefusal(error);
      if (refusal) return { at, latencyMs, error: refusal.message };
      // The deadline, or a silence as long as the whole deadline (whichever fired first).
      if (deadline.aborted || error instanceof HttpTimeoutError)
        return { at, latencyMs, error: `no response within ${this.timeoutMs / 1000} s` };
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOTFOUND") return { at, latencyMs, error: `${url.hostname} does not resolve` };
      return {
        at,
        latencyMs,
        error: `cannot reach ${url.host}: ${(error as Error).message}${code ? ` (${code})` : ""}`,
      };
    }
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
