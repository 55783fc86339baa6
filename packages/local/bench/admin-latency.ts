/**
 * Benchmark (not a test): latency of the admin operations through the whole local runtime (HTTP,
 * the api Lambda handler, DynamoDB Local), p50 and p95 over --runs runs each, beside two floors
 * measured in the same run: GET /healthz (HTTP and the handler, no DynamoDB) and GET /v1/webhooks/secret
 * (authentication's BatchGet and one GetItem).
 *
 *   npx -y pnpm@10 run bench:admin [--runs 50]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { localHandlers } from "../src/handlers";
import { startLocalRuntime } from "../src/runtime";
import { apiCaller, percentile } from "./support";

const { values } = parseArgs({ options: { runs: { type: "string", default: "50" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) throw new Error("--runs is a whole number of 2 or more");

const stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-bench-"));
const quiet = { info() {}, warn() {}, error: console.error };
const runtime = await startLocalRuntime({
  port: 0,
  stateDir,
  log: quiet,
  env: { POWERTOOLS_LOG_LEVEL: "ERROR" },
  handlers: localHandlers({ allowLoopbackWebhooks: false }),
});

const call = apiCaller(runtime.info);

const timings = new Map<string, number[]>();
async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  const samples = timings.get(name) ?? [];
  samples.push(performance.now() - started);
  timings.set(name, samples);
  return result;
}

try {
  // Warm-up: the handler's modules, the SDK's connections, DynamoDB Local's JIT.
  for (let i = 0; i < 10; i++) {
    const { id } = (await call("POST", "/v1/admin/tenants", { name: `warm-up ${i}` })) as { id: string };
    await call("POST", `/v1/admin/tenants/${id}/keys`, { label: "warm-up" });
    await call("GET", `/v1/admin/tenants/${id}/keys`);
  }
  for (let run = 0; run < runs; run++) {
    await timed("floor: GET /healthz", () => call("GET", "/healthz"));
    await timed("floor: GET /v1/webhooks/secret", () => call("GET", "/v1/webhooks/secret"));
    const { id } = (await timed("create tenant", () =>
      call("POST", "/v1/admin/tenants", { name: `bench ${run}` }),
    )) as {
      id: string;
    };
    const keys: { id: string }[] = [];
    for (let k = 0; k < 3; k++) {
      keys.push(
        (await timed("create key", () =>
          call("POST", `/v1/admin/tenants/${id}/keys`, { label: `k${k}` }),
        )) as { id: string },
      );
    }
    await timed("list keys (3)", () => call("GET", `/v1/admin/tenants/${id}/keys`));
    await timed("revoke key", () => call("DELETE", `/v1/admin/tenants/${id}/keys/${keys[0]!.id}`));
  }
  console.log(
    `admin operations through the local runtime, ${runs} runs each (${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})`,
  );
  console.log(
    `${"operation".padEnd(32)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"samples".padStart(8)}`,
  );
  for (const [name, samples] of timings) {
    const sorted = [...samples].sort((a, b) => a - b);
    console.log(
      `${name.padEnd(32)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 95).toFixed(1).padStart(8)} ${String(sorted.length).padStart(8)}`,
    );
  }
} finally {
  await runtime.stop();
  await rm(stateDir, { recursive: true, force: true });
}
