import { afterEach, describe, expect, it, vi } from "vitest";
import { apiWorld } from "../test-support/api-world";

const links = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((href) => href !== "data:,");

describe("GET /", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("links the API reference, the OpenAPI document and health, without authentication", async () => {
    vi.stubEnv("PIXPIPE_DASHBOARD_URL", "");
    const { app } = await apiWorld();
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(links(await res.text())).toEqual(["/docs", "/openapi.json", "/healthz"]);
  });

  it("links the dashboard first when PIXPIPE_DASHBOARD_URL says where it is", async () => {
    vi.stubEnv("PIXPIPE_DASHBOARD_URL", "/ui/");
    const { app } = await apiWorld();
    const html = await (await app.request("/")).text();
    expect(links(html)).toEqual(["/ui/", "/docs", "/openapi.json", "/healthz"]);
  });
});
