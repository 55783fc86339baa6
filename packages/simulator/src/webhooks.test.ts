import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signedWebhookHeaders, signWebhook, webhookSignedQuery } from "./webhooks";

// pixverse-api.md §4b test vectors
const vector = {
  secret: "official-vector-key",
  timestamp: "1800000000",
  nonce: "0123456789abcdef0123456789abcdef",
  rawBody: `{"z":"a b&=+~!*'()","a":true,"none":"null","num":10.5}`,
  sortedQuery: "a=true&none=null&num=10.5&z=a+b%26%3D%2B%7E%21*%27%28%29",
  sortedSignature: "Yk/kgd9aBU9xdWaM97rylL+P4/Dw5iN3T80C0Em1Lo8=",
};

describe("webhook signing", () => {
  it("builds the sorted, URLSearchParams-encoded query of the §4b vector", () => {
    expect(webhookSignedQuery(vector.rawBody)).toBe(vector.sortedQuery);
  });

  it("reproduces the §4b sorted-order signature", () => {
    expect(signWebhook(vector.secret, vector.timestamp, vector.nonce, vector.rawBody)).toBe(
      vector.sortedSignature,
    );
  });

  it("keeps the literal digits of ids above 2^53 in the signed query", () => {
    expect(webhookSignedQuery(`{"status":1,"id":627410861853514292}`)).toBe("id=627410861853514292&status=1");
  });

  it("refuses nested, array and null values", () => {
    expect(() => webhookSignedQuery(`{"a":{"b":1}}`)).toThrow();
    expect(() => webhookSignedQuery(`{"a":[1]}`)).toThrow();
    expect(() => webhookSignedQuery(`{"a":null}`)).toThrow();
  });

  it("issues headers with a seconds timestamp, a 32-hex nonce and a signature over them", () => {
    const body = `{"id":"343252978602905","status":1,"url":"https://x/y.mp4","size":10,"has_audio":false,"credits":45}`;
    const headers = signedWebhookHeaders("s3cret", body, "trace-1", 1_800_000_000_123);
    expect(headers["Webhook-Timestamp"]).toBe("1800000000");
    expect(headers["Webhook-Nonce"]).toMatch(/^[0-9a-f]{32}$/);
    expect(headers["Ai-Trace-Id"]).toBe("trace-1");
    const query =
      "credits=45&has_audio=false&id=343252978602905&size=10&status=1&url=https%3A%2F%2Fx%2Fy.mp4";
    const expected = createHmac("sha256", "s3cret")
      .update(`1800000000\n${headers["Webhook-Nonce"]}\n${query}`)
      .digest("base64");
    expect(headers["Webhook-Signature"]).toBe(expected);
  });

  it("uses a fresh nonce for every delivery", () => {
    const a = signedWebhookHeaders("s", `{"a":1}`, "t");
    const b = signedWebhookHeaders("s", `{"a":1}`, "t");
    expect(a["Webhook-Nonce"]).not.toBe(b["Webhook-Nonce"]);
  });
});
