import { parseArgs } from "node:util";
import { startSimulator } from "./simulator";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "api-key": { type: "string" },
    "webhook-secret": { type: "string" },
    "webhook-url": { type: "string" },
    "generation-ms": { type: "string" },
    "large-ids": { type: "boolean", default: false },
    "time-factor": { type: "string" },
    credits: { type: "string" },
    "concurrency-limit": { type: "string" },
    "output-bytes": { type: "string" },
  },
});

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const simulator = await startSimulator({
  port: Number(values.port),
  host: values.host,
  apiKey: values["api-key"],
  webhookSecret: values["webhook-secret"],
  webhookUrl: values["webhook-url"],
  generationMs: number(values["generation-ms"]),
  largeIds: values["large-ids"],
  timeFactor: number(values["time-factor"]),
  credits: number(values.credits),
  concurrencyLimit: number(values["concurrency-limit"]),
  outputBytes: number(values["output-bytes"]),
});

console.log(`PixVerse simulator listening on ${simulator.url}`);
console.log(`PIXVERSE_BASE_URL=${simulator.url}`);
console.log(`PIXVERSE_API_KEY=${simulator.apiKey}`);
console.log(`PIXVERSE_WEBHOOK_SECRET=${simulator.webhookSecret}`);
console.log(`Control API: ${simulator.url}/_sim (faults, ledger, webhooks, credits, config, reset)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void simulator.stop().then(() => process.exit(0));
  });
}
