import { isInteger, isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";

/**
 * Wire fields whose values are PixVerse ids (JSON integers that may exceed 2^53), by PixVerse's own field names.
 * In TypeScript they are digit strings; on the way out they become bare JSON numbers again. mask_id and the TTS
 * speaker ids are strings on the wire, so they are deliberately absent.
 */
export const ID_FIELDS: ReadonlySet<string> = new Set([
  "img_id",
  "img_ids",
  "first_frame_img",
  "last_frame_img",
  "source_video_id",
  "video_media_id",
  "audio_media_id",
  "template_id",
  "restyle_id",
]);

/** Integers beyond Number.MAX_SAFE_INTEGER keep every digit as a string; every other number is a number. */
function parseWireNumber(text: string): number | string {
  return isInteger(text) && !isSafeNumber(text) ? text : Number(text);
}

/** Parses a PixVerse response body. Throws SyntaxError on malformed JSON. */
export function parsePixverseJson(text: string): unknown {
  return parse(text, null, parseWireNumber);
}

const asWireNumber = (id: unknown): unknown =>
  typeof id === "string" && /^\d+$/.test(id) ? new LosslessNumber(id) : id;

/** Serialises a request body; id fields (digit strings) are written as bare JSON integers, as PixVerse requires. */
export function stringifyPixverseJson(body: unknown): string {
  const text = stringify(body, (key, value) => {
    if (!ID_FIELDS.has(key)) return value;
    return Array.isArray(value) ? value.map(asWireNumber) : asWireNumber(value);
  });
  if (text === undefined) throw new TypeError("request body is not JSON-serialisable");
  return text;
}
