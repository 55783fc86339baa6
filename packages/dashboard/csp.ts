/**
 * The dashboard's Content-Security-Policy, the same locally (packages/local sends it with /ui/) and in
 * AWS (infra/dashboard.ts, a CloudFront response header): its own scripts and styles only, API calls
 * to the API, uploads and the result media to the media bucket; no inline code, no framing, nothing
 * from any other host.
 */
export function dashboardCsp(origins: { api: string; media: string }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:", origins.media],
    "media-src": ["'self'", "blob:", origins.media],
    "connect-src": ["'self'", origins.api, origins.media],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${[...new Set(sources)].join(" ")}`)
    .join("; ");
}
