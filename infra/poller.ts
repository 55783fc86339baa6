import { handlers, pipelineFunction } from "./lambda";
import { archiveQueue, jobEvents, webhookDeliveries } from "./queues";
import { pixverseApiKey } from "./secrets";
import { media, table } from "./storage";

export const poller = new sst.aws.CronV2("Poller", {
  schedule: "rate(1 minute)",
  function: pipelineFunction({
    handler: handlers.poller,
    // Finishes before the next tick starts.
    timeout: "50 seconds",
    memory: "512 MB",
    // A failed tick is not retried: the next one comes within a minute and would overlap the retry.
    retries: 0,
    // Media: a submit uploads the job's `{ upload }` media to PixVerse.
    link: [table, media, archiveQueue, jobEvents, webhookDeliveries, pixverseApiKey],
  }),
});
