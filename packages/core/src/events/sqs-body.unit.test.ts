import { describe, expect, it } from "vitest";
import { sqsSafeJson } from "./sqs-body";

/** Every character SQS accepts in a message body. */
const SQS_ALLOWED = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]*$/;

describe("sqsSafeJson", () => {
  const texts = {
    noncharacters: "a\uFFFEb\uFFFFc",
    controls: "nul\u0000 esc\u001B bell\u0007",
    "lone surrogates": "x\uD800y\uDFFFz",
    emoji: "fox 🦊 in the snow ❄️ 👩🏽‍🚀",
    "right to left": "שלום עולם مرحبا",
    "64 KiB": "p".repeat(64 * 1024),
  };

  it.each(Object.entries(texts))(
    "writes %s as escapes SQS accepts, decoding to the same text",
    (_name, text) => {
      const body = sqsSafeJson({ data: { input: { prompt: text } } });
      expect(body).toMatch(SQS_ALLOWED);
      expect(JSON.parse(body)).toEqual({ data: { input: { prompt: text } } });
    },
  );

  it("leaves ordinary text as it is", () => {
    expect(sqsSafeJson({ a: "plain é ü ß" })).toBe('{"a":"plain é ü ß"}');
  });
});
