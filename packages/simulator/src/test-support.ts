/** Test helpers: a plain HTTP client for the simulator and a webhook receiver (no pixpipe code). */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningSimulator } from "./simulator";
import { parseWire, type WireValue } from "./wire";

export interface Answer {
  status: number;
  text: string;
  /** parsed losslessly: ids above 2^53 are bigint */
  json: { ErrCode: number; ErrMsg: string; Resp: Record<string, WireValue> | null };
}

export interface CallOptions {
  apiKey?: string | null;
  traceId?: string | null;
}

/** Talks to the simulator the way a PixVerse client does (API-KEY, Ai-trace-id, JSON or multipart). */
export function pixverse(sim: RunningSimulator) {
  const headers = (options: CallOptions): Record<string, string> => {
    const result: Record<string, string> = {};
    const apiKey = options.apiKey === undefined ? sim.apiKey : options.apiKey;
    const traceId = options.traceId === undefined ? randomUUID() : options.traceId;
    if (apiKey !== null) result["API-KEY"] = apiKey;
    if (traceId !== null) result["Ai-trace-id"] = traceId;
    return result;
  };
  const answer = async (response: Response): Promise<Answer> => {
    const text = await response.text();
    return { status: response.status, text, json: parseWire(text) as Answer["json"] };
  };
  return {
    get: async (path: string, options: CallOptions = {}) =>
      answer(await fetch(`${sim.url}${path}`, { headers: headers(options) })),
    /** body: an object (JSON.stringify) or raw JSON text (for ids above 2^53) */
    post: async (path: string, body: object | string, options: CallOptions = {}) =>
      answer(
        await fetch(`${sim.url}${path}`, {
          method: "POST",
          headers: { ...headers(options), "Content-Type": "application/json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
      ),
    delete: async (path: string, options: CallOptions = {}) =>
      answer(await fetch(`${sim.url}${path}`, { method: "DELETE", headers: headers(options) })),
    upload: async (path: string, form: FormData, options: CallOptions = {}) =>
      answer(await fetch(`${sim.url}${path}`, { method: "POST", headers: headers(options), body: form })),
  };
}

export type PixverseTestClient = ReturnType<typeof pixverse>;

export function fileForm(field: string, bytes: Buffer, name: string, type: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  return form;
}

/** The id in an answer's Resp as a digit string. */
export function idOf(answer: Answer, field: string): string {
  const value = answer.json.Resp?.[field];
  if (typeof value !== "number" && typeof value !== "bigint") {
    throw new Error(`no ${field} in ${answer.text}`);
  }
  return String(value);
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/**
 * A webhook endpoint. `replies` are used in order (the last one repeats); each is [status, body].
 */
export async function startReceiver(replies: [number, string][] = [[200, "ok"]]) {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
      });
      const [status, body] = replies[Math.min(received.length - 1, replies.length - 1)] ?? [200, "ok"];
      res.writeHead(status, { "Content-Type": "text/plain" }).end(body);
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/pixverse`,
    received,
    /** resolves once `count` webhooks have arrived */
    waitFor: (count: number) =>
      new Promise<void>((resolve) => {
        if (received.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls until check() returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const t2vBody = {
  prompt: "a cat surfing",
  model: "v5",
  duration: 5,
  quality: "540p",
  aspect_ratio: "16:9",
};

/** A minimal JPEG header (SOI + SOF0) the simulator's sniffer reads dimensions from. */
export function jpegHeader(width: number, height: number): Buffer {
  const sof = Buffer.from([
    0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
  ]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
}
