import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  Handler,
} from "aws-lambda";
import type { LambdaEvent as HonoLambdaEvent } from "hono/aws-lambda";
import {
  invokeLambda,
  type LambdaFunctionConfig,
  LambdaTimeoutError,
  LOCAL_ACCOUNT_ID,
  type Log,
} from "./lambda";
import { isUnder, type StaticSite, staticSiteListener } from "./static-site";

/**
 * An HTTP API (payload format 2.0) handler: typed with @types/aws-lambda, or what hono/aws-lambda's
 * `handle(app)` returns. Hono declares the same payload itself, differently in details (`body: string
 * | null` where API Gateway omits it, a required `authorizer`), so neither type assigns to the other
 * although both read the event API Gateway sends.
 */
export type HttpApiHandler =
  | APIGatewayProxyHandlerV2
  | ((event: Extract<HonoLambdaEvent, { rawPath: string }>, context: Context) => Promise<unknown>);

export interface LambdaHttpServerOptions extends LambdaFunctionConfig {
  /**
   * The handler, or a promise of it: the server can listen (and its URL be handed out) before the
   * function is loaded; requests wait for it like invocations during a cold start.
   */
  handler: HttpApiHandler | PromiseLike<HttpApiHandler>;
  /** Default 0 (a free port). The server binds 127.0.0.1 only. */
  port?: number;
  /** API Gateway's integration timeout: past it the client gets 503. Default 30 s. */
  integrationTimeoutMs?: number;
  /** Larger request bodies get 413 (Lambda's 6 MB invocation payload limit). */
  maxRequestBytes?: number;
  /** Static sites served beside the API on the same port (the dashboard at /ui), not through Lambda. */
  sites?: StaticSite[];
  log?: Log;
}

export interface LambdaHttpServer {
  url: string;
  port: number;
  /** Stops accepting connections; resolves once the requests under way are answered. */
  stop(): Promise<void>;
}

const LOCAL_API_ID = "local";

/**
 * Bodies API Gateway passes as text (payload 2.0: text/* and application/json); everything else,
 * forms and requests without a content type included, arrives base64-encoded.
 */
function isTextContent(contentType: string | undefined): boolean {
  return contentType !== undefined && /^(text\/|application\/json\s*(;|$))/i.test(contentType);
}

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
function apiGatewayTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(" ");
  return `${day}/${month}/${year}:${time} +0000`;
}

/**
 * The event API Gateway (HTTP API, payload format 2.0, `$default` route) sends to Lambda for a request:
 * header names lower-cased and repeated headers joined with commas, cookies moved to `cookies`,
 * repeated query parameters joined with commas, the body as text or base64.
 */
export function toApiGatewayEvent(
  request: IncomingMessage,
  body: Buffer,
  requestContext: { requestId: string; now: Date },
): APIGatewayProxyEventV2 {
  const target = request.url ?? "/";
  const queryStart = target.indexOf("?");
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? "" : target.slice(queryStart + 1);

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (!values) continue;
    if (name === "cookie") cookies = values.flatMap((value) => value.split(/;\s*/)).filter(Boolean);
    else headers[name] = values.join(",");
  }

  const query = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query.set(name, [...(query.get(name) ?? []), value]);
  }

  const domainName = headers.host ?? "127.0.0.1";
  const isBase64Encoded = body.length > 0 && !isTextContent(headers["content-type"]);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    ...(cookies && { cookies }),
    headers,
    ...(query.size > 0 && {
      queryStringParameters: Object.fromEntries([...query].map(([name, values]) => [name, values.join(",")])),
    }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      domainName,
      domainPrefix: domainName.split(".")[0] ?? domainName,
      http: {
        method: request.method ?? "GET",
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: requestContext.requestId,
      routeKey: "$default",
      stage: "$default",
      time: apiGatewayTime(requestContext.now),
      timeEpoch: requestContext.now.getTime(),
    },
    ...(body.length > 0 && { body: body.toString(isBase64Encoded ? "base64" : "utf8") }),
    isBase64Encoded,
  };
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * How API Gateway turns a payload 2.0 result into the HTTP response: a result with `statusCode` is
 * taken as structured (headers, `cookies` as Set-Cookie, base64 bodies decoded); anything else is
 * sent as a 200 application/json body (a string as is, other values as JSON).
 */
export function fromApiGatewayResult(output: unknown): HttpResponse {
  if (typeof output !== "object" || output === null || !("statusCode" in output)) {
    const body = typeof output === "string" ? output : JSON.stringify(output);
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: Buffer.from(body ?? ""),
    };
  }
  const result = output as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  const body = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  return { statusCode: result.statusCode ?? 200, headers, body };
}

/**
 * What the server answers itself (body over the limit, a handler that failed or timed out), in the API's
 * one error shape. API Gateway answers these with its own `{"message": ...}`, which an HTTP API cannot
 * reshape (docs/deploy.md says so); the local runtime answers as pixpipe would want clients to read it.
 */
function gatewayError(statusCode: number, code: string, message: string): HttpResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify({ error: { code, message } })),
  };
}

const failedError = (requestId: string) =>
  gatewayError(500, "internal_error", `The API failed (request id ${requestId}).`);

class PayloadTooLargeError extends Error {}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even past the limit (keeping nothing): leaving the loop early would reset the
  // socket under a client still sending, which then sees a network error instead of the 413.
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw new PayloadTooLargeError();
  return Buffer.concat(chunks);
}

/**
 * Serves an HTTP API Lambda handler over node:http on 127.0.0.1, translating each request into the
 * API Gateway payload 2.0 event and the handler's result back into the response, so the local API
 * runs through the same entry point as on AWS. Like API Gateway with a buffered Lambda, requests and
 * responses are held in memory whole (no streaming), which suits API bodies and webhooks.
 */
export async function startLambdaHttpServer(options: LambdaHttpServerOptions): Promise<LambdaHttpServer> {
  const log = options.log ?? console;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? 30_000;
  const maxRequestBytes = options.maxRequestBytes ?? 6 * 1024 * 1024;
  const fn: LambdaFunctionConfig = {
    functionName: options.functionName,
    // The function's own timeout cannot outlast the integration's: API Gateway gives up first.
    timeoutMs: Math.min(options.timeoutMs ?? integrationTimeoutMs, integrationTimeoutMs),
    memoryMb: options.memoryMb,
  };

  async function respond(request: IncomingMessage, requestId: string): Promise<HttpResponse> {
    let body: Buffer;
    try {
      body = await readBody(request, maxRequestBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        const limit = `${maxRequestBytes} bytes, the function's payload limit`;
        return gatewayError(413, "payload_too_large", `The request body exceeds ${limit}.`);
      }
      throw error;
    }
    const event = toApiGatewayEvent(request, body, { requestId, now: new Date() });
    try {
      // See HttpApiHandler: both typings take this event at runtime.
      const handler = (await options.handler) as Handler<APIGatewayProxyEventV2, unknown>;
      return fromApiGatewayResult(await invokeLambda(handler, event, fn));
    } catch (error) {
      log.error(
        `${options.functionName}: ${event.requestContext.http.method} ${event.rawPath} failed`,
        error,
      );
      return error instanceof LambdaTimeoutError
        ? gatewayError(503, "unavailable", `The API did not answer within ${fn.timeoutMs} ms.`)
        : failedError(requestId);
    }
  }

  function write(response: ServerResponse, result: HttpResponse, requestId: string): void {
    response.writeHead(result.statusCode, { ...result.headers, "apigw-requestid": requestId });
    response.end(result.body);
  }

  const sites = (options.sites ?? []).map((site) => ({ site, listener: staticSiteListener(site) }));
  const server = createServer((request, response) => {
    const site = sites.find((candidate) => isUnder(candidate.site, request.url));
    if (site) {
      site.listener(request, response);
      return;
    }
    const requestId = randomBytes(8).toString("base64url");
    respond(request, requestId).then(
      (result) => write(response, result, requestId),
      (error: unknown) => {
        log.error(`${options.functionName}: cannot answer ${request.method} ${request.url}`, error);
        write(response, failedError(requestId), requestId);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
