import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { inMemoryDeps, readError } from "../test-support/in-memory-deps";

// Key order, spacing and a 64-bit id exactly as PixVerse might send them: the verifier needs these bytes.
const rawBody =
  '{"status":1, "id":627410861853514292,"url":"https://media.pixverse.test/v.mp4","size":10.50,"has_audio":true}';

function deliver(body: string, signature: string) {
  const { deps, webhooks } = inMemoryDeps();
  const request = createApp(deps).request("/webhooks/pixverse", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Webhook-Timestamp": "1800000000",
      "Webhook-Nonce": "0123456789abcdef0123456789abcdef",
      "Webhook-Signature": signature,
      "Ai-Trace-Id": "trace-1",
    },
    body,
  });
  return { request, webhooks };
}

describe("POST /webhooks/pixverse", () => {
  it("answers exactly `ok` as text/plain when the receiver accepts", async () => {
    const { request } = deliver(rawBody, "valid");
    const res = await request;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("ok");
  });

  it("passes the raw body, unparsed and byte for byte, and the headers to the receiver", async () => {
    const { request, webhooks } = deliver(rawBody, "valid");
    await request;
    expect(webhooks.deliveries).toHaveLength(1);
    const [delivery] = webhooks.deliveries;
    expect(delivery?.rawBody).toBe(rawBody);
    expect(delivery?.headers.get("webhook-timestamp")).toBe("1800000000");
    expect(delivery?.headers.get("webhook-nonce")).toBe("0123456789abcdef0123456789abcdef");
    expect(delivery?.headers.get("ai-trace-id")).toBe("trace-1");
  });

  it("needs no API key and answers the receiver's 401 in the error shape", async () => {
    const { request } = deliver(rawBody, "forged");
    const res = await request;
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "invalid_signature", message: "Signature mismatch." },
    });
  });

  it("leaves a body that is not JSON to the receiver (400)", async () => {
    const { request, webhooks } = deliver("id=1&status=1", "valid");
    const res = await request;
    expect(res.status).toBe(400);
    expect((await readError(res)).code).toBe("invalid_webhook");
    expect(webhooks.deliveries[0]?.rawBody).toBe("id=1&status=1");
  });

  it("answers 500 without the receiver's words when it could not record the delivery, so PixVerse retries", async () => {
    const { deps } = inMemoryDeps();
    deps.webhooks.receive = async () => ({ status: 500, body: "DynamoDB timeout on table pixpipe-prod" });
    const res = await createApp(deps).request("/webhooks/pixverse", { method: "POST", body: rawBody });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: {
        code: "internal_error",
        message: "The webhook could not be recorded; PixVerse will retry it.",
      },
    });
  });

  it("answers 500 internal_error and logs it when the receiver throws", async () => {
    const { deps, logger } = inMemoryDeps();
    deps.webhooks.receive = async () => {
      throw new Error("nonce store unavailable");
    };
    const res = await createApp(deps).request("/webhooks/pixverse", { method: "POST", body: rawBody });
    expect(res.status).toBe(500);
    expect((await readError(res)).code).toBe("internal_error");
    expect(logger.errors).toHaveLength(1);
  });
});
