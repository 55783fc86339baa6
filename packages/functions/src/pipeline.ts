import { createApp } from "@pixpipe/api";
import { loadConfig } from "@pixpipe/core/config";
import { createPipeline, type Pipeline } from "@pixpipe/core/pipeline";

/** Built once per Lambda instance (module scope) and shared by every invocation. */
export const pipeline: Pipeline = createPipeline(loadConfig());

/** The Hono app over the pipeline: the API's ports are the pipeline's services. */
export function createApiApp(from: Pipeline = pipeline) {
  return createApp({
    authenticate: (apiKey) => from.tenants.authenticate(apiKey),
    jobs: from.jobService,
    webhooks: from.webhooks,
    logger: from.logger,
  });
}
