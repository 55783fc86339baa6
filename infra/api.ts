import { handlers, pipelineFunction } from "./lambda";
import { archiveQueue, jobEvents } from "./queues";
import { pixverseApiKey, pixverseWebhookSecret } from "./secrets";
import { media, table } from "./storage";

export const api = new sst.aws.ApiGatewayV2("Api");

// One catch-all route: the Hono app does the routing (jobs API, PixVerse webhooks, OpenAPI, health).
api.route(
  "$default",
  pipelineFunction({
    handler: handlers.api,
    // API Gateway gives up after 30 s; job creation's inline submit works within a shorter budget.
    timeout: "20 seconds",
    memory: "512 MB",
    link: [table, media, archiveQueue, jobEvents, pixverseApiKey, pixverseWebhookSecret],
  }),
);
