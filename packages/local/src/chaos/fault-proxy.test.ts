import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsOperation, FaultProxy, type FaultProxyOptions, NO_FAULTS } from "./fault-proxy";
import { Dice } from "./random";

/** The service behind the proxy: counts what reached it, echoes bodies, streams large answers. */
let service: Server;
let serviceUrl: string;
let received: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  service = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    received.push({ method: req.method ?? "", url: req.url ?? "", body });
    if (req.url === "/large") {
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(4 * 1024 * 1024),
      });
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(64 * 1024, i));
      res.end();
      return;
    }
    res.writeHead(201, { "content-type": "text/plain", "x-echo": "yes" });
    res.end(`echo ${body}`);
  });
  service.listen(0, "127.0.0.1");
  await once(service, "listening");
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

async function withProxy(
  rates: FaultProxyOptions["rates"],
  run: (proxy: FaultProxy) => Promise<void>,
  seed = 1,
) {
  received = [];
  const proxy = new FaultProxy({ name: "test", target: serviceUrl, rates, dice: new Dice(seed) });
  await proxy.start();
  try {
    await run(proxy);
  } finally {
    await proxy.stop();
  }
}

/** One request through the proxy: its status and body, or the network error's text. */
async function send(proxy: FaultProxy, path = "/x", body = "hello"): Promise<string> {
  try {
    const response = await fetch(`${proxy.url}${path}`, { method: "POST", body });
    return `${response.status} ${await response.text()}`;
  } catch (error) {
    return `network error: ${(error as Error).message}`;
  }
}

describe("the fault proxy", () => {
  it("passes requests and answers through untouched when no fault is drawn", async () => {
    await withProxy(NO_FAULTS, async (proxy) => {
      const response = await fetch(`${proxy.url}/a/b?c=1`, { method: "POST", body: "payload" });
      expect(response.status).toBe(201);
      expect(response.headers.get("x-echo")).toBe("yes");
      expect(await response.text()).toBe("echo payload");
      const large = await fetch(`${proxy.url}/large`);
      expect((await large.arrayBuffer()).byteLength).toBe(4 * 1024 * 1024);
      expect(received.map((r) => r.url)).toEqual(["/a/b?c=1", "/large"]);
      expect(proxy.counts).toMatchObject({ requests: 2, faults: { error: 0, reset: 0, lost: 0 } });
    });
  });

  it("answers 500 or 503 itself: the service never sees the request", async () => {
    await withProxy({ ...NO_FAULTS, error: 1 }, async (proxy) => {
      const answers = [await send(proxy), await send(proxy), await send(proxy), await send(proxy)];
      for (const answer of answers)
        expect(answer).toMatch(/^50[03] fault injected by the chaos proxy \(test\)$/);
      expect(received).toEqual([]);
      expect(proxy.counts.faults.error).toBe(4);
      expect(proxy.counts.byOperation).toEqual({ "POST /x": { error: 4 } });
    });
  });

  it("resets the connection before the service sees the request", async () => {
    await withProxy({ ...NO_FAULTS, reset: 1 }, async (proxy) => {
      expect(await send(proxy)).toMatch(/^network error/);
      expect(received).toEqual([]);
    });
  });

  it("loses the answer after the service acted on the request", async () => {
    await withProxy({ ...NO_FAULTS, lost: 1 }, async (proxy) => {
      expect(await send(proxy, "/acted", "order 1")).toMatch(/^network error/);
      expect(received).toEqual([{ method: "POST", url: "/acted", body: "order 1" }]);
      expect(proxy.counts.faults.lost).toBe(1);
    });
  });

  it("draws the same faults for the same seed, rates per request, and none after setRates(NO_FAULTS)", async () => {
    const outcomes = async (seed: number) => {
      const seen: string[] = [];
      await withProxy(
        { error: 0.3, reset: 0.3, lost: 0 },
        async (proxy) => {
          for (let i = 0; i < 40; i++) seen.push((await send(proxy)).replace(/^(50[03]|201).*/, "$1"));
        },
        seed,
      );
      return seen.map((s) => (s.startsWith("50") ? "error" : s.startsWith("201") ? "ok" : "reset"));
    };
    const first = await outcomes(11);
    expect(await outcomes(11)).toEqual(first);
    expect(first).toContain("ok");
    expect(first).toContain("reset");

    await withProxy(
      (request) => (request.url === "/fail" ? { ...NO_FAULTS, error: 1 } : NO_FAULTS),
      async (proxy) => {
        expect(await send(proxy, "/fail")).toMatch(/^50[03]/);
        expect(await send(proxy, "/fine")).toBe("201 echo hello");
        proxy.setRates(NO_FAULTS);
        expect(await send(proxy, "/fail")).toBe("201 echo hello");
      },
    );
  });

  it("names AWS operations by X-Amz-Target, S3 calls by method and kind", () => {
    const request = (url: string, headers: Record<string, string> = {}, method = "PUT") =>
      ({ url, headers, method }) as Parameters<typeof awsOperation>[0];
    expect(awsOperation(request("/", { "x-amz-target": "DynamoDB_20120810.TransactWriteItems" }))).toBe(
      "TransactWriteItems",
    );
    expect(awsOperation(request("/", { "x-amz-target": "AmazonSQS.ReceiveMessage" }))).toBe("ReceiveMessage");
    expect(awsOperation(request("/bucket/videos/a.mp4?partNumber=1&uploadId=x"))).toBe(
      "S3 PUT object multipart",
    );
    expect(awsOperation(request("/bucket", {}, "GET"))).toBe("S3 GET bucket");
  });
});
