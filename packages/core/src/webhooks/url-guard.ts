import { lookup as dnsLookup } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { addressRange, ForbiddenAddressError, isPublicAddress, publicOnlyLookup } from "../media";
import { WEBHOOK_URL_MAX_LENGTH } from "./subscription";

/**
 * Where webhooks may go. In AWS: https to public addresses only. The local runtime alone may let
 * loopback receivers through (PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1), so a developer can receive on a laptop.
 */
export interface WebhookUrlPolicy {
  allowLoopback: boolean;
}

export const STRICT_WEBHOOK_URLS: WebhookUrlPolicy = { allowLoopback: false };

/**
 * A webhook URL pixpipe does not send to, and why, in words for the caller. `permanent` when no later
 * attempt can change it (the URL itself); an address refused after DNS may change with DNS.
 */
export class WebhookUrlError extends Error {
  override readonly name = "WebhookUrlError";
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, "");

/**
 * The SSRF guard for webhook URLs: the same address rules as media URLs (ARCHITECTURE §2), applied
 * when a job is created (with DNS resolution, so a private address is refused at the door) and by the
 * sender's socket lookup at every delivery (the address connected to is the address checked).
 */
export class WebhookUrlGuard {
  private readonly resolve: LookupFunction;

  constructor(
    readonly policy: WebhookUrlPolicy,
    options: { resolve?: LookupFunction } = {},
  ) {
    this.resolve = options.resolve ?? (dnsLookup as LookupFunction);
  }

  /** Whether a resolved (or literal) address may receive webhooks. */
  accepts = (address: string): boolean =>
    isPublicAddress(address) || (this.policy.allowLoopback && addressRange(address) === "loopback");

  /** The URL's own rules (no DNS): what no attempt can change. Throws a permanent WebhookUrlError. */
  parse(raw: string): URL {
    if (raw.length > WEBHOOK_URL_MAX_LENGTH) {
      throw new WebhookUrlError(`must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`, true);
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookUrlError("must be an absolute URL (https://...)", true);
    }
    const loopbackHost = this.isLoopbackName(url.hostname);
    if (
      url.protocol !== "https:" &&
      !(url.protocol === "http:" && this.policy.allowLoopback && loopbackHost)
    ) {
      throw new WebhookUrlError(
        this.policy.allowLoopback
          ? `must use https (or http to a loopback address), not ${url.protocol}`
          : `must use https, not ${url.protocol}`,
        true,
      );
    }
    if (url.username || url.password) {
      throw new WebhookUrlError(
        "must not carry credentials (user:password@); put a token in the path or query",
        true,
      );
    }
    if (url.hash)
      throw new WebhookUrlError("must not have a fragment (#...): it never reaches the receiver", true);
    const host = bareHost(url.hostname);
    // A literal address never changes: no attempt can go there.
    if (ipaddr.isValid(host) && !this.accepts(host)) throw this.refusedAddress(url.hostname, host, true);
    return url;
  }

  /**
   * What a job request's webhook URL is checked against before the job is accepted: its own rules,
   * then DNS, whose every answer must be an address webhooks may go to. A host that does not exist is
   * refused too; a resolver that cannot answer now (EAI_AGAIN) is not: delivery checks again anyway.
   */
  async check(raw: string): Promise<URL> {
    const url = this.parse(raw);
    const host = bareHost(url.hostname);
    if (ipaddr.isValid(host)) return url;
    await new Promise<void>((resolve, reject) => {
      this.lookup()(host, { all: true }, (error) => {
        if (!error) return resolve();
        const code = (error as NodeJS.ErrnoException).code;
        if (error instanceof ForbiddenAddressError) reject(this.refusedAddress(host, error.address));
        else if (code === "ENOTFOUND") reject(new WebhookUrlError(`${host} does not resolve`, false));
        else resolve();
      });
    });
    return url;
  }

  /** The socket lookup of every delivery: resolves, and refuses addresses webhooks may not go to. */
  lookup(): LookupFunction {
    return publicOnlyLookup(this.resolve, this.accepts);
  }

  /** Whether an error thrown while connecting is this guard refusing the address. */
  describeRefusal(error: unknown): WebhookUrlError | undefined {
    const cause = (error as { cause?: unknown })?.cause ?? error;
    return cause instanceof ForbiddenAddressError
      ? this.refusedAddress(cause.host, cause.address)
      : undefined;
  }

  private refusedAddress(host: string, address: string, permanent = false): WebhookUrlError {
    const range = addressRange(address);
    const allowed = this.policy.allowLoopback ? "public or loopback addresses" : "public addresses";
    return new WebhookUrlError(
      `${host} resolves to ${address} (${range}); pixpipe sends webhooks only to ${allowed}`,
      permanent,
    );
  }

  private isLoopbackName(hostname: string): boolean {
    const host = bareHost(hostname);
    if (host === "localhost") return true;
    return ipaddr.isValid(host) && addressRange(host) === "loopback";
  }
}
