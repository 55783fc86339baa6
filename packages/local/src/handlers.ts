import type { LocalHandlerLoaders } from "./runtime";

/** What the local runtime may do that AWS never does. */
export interface LocalOnlyOptions {
  /**
   * Webhooks may go to loopback receivers (http://127.0.0.1:<port>), for a developer receiving on a
   * laptop: PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1. It reaches the pipeline as an option of the handlers the
   * runtime builds, never as configuration, so the Lambdas in AWS cannot read it.
   */
  allowLoopbackWebhooks: boolean;
}

/** Whether PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS asks for loopback webhooks ("1" or "true"). */
export function loopbackWebhooksAllowed(env: NodeJS.ProcessEnv): boolean {
  return ["1", "true"].includes(env.PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS ?? "");
}

/**
 * The Lambda handlers as the runtime runs them, loaded after it set their environment: the poller,
 * archiver and uploads entry points as they are; the API (which checks webhook URLs at the door) and
 * the delivery worker built from the same factories as their entry points, with the local options.
 */
export function localHandlers(options: LocalOnlyOptions): LocalHandlerLoaders {
  const pipeline = async (links: Parameters<typeof import("@pixpipe/functions/pipeline").loadPipeline>[0]) =>
    (await import("@pixpipe/functions/pipeline")).loadPipeline(links, {
      allowLoopbackWebhooks: options.allowLoopbackWebhooks,
    });
  return {
    api: async () => {
      const { API_LINKS, apiHandler } = await import("@pixpipe/functions/api-handler");
      return apiHandler(await pipeline(API_LINKS));
    },
    poller: async () => (await import("@pixpipe/functions/poller")).handler,
    archiver: async () => (await import("@pixpipe/functions/archiver")).handler,
    intake: async () => (await import("@pixpipe/functions/intake")).handler,
    deliveries: async () => {
      const { DELIVERY_LINKS, deliveryHandler } = await import("@pixpipe/functions/deliveries-handler");
      return deliveryHandler(await pipeline(DELIVERY_LINKS));
    },
  };
}
