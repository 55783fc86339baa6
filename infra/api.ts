import { handlers, pipelineFunction } from "./lambda";
import { archiveQueue, jobEvents, webhookDeliveries } from "./queues";
import { pixverseApiKey, pixverseWebhookSecret, pixverseWebhookSecretPrevious } from "./secrets";
import { logRetention, stageSettings } from "./settings";
import { media, table } from "./storage";

const settings = stageSettings();

export const api = new sst.aws.ApiGatewayV2("Api", {
  // Without origins, no CORS headers at all: browsers on other origins are refused. The headers are
  // named: a wildcard would not cover Authorization (Fetch), which every /v1 call sends.
  cors:
    settings.corsOrigins.length > 0
      ? {
          allowOrigins: settings.corsOrigins,
          // PATCH and DELETE: the dashboard's admin pages (tenant settings, revoking a key).
          allowMethods: ["GET", "POST", "PATCH", "DELETE"],
          allowHeaders: ["authorization", "content-type", "idempotency-key", "range"],
          exposeHeaders: ["x-request-id"],
          maxAge: "10 minutes",
        }
      : false,
  ...(settings.apiDomain && {
    // Route 53 in this account by default; with a certificate ARN, DNS is the operator's (a CNAME).
    domain: settings.apiDomain.certificateArn
      ? { name: settings.apiDomain.name, dns: false, cert: settings.apiDomain.certificateArn }
      : settings.apiDomain.name,
  }),
  accessLog: { retention: logRetention(settings) },
  transform: {
    stage: (args) => {
      // Beyond these API Gateway answers 429 before a Lambda runs (per stage, every route).
      args.defaultRouteSettings = {
        throttlingRateLimit: settings.apiThrottle.rateLimit,
        throttlingBurstLimit: settings.apiThrottle.burstLimit,
      };
    },
  },
});

// One catch-all route: the Hono app does the routing (jobs API, PixVerse webhooks, OpenAPI, health).
api.route(
  "$default",
  pipelineFunction({
    handler: handlers.api,
    // API Gateway gives up after 30 s. A long poll (GET ?wait, POST Prefer: wait) answers within 25 s of
    // its start, the inline submit within its budget inside those; the rest is headroom.
    timeout: "29 seconds",
    memory: "512 MB",
    link: [
      table,
      media,
      archiveQueue,
      jobEvents,
      webhookDeliveries,
      pixverseApiKey,
      pixverseWebhookSecret,
      pixverseWebhookSecretPrevious,
    ],
  }),
);
