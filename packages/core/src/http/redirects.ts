import { discardBody, type HttpResponse } from "./client";

const REDIRECT_STATUSES = new Set([300, 301, 302, 303, 307, 308]);

/** Where a response redirects to, resolved against the URL it answered; undefined when it is no redirect. */
export function redirectTarget(response: HttpResponse, from: URL): URL | undefined {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== "string") return undefined;
  return new URL(location, from);
}

export interface RedirectOptions {
  maxRedirects: number;
  /** Judges each hop before it is requested; throws to refuse it. Returns the URL to request. */
  checkHop?: (url: URL) => URL;
}

/**
 * Sends `request` to `url` and to every redirect target in turn (GETs only: nothing is re-sent). A redirect
 * beyond `maxRedirects` is returned as it came, for the caller to refuse; `url` is where the response came from.
 */
export async function followRedirects(
  url: URL,
  request: (url: URL) => Promise<HttpResponse>,
  { maxRedirects, checkHop = (hop) => hop }: RedirectOptions,
): Promise<{ response: HttpResponse; url: URL }> {
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const response = await request(current);
    const target = redirectTarget(response, current);
    if (target === undefined || redirects === maxRedirects) return { response, url: current };
    discardBody(response.body);
    current = checkHop(target);
  }
}
