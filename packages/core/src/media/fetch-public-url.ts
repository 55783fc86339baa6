import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { discardBody, followRedirects, HttpClient, type HttpResponse, redirectTarget } from "../http";
import { MediaFetchError } from "./errors";
import { assertPublicHost, publicOnlyLookup } from "./public-address";

export interface UrlPolicy {
  /** Local development only: allow private, loopback and link-local addresses. */
  allowPrivateNetworks: boolean;
  /** Local development only: allow plain http. */
  allowHttp: boolean;
}

export interface FetchedMedia {
  body: Readable;
  contentType: string | undefined;
  contentLength: number | undefined;
  finalUrl: string;
}

const MAX_REDIRECTS = 5;

/**
 * Fetches a user-supplied URL without letting it reach pixpipe's own network: https only, every hop
 * (redirects included) checked, and the socket's DNS lookup refuses non-public answers.
 */
export class PublicUrlFetcher {
  private readonly http: HttpClient;

  constructor(
    private readonly policy: UrlPolicy,
    options: { timeoutMs?: number; resolve?: LookupFunction } = {},
  ) {
    const timeout = options.timeoutMs ?? 30_000;
    this.http = new HttpClient({
      connectTimeoutMs: timeout,
      headersTimeoutMs: timeout,
      bodyTimeoutMs: timeout,
      ...(policy.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup(options.resolve) }),
    });
  }

  /** Throws for a URL that can never be fetched under this policy (checked before a job is accepted). */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new MediaFetchError(`not a valid URL: ${raw}`, "refused");
    }
    const schemes = this.policy.allowHttp ? ["https:", "http:"] : ["https:"];
    if (!schemes.includes(url.protocol)) {
      throw new MediaFetchError(
        `only ${schemes.join(" or ")} URLs are fetched, not ${url.protocol}`,
        "refused",
      );
    }
    if (url.username || url.password)
      throw new MediaFetchError("URLs with credentials are refused", "refused");
    if (!this.policy.allowPrivateNetworks) assertPublicHost(url.hostname);
    return url;
  }

  async fetch(raw: string, maxBytes: number): Promise<FetchedMedia> {
    const { response, url } = await followRedirects(this.checkUrl(raw), (hop) => this.get(hop), {
      maxRedirects: MAX_REDIRECTS,
      checkHop: (hop) => this.checkUrl(hop.toString()),
    });
    const { statusCode, headers, body } = response;
    if (redirectTarget(response, url)) {
      discardBody(body);
      throw new MediaFetchError(`cannot fetch ${raw}: more than ${MAX_REDIRECTS} redirects`, "refused");
    }
    if (statusCode !== 200) {
      discardBody(body);
      throw new MediaFetchError(
        `cannot fetch ${url.host}: it answered HTTP ${statusCode}`,
        statusCode >= 500 || statusCode === 429 || statusCode === 408
          ? "unavailable"
          : statusCode === 404 || statusCode === 410
            ? "not_found"
            : "refused",
      );
    }
    const length = headers["content-length"] ? Number(headers["content-length"]) : undefined;
    if (length !== undefined && length > maxBytes) {
      discardBody(body);
      throw new MediaFetchError(
        `the media is ${length} bytes, more than the ${maxBytes} allowed`,
        "too_large",
      );
    }
    const contentType = typeof headers["content-type"] === "string" ? headers["content-type"] : undefined;
    return { body, contentType, contentLength: length, finalUrl: url.toString() };
  }

  private async get(url: URL): Promise<HttpResponse> {
    try {
      return await this.http.request(url, { method: "GET" });
    } catch (error) {
      throw fetchFailure(url, error);
    }
  }
}

/** Reads a fetched body into memory, refusing it once it passes `maxBytes` (PixVerse uploads are small). */
export async function readLimited(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.once("error", () => {});
      body.destroy();
      throw new MediaFetchError(`the media is larger than the ${maxBytes} bytes allowed`, "too_large");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** What a failed connection to a URL means: a host that does not resolve, a refused address, or a fault. */
function fetchFailure(url: URL, error: unknown): MediaFetchError {
  if (error instanceof Error && error.name === "ForbiddenAddressError")
    return new MediaFetchError(error.message, "refused");
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOTFOUND")
    return new MediaFetchError(`cannot fetch ${url.host}: the host does not resolve`, "unresolvable_host");
  const detail = code ? `${(error as Error).message} (${code})` : (error as Error).message;
  return new MediaFetchError(`cannot fetch ${url.host}: ${detail}`, "unavailable");
}
