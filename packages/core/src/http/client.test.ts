import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, LookupFunction, Socket } from "node:net";
import { text } from "node:stream/consumers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { discardBody, HttpClient, HttpTimeoutError } from "./client";
import { encodeMultipart } from "./multipart";
import { followRedirects } from "./redirects";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

let server: Server;
let origin: string;
const received: Received[] = [];
const connections: Socket[] = [];

function route(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
  const hops = /^\/hops\/(\d+)$/.exec(req.url ?? "");
  if (hops) {
    const left = Number(hops[1]);
    if (left === 0) res.writeHead(200).end("arrived");
    else res.writeHead(302, { location: `/hops/${left - 1}` }).end();
    return;
  }
  switch (req.url) {
    case "/echo":
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
      return;
    case "/slow":
      setTimeout(() => res.writeHead(200).end("late"), 300);
      return;
    case "/silent":
      return; // never answers
    case "/stalls":
      res.writeHead(200, { "content-length": "10" });
      res.write("hello");
      return; // and never sends the rest
    case "/private":
      res.writeHead(302, { location: "http://10.0.0.1/secret" }).end();
      return;
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => route(req, res, Buffer.concat(chunks)));
  });
  server.on("connection", (socket) => connections.push(socket));
  // Longer than the test waits: an idle connection that closes was closed by the client.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const clients: HttpClient[] = [];
function client(options: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const created = new HttpClient(options);
  clients.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  received.length = 0;
  connections.length = 0;
});

const at = (path: string) => new URL(path, origin);
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );
}

describe("HttpClient", () => {
  it("sends a string body and chunked bodies with a Content-Length, and streams the answer", async () => {
    const http = client();
    const single = await http.request(at("/echo"), { method: "POST", body: "héllo" });
    expect(single.statusCode).toBe(200);
    expect(await text(single.body)).toBe("héllo");
    const chunked = await http.request(at("/echo"), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: [Buffer.from("ab"), new TextEncoder().encode("cd")],
    });
    expect(await text(chunked.body)).toBe("abcd");
    expect(received.map((r) => [r.headers["content-length"], r.headers["transfer-encoding"]])).toEqual([
      ["6", undefined],
      ["4", undefined],
    ]);
    expect(received[1]?.headers["content-type"]).toBe("text/plain");
  });

  it("keeps connections alive, at most maxConnectionsPerOrigin of them", async () => {
    const http = client({ maxConnectionsPerOrigin: 1 });
    const answers = await Promise.all(
      [1, 2, 3].map(async () => text((await http.request(at("/slow"), { method: "GET" })).body)),
    );
    expect(answers).toEqual(["late", "late", "late"]);
    await text((await http.request(at("/echo"), { method: "GET" })).body);
    expect(connections).toHaveLength(1);
  });

  it("closes a connection left idle before a server would", async () => {
    const http = client();
    await text((await http.request(at("/echo"), { method: "GET" })).body);
    const [socket] = connections;
    const closed = new Promise<number>((resolve) => {
      const idleSince = Date.now();
      socket?.once("close", () => resolve(Date.now() - idleSince));
    });
    const idleMs = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 15_000))]);
    expect(idleMs).toBeGreaterThan(3_000);
  }, 20_000);

  it("gives up on a connection that is not made within the connect timeout", async () => {
    const neverAnswers: LookupFunction = () => {};
    const http = client({ connectTimeoutMs: 200, lookup: neverAnswers });
    const error = await failure(http.request(new URL("http://hangs.test/"), { method: "GET" }));
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ phase: "connect", code: "HTTP_CONNECT_TIMEOUT" });
  });

  it("gives up on headers that do not come within the headers timeout", async () => {
    const http = client({ headersTimeoutMs: 200 });
    const error = await failure(http.request(at("/silent"), { method: "GET" }));
    expect(error).toMatchObject({
      name: "HttpTimeoutError",
      phase: "headers",
      message: "no response headers within 200 ms",
    });
  });

  it("fails a body that stalls longer than the body timeout", async () => {
    const http = client({ bodyTimeoutMs: 200 });
    const response = await http.request(at("/stalls"), { method: "GET" });
    expect(await failure(text(response.body))).toMatchObject({ phase: "body", code: "HTTP_BODY_TIMEOUT" });
  });

  it("connects through the given lookup, whose refusal is the request's error", async () => {
    class Refused extends Error {}
    const resolved: string[] = [];
    const guard: LookupFunction = (hostname, _options, callback) => {
      resolved.push(hostname);
      if (hostname === "forbidden.test") return callback(new Refused("no") as NodeJS.ErrnoException, "", 0);
      callback(null, [{ address: "127.0.0.1", family: 4 }] as unknown as string, 4);
    };
    const http = client({ lookup: guard });
    const port = new URL(origin).port;
    const allowed = await http.request(new URL(`http://allowed.test:${port}/echo`), { method: "GET" });
    expect(allowed.statusCode).toBe(200);
    discardBody(allowed.body);
    expect(await failure(http.request(new URL("http://forbidden.test/"), { method: "GET" }))).toBeInstanceOf(
      Refused,
    );
    expect(resolved).toEqual(["allowed.test", "forbidden.test"]);
  });

  it("aborts with the signal's reason, before the answer and while its body is read", async () => {
    const http = client();
    const early = new AbortController();
    const pending = http.request(at("/silent"), { method: "GET", signal: early.signal });
    early.abort(new Error("stop waiting"));
    expect(await failure(pending)).toMatchObject({ message: "stop waiting" });

    const late = new AbortController();
    const response = await http.request(at("/stalls"), { method: "GET", signal: late.signal });
    const reading = text(response.body);
    late.abort(new Error("stop reading"));
    expect(await failure(reading)).toMatchObject({ message: "stop reading" });
  });

  it("waits for requests in flight when closed, and refuses new ones", async () => {
    const http = client();
    const response = await http.request(at("/stalls"), { method: "GET" });
    let closed = false;
    const closing = http.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    expect(await failure(http.request(at("/echo"), { method: "GET" }))).toMatchObject({
      message: "the HTTP client is closed",
    });
    discardBody(response.body);
    await closing;
    expect(closed).toBe(true);
  });
});

describe("encodeMultipart", () => {
  it("encodes a form a multipart parser reads back, with a Content-Length", async () => {
    const form = new FormData();
    form.append("image", new Blob([Buffer.from([1, 2, 3])], { type: "image/png" }), 'cat "1".png');
    form.append("note", "hi");
    const { contentType, chunks } = await encodeMultipart(form);
    const response = await client().request(at("/echo"), {
      method: "POST",
      headers: { "content-type": contentType },
      body: chunks,
    });
    discardBody(response.body);
    const sent = received.at(-1)!;
    expect(Number(sent.headers["content-length"])).toBe(sent.body.length);
    const parsed = await new Response(sent.body, { headers: { "content-type": contentType } }).formData();
    const image = parsed.get("image") as File;
    expect([image.name, image.type, [...new Uint8Array(await image.arrayBuffer())]]).toEqual([
      'cat "1".png',
      "image/png",
      [1, 2, 3],
    ]);
    expect(parsed.get("note")).toBe("hi");
  });
});

describe("followRedirects", () => {
  const get = (http: HttpClient) => (url: URL) => http.request(url, { method: "GET" });

  it("follows redirects up to the limit and says where the answer came from", async () => {
    const { response, url } = await followRedirects(at("/hops/3"), get(client()), { maxRedirects: 3 });
    expect([response.statusCode, url.pathname, await text(response.body)]).toEqual([
      200,
      "/hops/0",
      "arrived",
    ]);
  });

  it("returns the redirect past the limit as it came", async () => {
    const { response, url } = await followRedirects(at("/hops/3"), get(client()), { maxRedirects: 2 });
    discardBody(response.body);
    expect([response.statusCode, response.headers.location, url.pathname]).toEqual([
      302,
      "/hops/0",
      "/hops/1",
    ]);
  });

  it("lets checkHop refuse a hop before it is requested", async () => {
    const refuse = (hop: URL) => {
      if (hop.hostname === "10.0.0.1") throw new Error(`refused ${hop.href}`);
      return hop;
    };
    const error = await failure(
      followRedirects(at("/private"), get(client()), { maxRedirects: 5, checkHop: refuse }),
    );
    expect(error).toMatchObject({ message: "refused http://10.0.0.1/secret" });
  });
});
