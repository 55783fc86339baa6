import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { freePort } from "../emulators";

/** One POST a receiver got: what arrived, and when (epoch ms, this process's clock). */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** How a path answers its n-th request (0-based): a status and headers. */
export type Answer = (n: number) => { status: number; headers?: Record<string, string> };

const OK: Answer = () => ({ status: 200 });

/**
 * A webhook receiver on 127.0.0.1, as an app would run one: it records every request with its raw
 * body, answers each path as told (200 by default), and can be down (not listening) for a while.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly answers = new Map<string, Answer>();
  private server: Server | undefined;

  private constructor(readonly port: number) {}

  /** A receiver on a free port; `listening: false` reserves the port but refuses connections until up(). */
  static async start(options: { listening?: boolean } = {}): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(await freePort());
    if (options.listening !== false) await receiver.up();
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  answer(path: string, answer: Answer): void {
    this.answers.set(path, answer);
  }

  /** Requests that carried this webhook-id. */
  of(webhookId: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.headers["webhook-id"] === webhookId);
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const path = req.url ?? "/";
        const n = this.received.filter((r) => r.path === path).length;
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          receivedAt: Date.now(),
        });
        const { status, headers } = (this.answers.get(path) ?? OK)(n);
        res.writeHead(status, headers).end(status >= 300 ? `answered ${status}` : "ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    if ((server.address() as AddressInfo).port !== this.port) throw new Error("receiver port moved");
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * The receiver's side of Standard Webhooks, by the `standardwebhooks` package (not pixpipe's code):
 * the event when the request verifies with `secret`, or the error it throws.
 */
export function verifyWith(secret: string, request: ReceivedWebhook): unknown {
  const headers = Object.fromEntries(
    ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [
      name,
      String(request.headers[name]),
    ]),
  );
  return new Webhook(secret).verify(request.body, headers);
}
