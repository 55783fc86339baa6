import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  InMemoryNonceStore,
  signPixverseWebhook,
  verifyPixverseWebhook,
  webhookSignedQuery,
} from "./webhook";

// pixverse-api.md §4b test vectors
const vector = {
  secret: "official-vector-key",
  timestamp: "1800000000",
  nonce: "0123456789abcdef0123456789abcdef",
  body: `{"z":"a b&=+~!*'()","a":true,"none":"null","num":10.5}`,
  bodyOrderQuery: "z=a+b%26%3D%2B%7E%21*%27%28%29&a=true&none=null&num=10.5",
  sortedQuery: "a=true&none=null&num=10.5&z=a+b%26%3D%2B%7E%21*%27%28%29",
  bodyOrderSignature: "Z7ncfqZaszY/Y6k5NKWvSmdu333nClL51kgYgYFrhoQ=",
  sortedSignature: "Yk/kgd9aBU9xdWaM97rylL+P4/Dw5iN3T80C0Em1Lo8=",
};
const vectorTime = new Date(1_800_000_000_000);

class RecordingNonceStore extends InMemoryNonceStore {
  readonly reserved: [string, number][] = [];
  override reserve(nonce: string, expiresAt: number) {
    this.reserved.push([nonce, expiresAt]);
    return super.reserve(nonce, expiresAt);
  }
}

const SECRET = "test-secret";
const BODY = `{"id":627410861853514292,"status":1,"url":"https://media.pixverse.ai/v.mp4","size":10.5,"has_audio":true,"credits":100}`;
/** BODY as the verifier hands it over. */
const EVENT = {
  videoId: "627410861853514292",
  status: 1,
  url: "https://media.pixverse.ai/v.mp4",
  size: 10.5,
  hasAudio: true,
  credits: 100,
};

function delivery(overrides: { body?: string; timestamp?: string; nonce?: string; signature?: string } = {}) {
  const body = overrides.body ?? BODY;
  const timestamp = overrides.timestamp ?? "1800000000";
  const nonce = overrides.nonce ?? "abcdefabcdefabcdefabcdefabcdef01";
  const signature = overrides.signature ?? signPixverseWebhook({ secret: SECRET, timestamp, nonce, body });
  return {
    rawBody: body,
    headers: new Headers({
      "Webhook-Timestamp": timestamp,
      "Webhook-Nonce": nonce,
      "Webhook-Signature": signature,
      "Ai-Trace-Id": "trace-1",
    }),
    secret: SECRET,
    now: vectorTime,
  };
}

describe("PixVerse webhook signing (§4b vectors)", () => {
  it("builds the body-order and sorted queries with URLSearchParams encoding", () => {
    expect(webhookSignedQuery(vector.body, "body")).toBe(vector.bodyOrderQuery);
    expect(webhookSignedQuery(vector.body, "sorted")).toBe(vector.sortedQuery);
  });

  it("reproduces both published signatures", () => {
    const sign = (order: "body" | "sorted") => signPixverseWebhook({ ...vector, order });
    expect(sign("body")).toBe(vector.bodyOrderSignature);
    expect(sign("sorted")).toBe(vector.sortedSignature);
  });

  it.each([
    ["body order", vector.bodyOrderSignature],
    ["sorted", vector.sortedSignature],
  ])("accepts the %s signature", async (_, signature) => {
    const result = await verifyPixverseWebhook({
      rawBody: vector.body,
      headers: {
        "webhook-timestamp": vector.timestamp,
        "webhook-nonce": vector.nonce,
        "webhook-signature": signature,
      },
      secret: vector.secret,
      nonceStore: new InMemoryNonceStore(),
      now: vectorTime,
    });
    // the vector body is no video event, so verification gets past the signature and stops at the event schema
    expect(result).toMatchObject({ ok: false, code: "malformed" });
    expect(result.ok === false && result.reason).toMatch(/^not a PixVerse video event/);
  });
});

describe("verifyPixverseWebhook", () => {
  it("returns the event with the video id intact and reserves the nonce until timestamp + 300 s", async () => {
    const store = new RecordingNonceStore(() => 1_800_000_000);
    const result = await verifyPixverseWebhook({ ...delivery(), nonceStore: store });
    expect(result).toEqual({
      ok: true,
      nonce: "abcdefabcdefabcdefabcdefabcdef01",
      traceId: "trace-1",
      secretIndex: 0,
      event: EVENT,
    });
    expect(store.reserved).toEqual([["abcdefabcdefabcdefabcdefabcdef01", 1_800_000_300]]);
  });

  it("accepts the encodeURIComponent flavour and the string id of the docs' example", async () => {
    const body = `{"id":"123456789","status":7,"url":"https://x.test/a b"}`;
    const timestamp = "1800000000";
    const nonce = "n1";
    const q = "id=123456789&status=7&url=https%3A%2F%2Fx.test%2Fa%20b";
    const signature = createHmac("sha256", SECRET).update(`${timestamp}\n${nonce}\n${q}`).digest("base64");
    const result = await verifyPixverseWebhook({
      ...delivery({ body, nonce, signature }),
      nonceStore: new InMemoryNonceStore(),
    });
    expect(result).toMatchObject({ ok: true, event: { videoId: "123456789", status: 7 } });
  });

  it("refuses a tampered body, a wrong secret and missing headers", async () => {
    const store = new InMemoryNonceStore();
    const good = delivery();
    const tampered = await verifyPixverseWebhook({
      ...good,
      rawBody: BODY.replace('"status":1', '"status":8'),
      nonceStore: store,
    });
    expect(tampered).toEqual({ ok: false, code: "bad_signature", reason: "signature does not match" });
    const wrongSecret = await verifyPixverseWebhook({ ...good, secret: "other", nonceStore: store });
    expect(wrongSecret).toMatchObject({ ok: false, code: "bad_signature" });
    const unsigned = await verifyPixverseWebhook({ ...good, headers: new Headers(), nonceStore: store });
    expect(unsigned).toMatchObject({
      ok: false,
      code: "bad_signature",
      reason: "missing or malformed Webhook-Timestamp",
    });
    const shortened = await verifyPixverseWebhook({ ...delivery({ signature: "abc" }), nonceStore: store });
    expect(shortened).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("tells a late delivery (signed, outside ±300 s, in seconds or milliseconds) from a forged one", async () => {
    const store = new InMemoryNonceStore();
    const at = (timestamp: string) =>
      verifyPixverseWebhook({ ...delivery({ timestamp }), nonceStore: store });
    expect(await at("1799999699")).toMatchObject({ ok: false, code: "late" });
    expect(await at("1800000301")).toMatchObject({ ok: false, code: "late" });
    expect(await at("1799999700")).toMatchObject({ ok: true });
    expect(await at("1800000000000")).toMatchObject({ ok: false, code: "replayed" }); // same nonce, ms timestamp
    expect(await at("1799999000000")).toMatchObject({ ok: false, code: "late" });
    expect(await at("18000000000000")).toMatchObject({ ok: false, code: "bad_signature" }); // 14 digits
  });

  it("hands over a late delivery's event without spending its nonce, for a poll to confirm", async () => {
    const store = new InMemoryNonceStore(() => 1_800_000_000);
    // PixVerse's 5-minute retry of a delivery that kept its first timestamp
    const retry = delivery({ timestamp: "1799999640" });
    const late = await verifyPixverseWebhook({ ...retry, nonceStore: store });
    expect(late).toEqual({
      ok: false,
      code: "late",
      reason: "timestamp is 360 s away from now; at most 300 s",
      traceId: "trace-1",
      secretIndex: 0,
      event: EVENT,
    });
    expect(await verifyPixverseWebhook({ ...retry, nonceStore: store })).toMatchObject({ code: "late" });
    expect(await store.reserve("abcdefabcdefabcdefabcdefabcdef01", 1_800_000_300)).toBe(true);
    // a late copy with a tampered body is still forged, not late
    const tampered = { ...retry, rawBody: BODY.replace('"status":1', '"status":8') };
    expect(await verifyPixverseWebhook({ ...tampered, nonceStore: store })).toMatchObject({
      code: "bad_signature",
    });
  });

  it("accepts the previous secret during a rotation, and refuses it when only the current one is set", async () => {
    const signedWithPrevious = delivery({
      signature: signPixverseWebhook({
        secret: "previous-secret",
        timestamp: "1800000000",
        nonce: "abcdefabcdefabcdefabcdefabcdef01",
        body: BODY,
      }),
    });
    const rotating = await verifyPixverseWebhook({
      ...signedWithPrevious,
      secret: [SECRET, "previous-secret"],
      nonceStore: new InMemoryNonceStore(),
    });
    expect(rotating).toMatchObject({ ok: true, secretIndex: 1 });
    const rotated = await verifyPixverseWebhook({
      ...signedWithPrevious,
      nonceStore: new InMemoryNonceStore(),
    });
    expect(rotated).toEqual({ ok: false, code: "bad_signature", reason: "signature does not match" });
    const current = await verifyPixverseWebhook({
      ...delivery(),
      secret: [SECRET, "previous-secret"],
      nonceStore: new InMemoryNonceStore(),
    });
    expect(current).toMatchObject({ ok: true, secretIndex: 0 });
    // an unset previous secret (empty string) matches nothing
    const unset = await verifyPixverseWebhook({
      ...delivery({
        nonce: "n",
        signature: signPixverseWebhook({ secret: "", timestamp: "1800000000", nonce: "n", body: BODY }),
      }),
      secret: [SECRET, ""],
      nonceStore: new InMemoryNonceStore(),
    });
    expect(unset).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses a replayed nonce until it is released, and again after commit", async () => {
    const store = new InMemoryNonceStore(() => 1_800_000_000);
    const first = await verifyPixverseWebhook({ ...delivery(), nonceStore: store });
    expect(first.ok).toBe(true);
    expect(await verifyPixverseWebhook({ ...delivery(), nonceStore: store })).toEqual({
      ok: false,
      code: "replayed",
      reason: "nonce already used",
    });
    await store.release("abcdefabcdefabcdefabcdefabcdef01");
    expect((await verifyPixverseWebhook({ ...delivery(), nonceStore: store })).ok).toBe(true);
    await store.commit("abcdefabcdefabcdefabcdefabcdef01");
    expect((await verifyPixverseWebhook({ ...delivery(), nonceStore: store })).ok).toBe(false);
  });

  it("forgets nonces once they expire", async () => {
    let now = 1_800_000_000;
    const store = new InMemoryNonceStore(() => now);
    expect(await store.reserve("n", now + 300)).toBe(true);
    expect(await store.reserve("n", now + 300)).toBe(false);
    now += 301;
    expect(await store.reserve("n", now + 300)).toBe(true);
  });

  it.each([
    ['{"id":1,"status":1,"url":null}', 'field "url" is null; only flat scalar fields can be signed'],
    ['{"id":1,"status":1,"extra":{"a":1}}', 'field "extra" is nested; only flat scalar fields can be signed'],
    ['{"id":1,"status":1,"list":[1]}', 'field "list" is nested; only flat scalar fields can be signed'],
    ["[1,2]", "body is not a JSON object"],
  ])("refuses a body that cannot be signed: %s", async (body, reason) => {
    const headers = { "webhook-timestamp": "1800000000", "webhook-nonce": "n", "webhook-signature": "x" };
    const result = await verifyPixverseWebhook({
      rawBody: body,
      headers,
      secret: SECRET,
      nonceStore: new InMemoryNonceStore(),
      now: vectorTime,
    });
    expect(result).toEqual({ ok: false, code: "malformed", reason });
  });

  it("refuses a signed body that is not a video event without spending its nonce", async () => {
    const store = new InMemoryNonceStore();
    const body = '{"status":"done"}';
    const result = await verifyPixverseWebhook({ ...delivery({ body }), nonceStore: store });
    expect(result).toMatchObject({ ok: false, code: "malformed" });
    expect(await store.reserve("abcdefabcdefabcdefabcdefabcdef01", 1_900_000_000)).toBe(true);
  });
});
