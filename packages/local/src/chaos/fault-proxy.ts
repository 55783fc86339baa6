import { once } from "node:events";
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Dice } from "./random";

/**
 * What the proxy may do to one request instead of passing it on:
 * - `error`: answers 500 or 503 itself (the service never sees the request);
 * - `reset`: closes the connection without an answer (nor does the service see it);
 * - `lost`: passes the request on, waits for the service's whole answer, then holds it up to
 *   `lostHoldMs` and closes the connection: the service acted, the caller never learns it did.
 */
export type ProxyFault = "error" | "reset" | "lost";

export interface FaultRates {
  error: number;
  reset: number;
  lost: number;
}

export const NO_FAULTS: FaultRates = { error: 0, reset: 0, lost: 0 };

export interface FaultProxyOptions {
  /** What the proxy stands in front of, in reports. */
  name: string;
  /** Base URL of the service, e.g. http://127.0.0.1:8000. */
  target: string;
  /** The rates, or the rates for a request (e.g. higher on the calls that matter most). */
  rates: FaultRates | ((request: IncomingMessage) => FaultRates);
  dice: Dice;
  /** Requests the proxy never touches (e.g. a simulator's own control API). */
  exempt?: (request: IncomingMessage) => boolean;
  /** A short name of the operation, counted per fault (default: method and first path segment). */
  operation?: (request: IncomingMessage) => string;
  /** Longest a lost answer is held before the connection closes. Default 0 (closed at once). */
  lostHoldMs?: number;
}

export interface FaultCounts {
  requests: number;
  faults: Record<ProxyFault, number>;
  /** Faults per operation, e.g. { "TransactWriteItems": { lost: 2 } }. */
  byOperation: Record<string, Partial<Record<ProxyFault, number>>>;
}

/** Headers that belong to one connection, not to the request (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);

/**
 * A small HTTP proxy on 127.0.0.1 that passes requests to one service and, at seeded rates, fails
 * some of them the ways a network and a service fail: an error status, a reset, or an answer lost
 * after the service acted. Streaming both ways, so large bodies and long polls pass as they are.
 */
export class FaultProxy {
  readonly counts: FaultCounts = {
    requests: 0,
    faults: { error: 0, reset: 0, lost: 0 },
    byOperation: {},
  };
  private readonly server: Server;
  private readonly agent = new Agent({ keepAlive: true });
  private readonly target: URL;
  private rates: FaultProxyOptions["rates"];
  private address = "";

  constructor(private readonly options: FaultProxyOptions) {
    this.target = new URL(options.target);
    this.rates = options.rates;
    this.server = createServer((req, res) => this.handle(req, res));
  }

  get url(): string {
    if (!this.address) throw new Error(`fault proxy ${this.options.name} is not listening`);
    return this.address;
  }

  async start(): Promise<void> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.address = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** New rates from now on (e.g. none while the run settles). */
  setRates(rates: FaultProxyOptions["rates"]): void {
    this.rates = rates;
  }

  async stop(): Promise<void> {
    const closed = once(this.server, "close");
    this.server.close();
    this.server.closeAllConnections();
    this.agent.destroy();
    await closed;
  }

  private decide(request: IncomingMessage): ProxyFault | undefined {
    if (this.options.exempt?.(request)) return undefined;
    const { dice } = this.options;
    // One roll per request, whatever the rates: the sequence of decisions depends on the seed alone.
    let roll = dice.next();
    const rates = typeof this.rates === "function" ? this.rates(request) : this.rates;
    for (const fault of ["error", "reset", "lost"] as const) {
      roll -= rates[fault];
      if (roll < 0) return fault;
    }
    return undefined;
  }

  private count(request: IncomingMessage, fault: ProxyFault): void {
    this.counts.faults[fault]++;
    const operation = this.options.operation?.(request) ?? defaultOperation(request);
    const byFault = this.counts.byOperation[operation] ?? {};
    byFault[fault] = (byFault[fault] ?? 0) + 1;
    this.counts.byOperation[operation] = byFault;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.counts.requests++;
    const fault = this.decide(req);
    if (fault) this.count(req, fault);
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault === "error") {
      const status = this.options.dice.chance(0.5) ? 500 : 503;
      // The body is read first, so the client is not cut off mid-send and sees the status.
      req.resume();
      req.once("end", () => {
        res.writeHead(status, { "content-type": "text/plain", connection: "close" });
        res.end(`fault injected by the chaos proxy (${this.options.name})`);
      });
      return;
    }
    const upstream = httpRequest(
      {
        protocol: this.target.protocol,
        hostname: this.target.hostname,
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers: passedHeaders(req.headers),
        agent: this.agent,
      },
      (answer) => {
        if (fault === "lost") {
          void this.loseAnswer(req, answer);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, passedHeaders(answer.headers));
        answer.pipe(res);
        answer.once("error", () => res.destroy());
      },
    );
    upstream.once("error", () => req.socket.destroy());
    req.pipe(upstream);
    // A caller that goes away (a killed process) ends its upstream request too.
    res.once("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
  }

  private async loseAnswer(req: IncomingMessage, answer: IncomingMessage): Promise<void> {
    answer.resume();
    await once(answer, "end").catch(() => {});
    const holdMs = this.options.lostHoldMs ?? 0;
    if (holdMs > 0) await sleep(this.options.dice.int(0, holdMs));
    req.socket.destroy();
  }
}

function passedHeaders(headers: IncomingMessage["headers"]): Record<string, string | string[]> {
  const passed: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) passed[name] = value;
  }
  return passed;
}

function defaultOperation(request: IncomingMessage): string {
  return `${request.method} /${(request.url ?? "/").split("/")[1]?.split("?")[0] ?? ""}`;
}

/** The operation of an AWS request: the JSON protocols' X-Amz-Target, else S3's method and kind. */
export function awsOperation(request: IncomingMessage): string {
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").pop() ?? target;
  const url = new URL(request.url ?? "/", "http://proxy");
  const depth = url.pathname.split("/").filter(Boolean).length;
  const upload = url.searchParams.has("uploadId") || url.searchParams.has("uploads") ? " multipart" : "";
  return `S3 ${request.method} ${depth <= 1 ? "bucket" : "object"}${upload}`;
}
