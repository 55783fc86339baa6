import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONSE_EXCERPT_BYTES } from "./delivery";
import { HttpWebhookSender } from "./sender";
import { WebhookUrlGuard } from "./url-guard";

let server: Server;
let origin: string;
let bodyBytesSent = 0;
const received: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === "/ok") res.writeHead(204).end();
      else if (req.url === "/moved") res.writeHead(308, { location: "/ok" }).end();
      else if (req.url === "/busy") res.writeHead(429, { "retry-after": "42" }).end("slow down");
      else if (req.url === "/silent")
        return; // never answers
      else if (req.url === "/huge") {
        res.writeHead(500, { "content-type": "text/plain" });
        // Far more than an excerpt: the sender must stop reading (and the socket close) early.
        const chunk = "x".repeat(64 * 1024);
        const write = () => {
          while (bodyBytesSent < 64 * 1024 * 1024) {
            bodyBytesSent += chunk.length;
            if (!res.write(chunk)) return res.once("drain", write);
          }
          res.end();
        };
        res.on("close", () => undefined);
        write();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const local = new HttpWebhookSender(new WebhookUrlGuard({ allowLoopback: true }), { timeoutMs: 1_000 });
const delivery = (path: string) => ({
  url: `${origin}${path}`,
  webhookId: "job_1:succeeded",
  body: '{"id":"job_1:succeeded"}',
  secrets: [secret],
});

describe("HttpWebhookSender", () => {
  it("POSTs the body with Standard Webhooks headers the standardwebhooks package verifies", async () => {
    const now = new Date();
    const outcome = await local.send(delivery("/ok"), now);
    expect(outcome).toMatchObject({ statusCode: 204, at: now });
    const request = received.find((r) => r.url === "/ok")!;
    expect(request.headers["content-type"]).toBe("application/json");
    const headers = {
      "webhook-id": String(request.headers["webhook-id"]),
      "webhook-timestamp": String(request.headers["webhook-timestamp"]),
      "webhook-signature": String(request.headers["webhook-signature"]),
    };
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(new Webhook(secret).verify(request.body, headers)).toEqual({ id: "job_1:succeeded" });
  });

  it("does not follow a redirect", async () => {
    const before = received.filter((r) => r.url === "/ok").length;
    const outcome = await local.send(delivery("/moved"), new Date());
    expect(outcome).toMatchObject({
      statusCode: 308,
      error: "redirect to /ok not followed (HTTP 308); give the final URL",
    });
    expect(received.filter((r) => r.url === "/ok")).toHaveLength(before);
  });

  it("reads Retry-After and an excerpt of the answer", async () => {
    expect(await local.send(delivery("/busy"), new Date())).toMatchObject({
      statusCode: 429,
      retryAfterMs: 42_000,
      response: "slow down",
    });
  });

  it("reads no more of a large answer than the excerpt", async () => {
    const outcome = await local.send(delivery("/huge"), new Date());
    expect(outcome.statusCode).toBe(500);
    expect(outcome.response).toHaveLength(RESPONSE_EXCERPT_BYTES);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bodyBytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it("gives up on a receiver that does not answer within the deadline", async () => {
    const outcome = await local.send(delivery("/silent"), new Date());
    expect(outcome).toMatchObject({ error: "no response within 1 s" });
    expect(outcome.statusCode).toBeUndefined();
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(900);
  });

  it("refuses a loopback address under the strict policy: as a literal before connecting, by name when resolved", async () => {
    const strict = new HttpWebhookSender(new WebhookUrlGuard({ allowLoopback: false }), { timeoutMs: 1_000 });
    const port = new URL(origin).port;
    const literal = await strict.send(
      { ...delivery("/ok"), url: `https://127.0.0.1:${port}/ok` },
      new Date(),
    );
    expect(literal.error).toMatch(
      /127\.0\.0\.1 \(loopback\); pixpipe sends webhooks only to public addresses/,
    );
    expect(literal.permanent).toBe(true);
    const named = await strict.send({ ...delivery("/ok"), url: `https://localhost:${port}/ok` }, new Date());
    expect(named.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/);
    expect(named.permanent).toBeUndefined();
    const http = await strict.send(delivery("/ok"), new Date());
    expect(http).toMatchObject({ permanent: true, error: expect.stringContaining("must use https") });
  });
});
