// `npx -y pnpm@10 run local`: the whole pipeline on this machine, through the same Lambda handlers as AWS.

import { parseArgs } from "node:util";
import { ensureDashboardBuilt } from "@pixpipe/dashboard/build";
import { localHandlers, loopbackWebhooksAllowed } from "./handlers";
import { prepareLocalData } from "./local-data";
import { stopChildrenOnExit } from "./process-group";
import { DEFAULT_STATE_DIR, startLocalRuntime } from "./runtime";

const env = process.env;
// `run local -- --fresh` (or PIXPIPE_FRESH=1): start with an empty table instead of the kept one.
// pnpm hands the `--` of `run local -- --fresh` on to the script.
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { fresh: { type: "boolean", default: false } },
});
const fresh = args.fresh || ["1", "true"].includes(env.PIXPIPE_FRESH ?? "");
const realPixverse = env.PIXVERSE_BASE_URL
  ? {
      baseUrl: env.PIXVERSE_BASE_URL,
      apiKey: required("PIXVERSE_API_KEY"),
      webhookSecret: required("PIXVERSE_WEBHOOK_SECRET"),
    }
  : undefined;

// PIXPIPE_STATE_DIR puts local.json and the kept data elsewhere (a second local pipeline, tests).
const stateDir = env.PIXPIPE_STATE_DIR || DEFAULT_STATE_DIR;
const data = await prepareLocalData({
  stateDir,
  fresh,
  ...(env.PIXPIPE_API_KEY ? { apiKey: env.PIXPIPE_API_KEY } : {}),
});

// Built on the first start and whenever its sources changed since the last build (a few seconds).
const dashboard = await ensureDashboardBuilt({ log: (message) => console.log(`${message}…`) });

const runtime = await startLocalRuntime({
  dashboardDir: dashboard.dir,
  port: Number(env.PORT ?? 3000),
  apiKey: data.apiKey,
  dynamoDbPath: data.dynamoDbPath,
  stateDir,
  ...(realPixverse ? { pixverse: realPixverse } : {}),
  env: {
    // The simulator finishes in seconds; poll and retry on that scale instead of AWS's minutes.
    PIXPIPE_TIME_SCALE: env.PIXPIPE_TIME_SCALE ?? (realPixverse ? "1" : "0.1"),
    // Local media URLs may point at this machine (never allowed in AWS).
    PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: env.PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS ?? "true",
    // Metrics as readable lines beside the logs, rather than EMF documents only CloudWatch reads.
    PIXPIPE_METRICS_FORMAT: env.PIXPIPE_METRICS_FORMAT ?? "terminal",
  },
  // PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1: job webhooks may go to http://127.0.0.1:<port> (never in AWS).
  handlers: localHandlers({ allowLoopbackWebhooks: loopbackWebhooksAllowed(env) }),
});
stopChildrenOnExit({ stop: runtime.stop, childPids: runtime.childPids });

console.log(`pixpipe is running locally (Ctrl-C stops it)\n${JSON.stringify(runtime.info, null, 2)}`);
console.log(`written to ${runtime.infoFile}`);
console.log(
  fresh
    ? `started empty; jobs, tenants and keys are kept in ${data.dynamoDbPath} from now on`
    : `jobs, tenants and keys are kept in ${data.dynamoDbPath} (run local -- --fresh starts empty); S3 objects and SQS messages are not kept`,
);

function required(name: string): string {
  const value = env[name];
  if (!value) {
    console.error(`PIXVERSE_BASE_URL is set, so ${name} must be set too`);
    process.exit(2);
  }
  return value;
}
