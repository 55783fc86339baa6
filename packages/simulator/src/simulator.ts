import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app";
import { createControl, type SimulatorControl } from "./control";
import { Engine } from "./engine";
import { handleMedia, MEDIA_PREFIX } from "./media-server";

export interface SimulatorOptions {
  /** default 0 (a free port) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** default: a random key */
  apiKey?: string;
  /** default: a random secret */
  webhookSecret?: string;
  /** where finished generations are announced; none by default */
  webhookUrl?: string;
  /** time from status 5 to the terminal status; default 3000 */
  generationMs?: number;
  /** issue ids above 2^53 (starting at 627410861853514292) */
  largeIds?: boolean;
  /** scales the webhook retry schedule (2 s, 10 s, ... 4 h), e.g. 0.001 in tests; default 1 */
  timeFactor?: number;
  /** starting monthly credits; default 1,000,000 */
  credits?: number;
  /** generations allowed in status 5 at once; default 10 */
  concurrencyLimit?: number;
  /** finished videos are a generated stream of this many bytes instead of the tiny MP4 */
  outputBytes?: number;
  /** seed of the PRNG behind fault rates between 0 and 1; default 1 */
  faultSeed?: number;
}

export interface RunningSimulator {
  /** base URL, e.g. http://127.0.0.1:41234 (use as PIXVERSE_BASE_URL) */
  url: string;
  apiKey: string;
  readonly webhookSecret: string;
  control: SimulatorControl;
  /** Closes the server, every connection and every timer. */
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const engine = new Engine({
    apiKey: options.apiKey ?? `sk-sim-${randomBytes(16).toString("hex")}`,
    webhookSecret: options.webhookSecret ?? randomBytes(24).toString("base64url"),
    webhookUrl: options.webhookUrl,
    generationMs: options.generationMs ?? 3000,
    largeIds: options.largeIds ?? false,
    timeFactor: options.timeFactor ?? 1,
    credits: options.credits ?? 1_000_000,
    concurrencyLimit: options.concurrencyLimit ?? 10,
    outputBytes: options.outputBytes,
    faultSeed: options.faultSeed ?? 1,
  });
  const control = createControl(engine);
  const app = createApp(engine, control);
  const api = getRequestListener(app.fetch);
  const server = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith(MEDIA_PREFIX)) {
      handleMedia(engine, incoming, outgoing).catch((error) => {
        console.error("[pixverse-simulator]", error);
        outgoing.destroy();
      });
    } else void api(incoming, outgoing);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  engine.baseUrl = url;

  let stopped: Promise<void> | undefined;
  return {
    url,
    apiKey: engine.config.apiKey,
    /** the current secret (control.setWebhookSecret rotates it) */
    get webhookSecret() {
      return engine.config.webhookSecret;
    },
    control,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        engine.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
