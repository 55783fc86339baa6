import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { LookupFunction, Socket } from "node:net";
import type { Readable } from "node:stream";

export interface HttpClientOptions {
  /** DNS lookup, TCP connect and TLS handshake of a new connection; default 10 s. */
  connectTimeoutMs?: number;
  /** Longest silence on the connection until the response headers arrive; default 30 s. */
  headersTimeoutMs?: number;
  /** Longest silence on the connection while the body is read (not the whole transfer); default 30 s. */
  bodyTimeoutMs?: number;
  /** Connections open at once per origin; further requests wait for one. Default: unbounded. */
  maxConnectionsPerOrigin?: number;
  /**
   * The socket's own DNS lookup. An address guard placed here judges the address actually connected to,
   * so a DNS answer that changes after an earlier check (rebinding) cannot slip through.
   */
  lookup?: LookupFunction;
}

export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  headers?: Record<string, string>;
  /** Sent with a Content-Length; chunks are written in order (see `encodeMultipart`). */
  body?: string | Uint8Array | readonly Uint8Array[];
  /** Aborts the request, or the reading of its body once the response has come; fails with the signal's reason. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  /** Read it to the end or `discardBody` it: only a finished body gives the connection back to the pool. */
  body: Readable;
}

export type HttpTimeoutPhase = "connect" | "headers" | "body";

const PHASE_WAITED_FOR: Record<HttpTimeoutPhase, string> = {
  connect: "connection",
  headers: "response headers",
  body: "more of the response body",
};

/** A connection that stayed silent longer than the client's timeout for that phase. */
export class HttpTimeoutError extends Error {
  override readonly name = "HttpTimeoutError";
  readonly code: string;

  constructor(
    readonly phase: HttpTimeoutPhase,
    readonly timeoutMs: number,
  ) {
    super(`no ${PHASE_WAITED_FOR[phase]} within ${timeoutMs} ms`);
    this.code = `HTTP_${phase.toUpperCase()}_TIMEOUT`;
  }
}

/**
 * An idle kept-alive connection is closed after this long, before a server's usual 5 s idle timeout can
 * close it under a request just sent on it. (Not the agent's `timeout` option: that one also runs while
 * a new connection is being made, where the connect timeout rules.)
 */
const IDLE_CONNECTION_MS = 4_000;

/**
 * HTTP/1.1 over Node's own http and https modules, with kept-alive connections, per-phase timeouts and an
 * optional socket lookup. Bodies are streams; redirects are not followed (see `followRedirects`).
 */
export class HttpClient {
  private readonly agents: { "http:": HttpAgent; "https:": HttpsAgent };
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;
  private readonly connectTimeoutMs: number;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;

  constructor(options: HttpClientOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 30_000;
    this.bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
    const agentOptions = {
      keepAlive: true,
      ...(options.maxConnectionsPerOrigin ? { maxSockets: options.maxConnectionsPerOrigin } : {}),
      ...(options.lookup ? { lookup: options.lookup } : {}),
    };
    this.agents = { "http:": new HttpAgent(agentOptions), "https:": new HttpsAgent(agentOptions) };
    // Runs after the agent's own "free" listener has put the socket in its free list; a free socket that
    // times out is destroyed by the agent.
    for (const agent of Object.values(this.agents))
      agent.on("free", (socket: Socket) => socket.setTimeout(IDLE_CONNECTION_MS));
  }

  /** Resolves once the response headers are in; rejects for a connection that fails or times out first. */
  request(url: URL, init: HttpRequest): Promise<HttpResponse> {
    if (this.closing) return Promise.reject(new Error("the HTTP client is closed"));
    const protocol = url.protocol;
    if (protocol !== "http:" && protocol !== "https:")
      return Promise.reject(new TypeError(`not an http(s) URL: ${url.protocol}`));
    const { signal } = init;
    if (signal?.aborted) return Promise.reject(signal.reason);

    const chunks = bodyChunks(init.body);
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined)
      headers["content-length"] = String(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));

    const send = protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method, headers, agent: this.agents[protocol] });
    let response: IncomingMessage | undefined;
    const fail = (error: unknown) => (response ?? req).destroy(error as Error);

    // A new connection has its own deadline; the socket's idle timer then covers headers and body.
    let connectTimer: NodeJS.Timeout | undefined;
    req.once("socket", (socket: Socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => fail(new HttpTimeoutError("connect", this.connectTimeoutMs)),
        this.connectTimeoutMs,
      );
      socket.once(protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
    });
    req.setTimeout(this.headersTimeoutMs);
    req.on("timeout", () =>
      fail(
        response
          ? new HttpTimeoutError("body", this.bodyTimeoutMs)
          : new HttpTimeoutError("headers", this.headersTimeoutMs),
      ),
    );
    const onAbort = () => fail(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });

    const done = new Promise<void>((resolve) =>
      req.once("close", () => {
        clearTimeout(connectTimer);
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }),
    );
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));

    for (const chunk of chunks) req.write(chunk);
    req.end();
    return new Promise<HttpResponse>((resolve, reject) => {
      // Not `once`: a connection that fails mid-body reports on the request too.
      req.on("error", reject);
      req.once("response", (res: IncomingMessage) => {
        response = res;
        req.setTimeout(this.bodyTimeoutMs);
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res });
      });
    });
  }

  /** Refuses new requests, waits for those in flight (their bodies read or discarded), then closes every connection. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.inFlight);
    this.agents["http:"].destroy();
    this.agents["https:"].destroy();
  }
}

function bodyChunks(body: HttpRequest["body"]): readonly Uint8Array[] {
  if (body === undefined) return [];
  if (typeof body === "string") return [Buffer.from(body)];
  return body instanceof Uint8Array ? [body] : body;
}

/** Drops a response body that will not be read (closing its connection); an error it reports then is expected. */
export function discardBody(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}
