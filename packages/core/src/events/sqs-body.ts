/**
 * SQS message bodies may hold only #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
 * JSON text that holds anything else (U+FFFE, U+FFFF, lone surrogates) is refused, and emulators
 * (fauxqs) refuse surrogate pairs too. So the body is written with every character above U+FFFD (the
 * astral planes included) and every lone surrogate as a JSON \u escape: the same JSON value, which any
 * JSON parser decodes to the same data, that every SQS implementation accepts.
 */
export function sqsSafeJson(value: unknown): string {
  // JSON.stringify already escapes control characters and lone surrogates (ES2019 well-formed stringify).
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("the event is not JSON-serialisable");
  return json.replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]/g, (char) =>
    [...char].length === 1 && char.length === 2
      ? `${escape16(char.charCodeAt(0))}${escape16(char.charCodeAt(1))}`
      : escape16(char.charCodeAt(0)),
  );
}

const escape16 = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

/** SQS's largest message body (256 KiB), attributes included in the same budget. */
export const SQS_MAX_MESSAGE_BYTES = 256 * 1024;
