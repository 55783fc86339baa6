import { createHash } from "node:crypto";
import type { Context } from "hono";
import { html, raw } from "hono/html";

/** A CSP source for an inline script or style: the hash of its exact text, so nothing else inline runs. */
export function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
}

export interface HtmlPage {
  title: string;
  /** The page's one inline style sheet (allowed by its hash). */
  style: string;
  body: ReturnType<typeof html>;
  /** More of <head> (style sheets). */
  head?: ReturnType<typeof html>;
  /** Directives beyond the defaults (default-src 'none', the style's hash, no framing, no forms). */
  policy?: Record<string, string>;
}

/**
 * The API's HTML pages (/, /docs): small, no third-party origin, and a Content-Security-Policy that
 * allows only what the page itself names.
 */
export function htmlPage(c: Context, page: HtmlPage): Response | Promise<Response> {
  const policy: Record<string, string> = {
    "default-src": "'none'",
    "style-src": hashSource(page.style),
    "img-src": "'self' data:",
    "base-uri": "'none'",
    "form-action": "'none'",
    "frame-ancestors": "'none'",
    ...page.policy,
  };
  c.header(
    "Content-Security-Policy",
    Object.entries(policy)
      .map(([directive, sources]) => `${directive} ${sources}`)
      .join("; "),
  );
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  return c.html(
    html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${page.title}</title>
    <link rel="icon" href="data:," />
    <style>${raw(page.style)}</style>
    ${page.head ?? ""}
  </head>
  <body>
    ${page.body}
  </body>
</html>`,
  );
}
