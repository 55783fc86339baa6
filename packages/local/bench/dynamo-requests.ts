import { AsyncLocalStorage } from "node:async_hooks";
import diagnostics from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";

const DYNAMODB_TARGET = "DynamoDB_20120810";

/** One request the local API served, and the DynamoDB operations it sent while serving it. */
export interface ServedRequest {
  method: string;
  url: string;
  operations: Map<string, number>;
}

/**
 * Counts the DynamoDB requests this process sends, each charged to the HTTP request being served when
 * it was sent. The runtime runs the API handler in this process, so the request a handler serves is the
 * async context its SDK calls run in: node's `http.server.request.start` channel fires synchronously
 * before the server's listener runs, and entering a store there marks everything that request starts.
 * Requests sent outside any served request (the poller, the archiver, the benchmark itself) are counted
 * as `background`. No proxy and no change to the pipeline: what is counted is what the SDK sent.
 */
export class DynamoRequestCounter {
  readonly background = new Map<string, number>();
  private readonly serving = new AsyncLocalStorage<ServedRequest>();
  private readonly served: ServedRequest[] = [];

  constructor() {
    diagnostics.subscribe("http.server.request.start", this.onServerRequest);
    diagnostics.subscribe("http.client.request.start", this.onClientRequest);
  }

  /** The requests served with this method whose URL matches, in the order they came in. */
  requests(method: string, url: RegExp): ServedRequest[] {
    return this.served.filter((request) => request.method === method && url.test(request.url));
  }

  stop(): void {
    diagnostics.unsubscribe("http.server.request.start", this.onServerRequest);
    diagnostics.unsubscribe("http.client.request.start", this.onClientRequest);
  }

  private readonly onServerRequest = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    const served: ServedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      operations: new Map(),
    };
    this.served.push(served);
    this.serving.enterWith(served);
  };

  private readonly onClientRequest = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    // DynamoDB's JSON protocol names the operation in X-Amz-Target: DynamoDB_20120810.GetItem.
    const [service, operation] = String(request.getHeader("x-amz-target") ?? "").split(".");
    if (service !== DYNAMODB_TARGET || !operation) return;
    const counts = this.serving.getStore()?.operations ?? this.background;
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
  };
}

/** Operations that read (and are billed as reads). */
export const READ_OPERATIONS = new Set(["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"]);
