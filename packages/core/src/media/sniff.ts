import type { MediaKind } from "../job/input";

/** What a file's first bytes say it is: its kind and its content type. */
export interface SniffedMedia {
  kind: MediaKind;
  contentType: string;
}

/** Bytes read to sniff a file: enough for every signature below. */
export const SNIFF_BYTES = 32;

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...bytes.subarray(offset, offset + length));

const starts = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, i) => bytes[offset + i] === byte);

/** ISO base media (MP4, MOV, M4A): an `ftyp` box whose major brand says which. */
function isoMedia(bytes: Uint8Array): SniffedMedia | undefined {
  if (ascii(bytes, 4, 4) !== "ftyp") return undefined;
  const brand = ascii(bytes, 8, 4);
  if (brand === "M4A " || brand === "M4B ") return { kind: "audio", contentType: "audio/mp4" };
  if (brand === "qt  ") return { kind: "video", contentType: "video/quicktime" };
  return { kind: "video", contentType: "video/mp4" };
}

/**
 * The media kinds PixVerse takes, told by their magic numbers (not by a name or a declared type): PNG,
 * JPEG and WebP images; MP4, MOV and WebM videos; MP3, WAV, M4A and AAC audio. Undefined for anything
 * else, empty files included.
 */
export function sniffMedia(bytes: Uint8Array): SniffedMedia | undefined {
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "image", contentType: "image/png" };
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { kind: "image", contentType: "image/jpeg" };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP")
    return { kind: "image", contentType: "image/webp" };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE")
    return { kind: "audio", contentType: "audio/wav" };
  if (starts(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: "video", contentType: "video/webm" };
  if (ascii(bytes, 0, 3) === "ID3") return { kind: "audio", contentType: "audio/mpeg" };
  // MPEG audio frame sync (MP3), or ADTS (AAC): 11 or 12 set bits.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0)
    return { kind: "audio", contentType: "audio/aac" };
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)
    return { kind: "audio", contentType: "audio/mpeg" };
  return isoMedia(bytes);
}

/** Why bytes cannot stand for `kind`, in words; undefined when they can. */
export function mediaMismatch(bytes: Uint8Array, kind: MediaKind): string | undefined {
  if (bytes.length === 0) return "the file is empty";
  const sniffed = sniffMedia(bytes);
  if (!sniffed)
    return `the file is not ${article(kind)} ${kind} PixVerse takes (its bytes match no ${kind} format)`;
  if (sniffed.kind !== kind)
    return `the file is ${article(sniffed.kind)} ${sniffed.kind} (${sniffed.contentType}), but ${article(kind)} ${kind} is needed here`;
  return undefined;
}

const article = (kind: MediaKind) => (kind === "image" || kind === "audio" ? "an" : "a");
