import type { LocalHandlerLoaders } from "../runtime";

/**
 * The real Lambda entry points, loaded as main.ts loads them (after the runtime set their env). Free of
 * any test runner, so the e2e tests and the benchmarks share it.
 */
export const REAL_HANDLERS: LocalHandlerLoaders = {
  api: async () => (await import("@pixpipe/functions/api")).handler,
  poller: async () => (await import("@pixpipe/functions/poller")).handler,
  archiver: async () => (await import("@pixpipe/functions/archiver")).handler,
  uploads: async () => (await import("@pixpipe/functions/intake")).handler,
};
