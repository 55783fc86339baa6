/*
 * What every pixpipe Lambda shares. Plain data apart from the `sst` types, so
 * scripts/bundle-functions.ts (run outside SST) can import it too.
 */

/** Handler paths, relative to the repo root as SST resolves them. */
export const handlers = {
  api: "packages/functions/src/api.handler",
  poller: "packages/functions/src/poller.handler",
  archiver: "packages/functions/src/archiver.handler",
  uploads: "packages/functions/src/intake.handler",
} as const;

export type HandlerName = keyof typeof handlers;

/**
 * Node 22: the closest supported Lambda runtime to the Node 20 toolchain the code is tested on
 * (SST 4 would default to nodejs24.x).
 */
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

/** A pixpipe function: the caller's settings plus the shared runtime, bundling and environment. */
export function pipelineFunction(
  args: Omit<sst.aws.FunctionArgs, "runtime" | "nodejs" | "environment"> & {
    handler: (typeof handlers)[HandlerName];
  },
): sst.aws.FunctionArgs {
  return {
    ...args,
    runtime: lambdaRuntime,
    nodejs: { esbuild: { external: bundleExternal } },
    environment: pipelineEnvironment,
  };
}
