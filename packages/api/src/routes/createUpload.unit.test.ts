import { MEDIA_LIMIT_BYTES } from "@pixpipe/core/limits";
import { describe, expect, it } from "vitest";
import { apiWorld, bearer, json, readError, readJson, readProblems } from "../test-support/api-world";

const setup = apiWorld;

const problemsOf = async (res: Response) => (await readProblems(res)).map((problem) => problem.path).sort();

describe("POST /v1/uploads", () => {
  it("answers 201 with the key, presigned URL and expiry from the service", async () => {
    const { app } = await setup();
    const request = { contentType: "image/png", filename: "cat.png", size: 482133 };
    const res = await app.request("/v1/uploads", json(request, bearer("tenantA")));
    expect(res.status).toBe(201);
    const grant = await readJson<{ key: string; uploadUrl: string; expiresAt: string }>(res);
    expect(grant).toEqual({
      key: expect.stringMatching(/^uploads\/tenant_a\/[0-9A-Z]{26}\/cat\.png$/),
      uploadUrl: expect.stringContaining(grant.key.split("/").map(encodeURIComponent).join("/")),
      expiresAt: expect.any(String),
    });
    // The grant is the service's: a 15-minute URL for the declared type and size.
    expect(Date.parse(grant.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it("accepts each supported image, video and audio type", async () => {
    const { app } = await setup();
    for (const contentType of [
      "image/jpeg",
      "image/webp",
      "video/mp4",
      "video/quicktime",
      "video/webm",
      "audio/mpeg",
      "audio/wav",
      "audio/mp4",
      "audio/aac",
    ]) {
      const res = await app.request(
        "/v1/uploads",
        json({ contentType, filename: "f", size: 1 }, bearer("tenantA")),
      );
      expect(res.status, contentType).toBe(201);
    }
  });

  it("lists every problem: unsupported type, path in the name, empty size", async () => {
    const { app } = await setup();
    const res = await app.request(
      "/v1/uploads",
      json({ contentType: "application/pdf", filename: "../etc/passwd", size: 0 }, bearer("tenantA")),
    );
    expect(res.status).toBe(400);
    expect(await problemsOf(res)).toEqual(["contentType", "filename", "size"]);
  });

  it("limits each kind of media to core's size limit", async () => {
    const { app } = await setup();
    const upload = (contentType: string, size: number) =>
      app.request("/v1/uploads", json({ contentType, filename: "f", size }, bearer("tenantA")));
    for (const [contentType, kind] of [
      ["image/png", "image"],
      ["video/mp4", "video"],
      ["audio/mpeg", "audio"],
    ] as const) {
      const limit = MEDIA_LIMIT_BYTES[kind];
      expect((await upload(contentType, limit)).status, contentType).toBe(201);
      const tooBig = await upload(contentType, limit + 1);
      expect(tooBig.status, contentType).toBe(400);
      expect(await readProblems(tooBig)).toEqual([
        { path: "size", message: `${kind} uploads may be at most ${limit} bytes`, location: "body" },
      ]);
    }
  });

  it("reports the size limit together with other problems", async () => {
    const { app } = await setup();
    const res = await app.request(
      "/v1/uploads",
      json(
        { contentType: "image/png", filename: "a/b.png", size: MEDIA_LIMIT_BYTES.image + 1 },
        bearer("tenantA"),
      ),
    );
    expect(await problemsOf(res)).toEqual(["filename", "size"]);
  });

  it("refuses a body that is not an object with 400", async () => {
    const { app } = await setup();
    for (const body of [null, [], "image/png", 42]) {
      const res = await app.request("/v1/uploads", json(body, bearer("tenantA")));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readError(res)).code).toBe("invalid_request");
    }
  });

  it("refuses a fractional size or a control character in the name", async () => {
    const { app } = await setup();
    const res = await app.request(
      "/v1/uploads",
      json({ contentType: "image/png", filename: "a\nb.png", size: 1.5 }, bearer("tenantA")),
    );
    expect(await problemsOf(res)).toEqual(["filename", "size"]);
  });

  it("refuses a field it does not know, naming it", async () => {
    const { app } = await setup();
    const res = await app.request(
      "/v1/uploads",
      json(
        { contentType: "image/png", filename: "cat.png", size: 10, key: "uploads/tenant_b/x.png" },
        bearer("tenantA"),
      ),
    );
    expect(res.status).toBe(400);
    expect(await readProblems(res)).toEqual([
      expect.objectContaining({ path: "key", message: "is not a known field", location: "body" }),
    ]);
  });
});
