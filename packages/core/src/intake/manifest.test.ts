import { describe, expect, it } from "vitest";
import { parseManifest } from "./manifest";

const bytes = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
const t2v = {
  prompt: "a lighthouse at dawn",
  model: "v5",
  duration: 5,
  quality: "540p",
  aspect_ratio: "16:9",
};

describe("parseManifest", () => {
  it("reads the body of POST /v1/jobs", () => {
    const parsed = parseManifest(bytes({ type: "text_to_video", input: t2v, metadata: { orderId: "A-1" } }));
    expect(parsed).toEqual({
      ok: true,
      request: { type: "text_to_video", input: t2v, metadata: { orderId: "A-1" } },
    });
  });

  it("reads a job's retry options, and reports bad ones with the rest", () => {
    const parsed = parseManifest(
      bytes({ type: "text_to_video", input: t2v, retry: { generationFailed: 2 } }),
    );
    expect(parsed).toEqual({
      ok: true,
      request: { type: "text_to_video", input: t2v, metadata: {}, retry: { generationFailed: 2 } },
    });
    const bad = parseManifest(
      bytes({
        type: "text_to_video",
        input: { ...t2v, quality: "4k" },
        retry: { generationFailed: 9, x: 1 },
      }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((issue) => issue.path).sort()).toEqual(
      ["input.quality", "retry.generationFailed", "retry.x"].sort(),
    );
  });

  it("ignores a UTF-8 byte order mark (Windows editors write one)", () => {
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      bytes({ type: "text_to_video", input: t2v }),
    ]);
    expect(parseManifest(withBom).ok).toBe(true);
  });

  it("reports text that is not JSON, not UTF-8 or not an object", () => {
    const notJson = parseManifest(bytes('{ "type": "text_to_video", '));
    expect(notJson).toMatchObject({
      ok: false,
      issues: [{ path: "manifest", message: expect.stringMatching(/^is not valid JSON/) }],
    });
    expect(parseManifest(Buffer.from([0xff, 0xfe, 0x00])).ok).toBe(false);
    expect(parseManifest(bytes("[1, 2]"))).toMatchObject({ ok: false, issues: [{ path: "manifest" }] });
  });

  it("lists every problem at once: unknown fields, metadata and the input rules of the type", () => {
    const parsed = parseManifest(
      bytes({
        type: "text_to_video",
        input: { ...t2v, duration: 7, quality: "4k" },
        metadata: { n: 1 },
        priority: "high",
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path).sort()).toEqual(
      ["input.duration", "input.quality", "metadata.n", "priority"].sort(),
    );
    // The failed job keeps what was readable.
    expect(parsed.request).toEqual({
      type: "text_to_video",
      input: { ...t2v, duration: 7, quality: "4k" },
      metadata: {},
    });
  });

  it("reports an unknown type and keeps no type for the failed job", () => {
    const parsed = parseManifest(bytes({ type: "text_to_movie", input: t2v }));
    expect(parsed).toMatchObject({
      ok: false,
      issues: [{ path: "type", message: expect.stringContaining("text_to_video") }],
    });
    if (!parsed.ok) expect(parsed.request.type).toBeUndefined();
  });
});
