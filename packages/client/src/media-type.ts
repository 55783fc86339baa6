import type { UploadContentType } from "./types";

const BY_EXTENSION: Record<string, UploadContentType> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".mp4": "video/mp4",
  ".m4v": "video/mp4",
  ".mov": "video/quicktime",
  ".webm": "video/webm",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".m4a": "audio/mp4",
  ".aac": "audio/aac",
};

export const UPLOAD_CONTENT_TYPES: readonly UploadContentType[] = [...new Set(Object.values(BY_EXTENSION))];

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

/** The type the first bytes of a file show, for the types the API accepts; undefined when none matches. */
export function sniffContentType(head: Uint8Array): UploadContentType | undefined {
  const [b0, b1, b2] = head;
  if (b0 === 0x89 && ascii(head, 1, 4) === "PNG") return "image/png";
  if (b0 === 0xff && b1 === 0xd8 && b2 === 0xff) return "image/jpeg";
  if (ascii(head, 0, 4) === "RIFF") {
    const form = ascii(head, 8, 12);
    if (form === "WEBP") return "image/webp";
    if (form === "WAVE") return "audio/wav";
    return undefined;
  }
  if (ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (brand === "qt  ") return "video/quicktime";
    if (brand === "M4A " || brand === "M4B ") return "audio/mp4";
    return "video/mp4";
  }
  // EBML: WebM and Matroska share it; only the DocType tells them apart.
  if (b0 === 0x1a && b1 === 0x45 && b2 === 0xdf && head[3] === 0xa3) {
    return ascii(head, 0, head.length).includes("webm") ? "video/webm" : undefined;
  }
  if (ascii(head, 0, 3) === "ID3") return "audio/mpeg";
  // MPEG audio frame sync (11 bits set); the layer bits tell MP3 (layer III) from AAC's ADTS (layer 0).
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0) {
    const layer = (b1 >> 1) & 0b11;
    if (layer === 0b01) return "audio/mpeg";
    if (layer === 0b00 && (b1 & 0xf0) === 0xf0) return "audio/aac";
  }
  return undefined;
}

/** The upload type a file name's extension suggests, for the types the API accepts. */
export function contentTypeFromName(name: string): UploadContentType | undefined {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? undefined : BY_EXTENSION[name.slice(dot).toLowerCase()];
}

/** How many leading bytes sniffContentType reads. */
export const SNIFF_BYTES = 64;
