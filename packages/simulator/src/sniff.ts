/** Recognises uploaded files by their bytes, the way PixVerse checks format, size and dimensions. */

export interface ImageInfo {
  format: "png" | "jpeg" | "webp";
  /** undefined when the header could not be read */
  width?: number;
  height?: number;
}

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Buffer, offset: number, length: number) =>
  bytes.subarray(offset, offset + length).toString("latin1");

export function sniffImage(bytes: Buffer): ImageInfo | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (bytes.length < 24 || ascii(bytes, 12, 4) !== "IHDR") return { format: "png" };
    return { format: "png", width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: "jpeg", ...jpegSize(bytes) };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP")
    return { format: "webp", ...webpSize(bytes) };
  return null;
}

function jpegSize(bytes: Buffer): { width?: number; height?: number } {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return {};
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isStartOfFrame)
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  return {};
}

function webpSize(bytes: Buffer): { width?: number; height?: number } {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8X" && bytes.length >= 30) {
    return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
  }
  if (chunk === "VP8 " && bytes.length >= 30) {
    return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === "VP8L" && bytes.length >= 25) {
    const bits = bytes.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return {};
}

export interface MediaInfo {
  type: "video" | "audio";
  extension: string;
  contentType: string;
  /** seconds, when the container says */
  durationSeconds?: number;
}

export function sniffMedia(bytes: Buffer): MediaInfo | null {
  if (ascii(bytes, 4, 4) === "ftyp") {
    const brand = ascii(bytes, 8, 4);
    const durationSeconds = mp4Duration(bytes);
    if (brand.startsWith("M4A"))
      return { type: "audio", extension: "m4a", contentType: "audio/mp4", durationSeconds };
    if (brand === "qt  ")
      return { type: "video", extension: "mov", contentType: "video/quicktime", durationSeconds };
    return { type: "video", extension: "mp4", contentType: "video/mp4", durationSeconds };
  }
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]))
    return { type: "video", extension: "webm", contentType: "video/webm" };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE") {
    return { type: "audio", extension: "wav", contentType: "audio/wav", durationSeconds: wavDuration(bytes) };
  }
  if (ascii(bytes, 0, 3) === "ID3" || startsWith(bytes, [0xff, 0xfb]) || startsWith(bytes, [0xff, 0xf3])) {
    return { type: "audio", extension: "mp3", contentType: "audio/mpeg" };
  }
  if (startsWith(bytes, [0xff, 0xf1]) || startsWith(bytes, [0xff, 0xf9])) {
    return { type: "audio", extension: "aac", contentType: "audio/aac" };
  }
  return null;
}

/** Duration from moov/mvhd, walking top-level boxes. */
function mp4Duration(bytes: Buffer): number | undefined {
  const find = (type: string, from: number, to: number): [number, number] | undefined => {
    let offset = from;
    while (offset + 8 <= to) {
      let size = bytes.readUInt32BE(offset);
      if (size === 1 && offset + 16 <= to) size = Number(bytes.readBigUInt64BE(offset + 8));
      if (size === 0) size = to - offset;
      if (size < 8) return undefined;
      if (ascii(bytes, offset + 4, 4) === type) return [offset + 8, Math.min(to, offset + size)];
      offset += size;
    }
    return undefined;
  };
  const moov = find("moov", 0, bytes.length);
  const mvhd = moov && find("mvhd", moov[0], moov[1]);
  if (!mvhd || mvhd[1] - mvhd[0] < 20) return undefined;
  const version = bytes[mvhd[0]];
  if (version === 1) {
    if (mvhd[1] - mvhd[0] < 32) return undefined;
    const timescale = bytes.readUInt32BE(mvhd[0] + 20);
    return timescale ? Number(bytes.readBigUInt64BE(mvhd[0] + 24)) / timescale : undefined;
  }
  const timescale = bytes.readUInt32BE(mvhd[0] + 12);
  return timescale ? bytes.readUInt32BE(mvhd[0] + 16) / timescale : undefined;
}

function wavDuration(bytes: Buffer): number | undefined {
  if (bytes.length < 44 || ascii(bytes, 12, 4) !== "fmt ") return undefined;
  const byteRate = bytes.readUInt32LE(28);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const size = bytes.readUInt32LE(offset + 4);
    if (ascii(bytes, offset, 4) === "data") return byteRate ? size / byteRate : undefined;
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
