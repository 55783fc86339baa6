import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { html, raw } from "hono/html";
import type { ApiApp } from "../api-app";
import { notFound } from "../errors";
import { hashSource, htmlPage } from "../html";

/*
 * GET /docs: Swagger UI over GET /openapi.json, from the pinned swagger-ui-dist package, nothing
 * from another host. Its two files (1.7 MB of JS, 0.2 MB of CSS) stay out of the Lambda bundle: they
 * are read from disk on the first request (node_modules locally; in AWS infra/api.ts copies them
 * into the function package under the same node_modules path) and kept in memory, gzipped.
 */

const ASSETS = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
} as const;
type AssetName = keyof typeof ASSETS;

/** Where swagger-ui-dist's files are, found as Node resolves the package. */
const distDir = () => path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const distVersion = () =>
  (createRequire(import.meta.url)("swagger-ui-dist/package.json") as { version: string }).version;

interface LoadedAsset {
  raw: Buffer;
  gzipped: Buffer;
}
const loaded = new Map<AssetName, Promise<LoadedAsset>>();

function loadAsset(name: AssetName): Promise<LoadedAsset> {
  let asset = loaded.get(name);
  if (!asset) {
    asset = readFile(path.join(distDir(), name)).then((raw) => ({ raw, gzipped: gzipSync(raw) }));
    // A failed read is retried on the next request rather than remembered.
    asset.catch(() => loaded.delete(name));
    loaded.set(name, asset);
  }
  return asset;
}

const isAssetName = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

// validatorUrl: null, or Swagger UI sends the document to validator.swagger.io for a badge.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
});`;

const STYLE = "body { margin: 0; } .topbar { display: none; }";

export function register(app: ApiApp): void {
  app.get("/docs", (c) => {
    // The version in the asset paths lets browsers cache them for good (a new version, new paths).
    const assets = `/docs/assets/${distVersion()}`;
    return htmlPage(c, {
      title: "pixpipe API reference",
      style: STYLE,
      body: html`<div id="swagger-ui"></div>
    <script src="${assets}/swagger-ui-bundle.js"></script>
    <script>${raw(INIT_SCRIPT)}</script>`,
      policy: {
        "script-src": `'self' ${hashSource(INIT_SCRIPT)}`,
        // Swagger UI sets style attributes from its components.
        "style-src": `'self' 'unsafe-inline'`,
        "connect-src": "'self'",
      },
      head: html`<link rel="stylesheet" href="${assets}/swagger-ui.css" />`,
    });
  });

  app.get("/docs/assets/:version/:name", async (c) => {
    const { version, name } = c.req.param();
    if (version !== distVersion() || !isAssetName(name)) throw notFound("documentation asset");
    const asset = await loadAsset(name);
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    c.header("Content-Type", ASSETS[name]);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Vary", "Accept-Encoding");
    c.header("X-Content-Type-Options", "nosniff");
    if (gzip) c.header("Content-Encoding", "gzip");
    return c.body(new Uint8Array(gzip ? asset.gzipped : asset.raw), 200);
  });
}
