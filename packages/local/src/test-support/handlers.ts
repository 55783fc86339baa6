import { localHandlers } from "../handlers";
import type { LocalHandlerLoaders } from "../runtime";

/**
 * The real Lambda handlers as `run local` runs them with PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1 (test
 * receivers listen on 127.0.0.1). Free of any test runner, so the e2e tests and the benchmarks share it.
 */
export const REAL_HANDLERS: LocalHandlerLoaders = localHandlers({ allowLoopbackWebhooks: true });
