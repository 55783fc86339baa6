/*
 * What every pixpipe Lambda shares. Plain data apart from the `sst` types (stage settings are read
 * only when pipelineFunction runs), so scripts/bundle-functions.ts (run outside SST) can import it too.
 */
import { logRetention, stageSettings } from "./settings";

/** Handler paths, relative to the repo root as SST resolves them. */
export const handlers = {
  api: "packages/functions/src/api.handler",
  poller: "packages/functions/src/poller.handler",
  archiver: "packages/functions/src/archiver.handler",
  intake: "packages/functions/src/intake.handler",
  deliveries: "packages/functions/src/deliveries.handler",
} as const;

export type HandlerName = keyof typeof handlers;

/**
 * Files a function's package carries beside its bundle, per handler: Swagger UI's for the api's
 * GET /docs (1.9 MB, read on first request by packages/api/src/routes/docs.ts), at the path where
 * Node's module resolution finds the package, instead of inside the bundle every cold start loads.
 */
export const packagedFiles: Partial<Record<HandlerName, { from: string; to: string }[]>> = {
  api: ["package.json", "swagger-ui-bundle.js", "swagger-ui.css"].map((file) => ({
    from: `packages/api/node_modules/swagger-ui-dist/${file}`,
    to: `node_modules/swagger-ui-dist/${file}`,
  })),
};

/** Node 22, the line the code is tested on (SST 4 would default to nodejs24.x). */
export const lambdaRuntime = "nodejs22.x";

/** The Lambda Node runtime ships AWS SDK v3, so bundles leave it out (smaller, faster cold starts). */
export const bundleExternal = ["@aws-sdk/*"];

/**
 * The deployment's tunables, read by core/config under the same names as in local mode. Every function
 * gets the same set so an edit here means the same thing to all of them.
 */
export const pipelineEnvironment: Record<string, string> = {
  PIXVERSE_BASE_URL: "https://app-api.pixverse.ai",
  PIXVERSE_MAX_CONCURRENCY: "5",
  PIXVERSE_REQUESTS_PER_SECOND: "5",
  PIXPIPE_JOB_DEADLINE_SECONDS: "3600",
  PIXPIPE_ARCHIVE_MAX_BYTES: String(5 * 1024 ** 3),
  POWERTOOLS_SERVICE_NAME: "pixpipe",
};

/**
 * `pixpipe-<stage>-<handler>`: readable in the console and known before deploy, so the dashboard
 * names functions without waiting on them (Lambda allows 64 characters).
 */
export function functionName(handler: HandlerName): string {
  return `${$app.name}-${$app.stage}-${handler}`;
}

/**
 * A pixpipe function: the caller's settings plus its name and the shared runtime, bundling,
 * environment, log level and log retention (the stage's settings).
 */
export function pipelineFunction(
  args: Omit<sst.aws.FunctionArgs, "name" | "runtime" | "nodejs" | "environment" | "logging"> & {
    handler: (typeof handlers)[HandlerName];
  },
): sst.aws.FunctionArgs {
  const settings = stageSettings();
  const handler = (Object.keys(handlers) as HandlerName[]).find((name) => handlers[name] === args.handler)!;
  return {
    ...args,
    ...(packagedFiles[handler] && { copyFiles: packagedFiles[handler] }),
    name: functionName(handler),
    runtime: lambdaRuntime,
    nodejs: { esbuild: { external: bundleExternal } },
    environment: { ...pipelineEnvironment, POWERTOOLS_LOG_LEVEL: settings.logLevel },
    logging: { retention: logRetention(settings) },
  };
}
