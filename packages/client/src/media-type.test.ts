import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { solidPng, tinyMp4, wav } from "@pixpipe/simulator";
import { describe, expect, it } from "vitest";
import { UnsupportedMediaTypeError } from "./errors";
import { sniffContentType } from "./media-type";
import { detectContentType } from "./node";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))),
  );

describe("sniffContentType", () => {
  it.each([
    ["image/png", solidPng(2, 2, [255, 0, 0])],
    ["image/jpeg", bytes([0xff, 0xd8, 0xff, 0xe0], "\0\x10JFIF")],
    ["image/webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ")],
    ["audio/wav", wav(0.1)],
    ["video/mp4", tinyMp4("sniff")],
    ["video/quicktime", bytes([0, 0, 0, 0x14], "ftypqt  ")],
    ["audio/mp4", bytes([0, 0, 0, 0x20], "ftypM4A ")],
    ["video/webm", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm")],
    ["audio/mpeg", bytes("ID3", [4, 0, 0])],
    ["audio/mpeg", bytes([0xff, 0xfb, 0x90, 0x64])],
    ["audio/aac", bytes([0xff, 0xf1, 0x50, 0x80])],
  ])("reads %s from its first bytes", (type, head) => {
    expect(sniffContentType(head)).toBe(type);
  });

  it.each([
    ["Matroska (not WebM)", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska")],
    ["AVI", bytes("RIFF", [0, 0, 0, 0], "AVI LIST")],
    ["GIF", bytes("GIF89a")],
    ["text", bytes("hello world")],
    ["nothing", bytes()],
  ])("finds no type in %s", (_name, head) => {
    expect(sniffContentType(head)).toBeUndefined();
  });
});

describe("detectContentType", () => {
  const dir = mkdtemp(path.join(tmpdir(), "pixpipe-media-type-"));
  const file = async (name: string, content: Uint8Array) => {
    const filePath = path.join(await dir, name);
    await writeFile(filePath, content);
    return filePath;
  };

  it("trusts the bytes over the extension", async () => {
    expect(await detectContentType(await file("really-a-png.jpg", solidPng(1, 1, [0, 0, 0])))).toBe(
      "image/png",
    );
  });

  it("falls back to the extension when the bytes tell nothing", async () => {
    expect(await detectContentType(await file("voice.M4A", bytes("no magic here")))).toBe("audio/mp4");
  });

  it("refuses a file whose type it cannot tell, naming the file and the types it reads", async () => {
    const gif = await file("anim.gif", bytes("GIF89a"));
    const refusal = detectContentType(gif);
    await expect(refusal).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    await expect(refusal).rejects.toThrow(/anim\.gif.*image\/png/);
  });
});
