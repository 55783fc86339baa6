import { describe, expect, it } from "vitest";
import { apiWorld, bearer, readError } from "../test-support/api-world";

describe("GET /v1/catalog/{kind}", () => {
  it("answers the service's list, privately cacheable for 5 minutes", async () => {
    const { app, pixverse } = await apiWorld();
    const res = await app.request("/v1/catalog/voices", { headers: bearer("tenantA") });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    expect(await res.json()).toEqual({
      total: 2,
      speakers: [
        { speakerId: "1", name: "Voice 1" },
        { speakerId: "2", name: "Voice 2" },
      ],
    });
    expect(pixverse.callsOf("listTtsSpeakers")).toEqual([[{ page: 1, pageSize: 50 }]]);
  });

  it("passes paging through", async () => {
    const { app, pixverse } = await apiWorld();
    await app.request("/v1/catalog/templates?page=3&pageSize=100", { headers: bearer("tenantA") });
    expect(pixverse.callsOf("listTemplates")).toEqual([[{ page: 3, pageSize: 100 }]]);
  });

  it("asks for PixVerse's template type 1 (video) or 2 (image), for templates only", async () => {
    const { app, pixverse } = await apiWorld();
    await app.request("/v1/catalog/templates?type=image", { headers: bearer("tenantA") });
    await app.request("/v1/catalog/templates?type=video", { headers: bearer("tenantA") });
    await app.request("/v1/catalog/voices?type=image", { headers: bearer("tenantA") });
    expect(pixverse.callsOf("listTemplates")).toEqual([
      [{ page: 1, pageSize: 50, type: 2 }],
      [{ page: 1, pageSize: 50, type: 1 }],
    ]);
    expect(pixverse.callsOf("listTtsSpeakers")).toEqual([[{ page: 1, pageSize: 50 }]]);
  });

  it("asks for PixVerse's voices, the account's custom voices or both, for voices only", async () => {
    const { app, pixverse } = await apiWorld();
    for (const speakerType of ["system", "custom", "all"]) {
      const res = await app.request(`/v1/catalog/voices?speakerType=${speakerType}&pageSize=10`, {
        headers: bearer("tenantA"),
      });
      expect(res.status).toBe(200);
    }
    await app.request("/v1/catalog/templates?speakerType=custom", { headers: bearer("tenantA") });
    expect(pixverse.callsOf("listTtsSpeakers")).toEqual([
      [{ page: 1, pageSize: 10, speakerType: "system" }],
      [{ page: 1, pageSize: 10, speakerType: "custom" }],
      [{ page: 1, pageSize: 10, speakerType: "all" }],
    ]);
    expect(pixverse.callsOf("listTemplates")).toEqual([[{ page: 1, pageSize: 50 }]]);
  });

  it("refuses a speaker type PixVerse does not know, naming the query parameter", async () => {
    const { app, pixverse } = await apiWorld();
    for (const speakerType of ["mine", "Custom", ""]) {
      const res = await app.request(`/v1/catalog/voices?speakerType=${speakerType}`, {
        headers: bearer("tenantA"),
      });
      expect(res.status).toBe(400);
      expect((await readError(res)).details).toEqual([
        expect.objectContaining({ path: "speakerType", location: "query" }),
      ]);
    }
    expect(pixverse.calls).toHaveLength(0);
  });

  it("refuses an unknown kind and a page size PixVerse does not offer", async () => {
    const { app, pixverse } = await apiWorld();
    const kind = await app.request("/v1/catalog/models", { headers: bearer("tenantA") });
    expect(kind.status).toBe(400);
    expect((await readError(kind)).details).toEqual([
      expect.objectContaining({ path: "kind", location: "path" }),
    ]);
    const pageSize = await app.request("/v1/catalog/templates?pageSize=30", { headers: bearer("tenantA") });
    expect(pageSize.status).toBe(400);
    expect(pixverse.calls).toHaveLength(0);
  });

  it("is not cached when it fails", async () => {
    const { app } = await apiWorld();
    const res = await app.request("/v1/catalog/restyles?page=0", { headers: bearer("tenantA") });
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBeNull();
  });
});
