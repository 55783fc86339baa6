/**
 * Benchmark (not a test): latency of the admin operations through the whole local runtime (HTTP,
 * the api Lambda handler, DynamoDB Local), p50 and p95 over --runs runs each, beside two floors
 * measured in the same run: GET /healthz (HTTP and the handler, no DynamoDB) and GET /v1/webhooks/secret
 * (authentication's BatchGet and one GetItem).
 *
 *   npx -y pnpm@10 run bench:admin [--runs 50]
 */
import { parseArgs } from "node:util";
import { machine, printPercentiles, Samples, startBenchRuntime } from "./support";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { runs: { type: "string", default: "50" } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) throw new Error("--runs is a whole number of 2 or more");

const bench = await startBenchRuntime();
const { api } = bench;
const samples = new Samples();

try {
  // Warm-up: the handler's modules, the SDK's connections, DynamoDB Local's JIT.
  for (let i = 0; i < 10; i++) {
    const { id } = await api.call<{ id: string }>("POST", "/v1/admin/tenants", { name: `warm-up ${i}` });
    await api.call("POST", `/v1/admin/tenants/${id}/keys`, { label: "warm-up" });
    await api.call("GET", `/v1/admin/tenants/${id}/keys`);
  }
  for (let run = 0; run < runs; run++) {
    await samples.timed("floor: GET /healthz", () => api.call("GET", "/healthz"));
    await samples.timed("floor: GET /v1/webhooks/secret", () => api.call("GET", "/v1/webhooks/secret"));
    const { id } = await samples.timed("create tenant", () =>
      api.call<{ id: string }>("POST", "/v1/admin/tenants", { name: `bench ${run}` }),
    );
    const keys: { id: string }[] = [];
    for (let k = 0; k < 3; k++) {
      keys.push(
        await samples.timed("create key", () =>
          api.call<{ id: string }>("POST", `/v1/admin/tenants/${id}/keys`, { label: `k${k}` }),
        ),
      );
    }
    await samples.timed("list keys (3)", () => api.call("GET", `/v1/admin/tenants/${id}/keys`));
    await samples.timed("revoke key", () =>
      api.call("DELETE", `/v1/admin/tenants/${id}/keys/${keys[0]!.id}`),
    );
  }
  printPercentiles(`admin operations through the local runtime, ${runs} runs each (${machine()})`, samples);
} finally {
  await bench.stop();
}
