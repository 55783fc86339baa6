import type { Pipeline } from "@pixpipe/core/wiring";
import type { ApiDeps } from "./ports";

/** The API's ports, each served by the pipeline's service for it. */
export function apiDepsFromPipeline(pipeline: Pipeline): ApiDeps {
  return {
    authenticate: (apiKey) => pipeline.authenticationService.authenticate(apiKey),
    jobs: pipeline.jobService,
    deliveries: pipeline.webhookDeliveryService,
    uploads: pipeline.uploadService,
    masks: pipeline.maskService,
    catalog: pipeline.catalogService,
    account: pipeline.accountService,
    webhooks: pipeline.webhooks,
    tenantAdmin: pipeline.tenantAdminService,
    usage: pipeline.usageService,
    webhookSecrets: pipeline.webhookSecretService,
    logger: pipeline.logger,
  };
}
