import { isInteger, isSafeNumber, parse, stringify } from "lossless-json";

/** A JSON value as the simulator reads it: integers beyond 2^53 arrive as bigint so ids keep every digit. */
export type WireValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | WireValue[]
  | { [key: string]: WireValue };

function parseNumber(text: string): number | bigint {
  if (!isSafeNumber(text) && isInteger(text)) return BigInt(text);
  return Number.parseFloat(text);
}

/** Parses a PixVerse wire body; throws SyntaxError on malformed JSON. */
export function parseWire(text: string): WireValue {
  return parse(text, null, parseNumber) as WireValue;
}

/** Serialises a response; PixVerse ids are passed in as bigint so they go out as bare JSON integers. */
export function stringifyWire(value: unknown): string {
  return stringify(value) ?? "null";
}

/** A PixVerse id (digit string) as a value that serialises to a bare JSON integer. */
export function wireId(id: string): bigint {
  return BigInt(id);
}
