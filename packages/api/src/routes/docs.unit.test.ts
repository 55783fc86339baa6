import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { apiWorld } from "../test-support/api-world";

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const { version } = require("swagger-ui-dist/package.json") as { version: string };

/** Every src/href of the page and every URL of its CSP. */
const referencedUrls = (html: string) => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);

describe("GET /docs", () => {
  it("serves Swagger UI from this host only, under a CSP that allows nothing else", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(referencedUrls(html)).toEqual([
      "data:,",
      `/docs/assets/${version}/swagger-ui.css`,
      `/docs/assets/${version}/swagger-ui-bundle.js`,
    ]);
    expect(html).toContain('url: "/openapi.json"');
    expect(html).toContain("validatorUrl: null");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/https?:/);
    // The hash in the CSP is the one of the inline script on the page.
    const inline = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? "";
    const hash = createHash("sha256").update(inline).digest("base64");
    expect(csp).toContain(`'sha256-${hash}'`);
  });

  it("serves the pinned package's files, gzipped when asked, cacheable for good", async () => {
    const { app } = await apiWorld();
    for (const [name, type] of [
      ["swagger-ui-bundle.js", "text/javascript"],
      ["swagger-ui.css", "text/css"],
    ] as const) {
      const onDisk = await readFile(path.join(dist, name));
      const gzipped = await app.request(`/docs/assets/${version}/${name}`, {
        headers: { "accept-encoding": "gzip, deflate, br" },
      });
      expect(gzipped.status).toBe(200);
      expect(gzipped.headers.get("content-type")).toContain(type);
      expect(gzipped.headers.get("content-encoding")).toBe("gzip");
      expect(gzipped.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(gzipped.headers.get("vary")).toBe("Accept-Encoding");
      const body = Buffer.from(await gzipped.arrayBuffer());
      expect(body.length).toBeLessThan(onDisk.length / 2);
      expect(gunzipSync(body).equals(onDisk)).toBe(true);

      const plain = await app.request(`/docs/assets/${version}/${name}`);
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(Buffer.from(await plain.arrayBuffer()).equals(onDisk)).toBe(true);
    }
  });

  it("answers 404 in the error shape for another version or any other file", async () => {
    const { app } = await apiWorld();
    for (const target of [
      "/docs/assets/0.0.1/swagger-ui-bundle.js",
      `/docs/assets/${version}/package.json`,
      `/docs/assets/${version}/..%2Fpackage.json`,
    ]) {
      const res = await app.request(target);
      expect({ target, status: res.status }).toEqual({ target, status: 404 });
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });
});
