import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "../src/runtime";
import { REAL_HANDLERS } from "../src/test-support/handlers";
import { percentile } from "./pipeline/stats";

export { percentile };

/**
 * What the benchmarks share: the whole local runtime with the real handlers, a caller of its API, and
 * percentiles printed as one table per figure. Benchmarks print figures; they never assert on time.
 */

export interface BenchRuntime {
  runtime: LocalRuntime;
  api: BenchApi;
  stop(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error: console.error };

/** The local runtime in a throw-away state folder, logging only errors. */
export async function startBenchRuntime(
  options: Partial<Pick<LocalRuntimeOptions, "env" | "simulator" | "pollIntervalMs" | "functions">> = {},
): Promise<BenchRuntime> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-bench-"));
  const runtime = await startLocalRuntime({
    ...options,
    port: 0,
    stateDir,
    log: quiet,
    env: { POWERTOOLS_LOG_LEVEL: "ERROR", PIXPIPE_METRICS_FORMAT: "none", ...options.env },
    handlers: REAL_HANDLERS,
  });
  return {
    runtime,
    api: new BenchApi(runtime.info.apiUrl, runtime.info.apiKey),
    async stop() {
      await runtime.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export interface BenchAnswer<T> {
  status: number;
  body: T;
}

/** The public API over real HTTP, as an app calls it. */
export class BenchApi {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  withKey(apiKey: string): BenchApi {
    return new BenchApi(this.baseUrl, apiKey);
  }

  async request<T = unknown>(
    method: string,
    urlPath: string,
    options: { json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<BenchAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(options.json === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** A 2xx answer's body, or an error naming what was answered. */
  async call<T = unknown>(method: string, urlPath: string, json?: unknown): Promise<T> {
    const answer = await this.request<T>(method, urlPath, json === undefined ? {} : { json });
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`${method} ${urlPath} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

/** `api.call` as a function, for benchmarks that only need 2xx bodies. */
export function apiCaller(info: { apiUrl: string; apiKey: string }) {
  const api = new BenchApi(info.apiUrl, info.apiKey);
  return (method: string, urlPath: string, json?: unknown) => api.call(method, urlPath, json);
}

/** Samples by the name of what they measure, in the order first recorded. */
export class Samples {
  readonly byName = new Map<string, number[]>();

  record(name: string, value: number): void {
    const samples = this.byName.get(name) ?? [];
    samples.push(value);
    this.byName.set(name, samples);
  }

  async timed<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await run();
    this.record(name, performance.now() - started);
    return result;
  }

  get(name: string): number[] {
    return this.byName.get(name) ?? [];
  }
}

/** One line that says what the figures were measured on. */
export function machine(): string {
  return `${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`;
}

/** A table of p50 and p95 (in ms unless `unit` says otherwise) of each named series. */
export function printPercentiles(title: string, samples: Samples, unit = "ms"): void {
  const width = Math.max(32, ...[...samples.byName.keys()].map((name) => name.length));
  console.log(`\n${title}`);
  console.log(
    `${"".padEnd(width)} ${`p50 ${unit}`.padStart(10)} ${`p95 ${unit}`.padStart(10)} ${"samples".padStart(8)}`,
  );
  for (const [name, values] of samples.byName) {
    console.log(
      `${name.padEnd(width)} ${format(percentile(values, 50))} ${format(percentile(values, 95))} ${String(values.length).padStart(8)}`,
    );
  }
}

const format = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1)).padStart(10);
