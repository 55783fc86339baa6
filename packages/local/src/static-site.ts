import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";

export interface StaticSite {
  /** The URL path it is served under, e.g. "/ui". */
  path: string;
  /** The built files (index.html, assets/). */
  dir: string;
  /** Sent with every answer (Content-Security-Policy...). */
  headers?: Record<string, string>;
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Serves a built single-page site under `site.path`, as a CDN in front of its bucket would: files by
 * name, index.html for the folder, hashed assets cacheable for good, index.html revalidated.
 */
export function staticSiteListener(site: StaticSite): RequestListener {
  const app = new Hono();
  app.get(site.path, (c) => c.redirect(`${site.path}/`, 301));
  // As a CDN would (CloudFront compresses the deployed site).
  app.use(`${site.path}/*`, compress());
  app.use(`${site.path}/*`, async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(site.headers ?? {})) c.header(name, value);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header(
      "Cache-Control",
      c.req.path.startsWith(`${site.path}/assets/`) ? "public, max-age=31536000, immutable" : "no-cache",
    );
  });
  app.get(
    `${site.path}/*`,
    serveStatic({ root: site.dir, rewriteRequestPath: (path) => path.slice(site.path.length) || "/" }),
  );
  app.notFound((c) => c.text("Not Found", 404));
  return getRequestListener(app.fetch);
}

/** Whether a request's path is the site's or under it. */
export const isUnder = (site: Pick<StaticSite, "path">, url: string | undefined) => {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path === site.path || path.startsWith(`${site.path}/`);
};
