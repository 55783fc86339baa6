import { setTimeout as sleep } from "node:timers/promises";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { getCookie, setCookie } from "hono/cookie";
import { afterEach, describe, expect, it } from "vitest";
import { type HttpApiHandler, type LambdaHttpServer, startLambdaHttpServer } from "./http";

const quiet = { info() {}, warn() {}, error() {} };
const servers: LambdaHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(
  handler: HttpApiHandler | Promise<HttpApiHandler>,
  options: { integrationTimeoutMs?: number; maxRequestBytes?: number } = {},
): Promise<string> {
  const server = await startLambdaHttpServer({ handler, functionName: "api", log: quiet, ...options });
  servers.push(server);
  return server.url;
}

const app = new Hono()
  .all("/echo/*", async (c) =>
    c.json({
      method: c.req.method,
      path: c.req.path,
      query: c.req.queries(),
      accept: c.req.header("accept"),
      custom: c.req.header("x-custom"),
      session: getCookie(c, "session"),
      theme: getCookie(c, "theme"),
      body: c.req.method === "GET" ? null : await c.req.json(),
    }),
  )
  .post("/binary", async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.body(bytes.reverse(), 201, { "content-type": "application/octet-stream" });
  })
  .get("/teapot", (c) => {
    setCookie(c, "a", "1");
    setCookie(c, "b", "2", { httpOnly: true });
    return c.text("short and stout", 418, { "x-pot": "tea" });
  });

describe("Lambda HTTP server", () => {
  it("round-trips method, path, query, headers, cookies and a JSON body through handle(app)", async () => {
    const url = await serve(handle(app));
    const response = await fetch(`${url}/echo/a%20b?tag=x&tag=y&q=1`, {
      method: "PUT",
      headers: { "x-custom": "yes", accept: "application/json", cookie: "session=s1; theme=dark" },
      body: JSON.stringify({ prompt: "a cat", ids: ["627410861853514292"] }),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("apigw-requestid")).toBeTruthy();
    expect(await response.json()).toEqual({
      method: "PUT",
      path: "/echo/a b",
      query: { tag: ["x", "y"], q: ["1"] },
      accept: "application/json",
      custom: "yes",
      session: "s1",
      theme: "dark",
      body: { prompt: "a cat", ids: ["627410861853514292"] },
    });
  });

  it("passes binary request bodies base64-encoded and decodes binary responses", async () => {
    const url = await serve(handle(app));
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const response = await fetch(`${url}/binary`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: bytes,
    });

    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.slice().reverse());
  });

  it("answers with the handler's status, headers and every cookie as its own Set-Cookie", async () => {
    const url = await serve(handle(app));
    const response = await fetch(`${url}/teapot`);

    expect(response.status).toBe(418);
    expect(response.headers.get("x-pot")).toBe("tea");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(await response.text()).toBe("short and stout");
  });

  it("builds the payload 2.0 event API Gateway sends", async () => {
    let seen: APIGatewayProxyEventV2 | undefined;
    const url = await serve(async (event: APIGatewayProxyEventV2) => {
      seen = event;
      return { statusCode: 204 };
    });
    await fetch(`${url}/v1/jobs%20x?status=queued&status=failed`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "a=1" },
      body: '{"type":"text_to_video"}',
    });

    expect(seen).toMatchObject({
      version: "2.0",
      routeKey: "$default",
      rawPath: "/v1/jobs%20x",
      rawQueryString: "status=queued&status=failed",
      queryStringParameters: { status: "queued,failed" },
      cookies: ["a=1"],
      body: '{"type":"text_to_video"}',
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        http: { method: "POST", path: "/v1/jobs%20x", protocol: "HTTP/1.1", sourceIp: "127.0.0.1" },
        requestId: expect.any(String),
        routeKey: "$default",
        stage: "$default",
        time: expect.stringMatching(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
    });
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers["content-type"]).toBe("application/json");
  });

  it("base64-encodes bodies that are neither text/* nor JSON, forms included", async () => {
    const events: APIGatewayProxyEventV2[] = [];
    const url = await serve(async (event: APIGatewayProxyEventV2) => {
      events.push(event);
      return { statusCode: 204 };
    });
    await fetch(url, { method: "POST", body: new URLSearchParams({ a: "1 2" }) });
    await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "plain" });

    expect(events.map((e) => [e.isBase64Encoded, e.body])).toEqual([
      [true, Buffer.from("a=1+2").toString("base64")],
      [false, "plain"],
    ]);
  });

  it("infers a 200 JSON response when the handler returns no statusCode", async () => {
    const url = await serve(async () => ({ ok: true }));
    const response = await fetch(`${url}/anything`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers 500 when the handler throws and 503 when it outlives the integration timeout", async () => {
    const failing = await serve(async () => {
      throw new Error("boom");
    });
    const failed = await fetch(failing);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      error: {
        code: "internal_error",
        message: `The API failed (request id ${failed.headers.get("apigw-requestid")}).`,
      },
    });

    const slow = await serve(
      async () => {
        await sleep(500);
        return { statusCode: 200 };
      },
      { integrationTimeoutMs: 50 },
    );
    const timedOut = await fetch(slow);
    expect(timedOut.status).toBe(503);
    expect(await timedOut.json()).toEqual({
      error: { code: "unavailable", message: "The API did not answer within 50 ms." },
    });
  });

  it("holds requests until a handler that is still loading is ready", async () => {
    let ready: (handler: HttpApiHandler) => void = () => {};
    const loading = new Promise<HttpApiHandler>((resolve) => {
      ready = resolve;
    });
    const url = await serve(loading);
    const response = fetch(`${url}/teapot`);
    await sleep(50);
    ready(handle(app));
    expect((await response).status).toBe(418);
  });

  it("refuses request bodies over the payload limit with 413 in the API's error shape", async () => {
    const url = await serve(async () => ({ statusCode: 200 }), { maxRequestBytes: 10 });
    const response = await fetch(url, { method: "POST", body: "x".repeat(11) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        code: "payload_too_large",
        message: "The request body exceeds 10 bytes, the function's payload limit.",
      },
    });
  });
});
