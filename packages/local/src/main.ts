// `npx -y pnpm@10 run local`: the whole pipeline on this machine, through the same Lambda handlers as AWS.

import { stopChildrenOnExit } from "./process-group";
import { startLocalRuntime } from "./runtime";

const env = process.env;
const realPixverse = env.PIXVERSE_BASE_URL
  ? {
      baseUrl: env.PIXVERSE_BASE_URL,
      apiKey: required("PIXVERSE_API_KEY"),
      webhookSecret: required("PIXVERSE_WEBHOOK_SECRET"),
    }
  : undefined;

const runtime = await startLocalRuntime({
  port: Number(env.PORT ?? 3000),
  ...(env.PIXPIPE_API_KEY ? { apiKey: env.PIXPIPE_API_KEY } : {}),
  ...(realPixverse ? { pixverse: realPixverse } : {}),
  env: {
    // The simulator finishes in seconds; poll and retry on that scale instead of AWS's minutes.
    PIXPIPE_TIME_SCALE: env.PIXPIPE_TIME_SCALE ?? (realPixverse ? "1" : "0.1"),
    // Local media URLs may point at this machine (never allowed in AWS).
    PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: env.PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS ?? "true",
  },
  handlers: {
    api: async () => (await import("@pixpipe/functions/api")).handler,
    poller: async () => (await import("@pixpipe/functions/poller")).handler,
    archiver: async () => (await import("@pixpipe/functions/archiver")).handler,
    uploads: async () => (await import("@pixpipe/functions/intake")).handler,
  },
});
stopChildrenOnExit({ stop: runtime.stop, childPids: runtime.childPids });

console.log(`pixpipe is running locally (Ctrl-C stops it)\n${JSON.stringify(runtime.info, null, 2)}`);
console.log(`written to ${runtime.infoFile}`);

function required(name: string): string {
  const value = env[name];
  if (!value) {
    console.error(`PIXVERSE_BASE_URL is set, so ${name} must be set too`);
    process.exit(2);
  }
  return value;
}
