import { handlers, pipelineFunction } from "./lambda";
import { archiveQueue, intakeDlq, jobEvents, webhookDeliveries } from "./queues";
import { pixverseApiKey } from "./secrets";
import { media, table } from "./storage";

// The bucket's only notification (SST allows one notify call per bucket): objects under incoming/
// start jobs (ARCHITECTURE.md §6).
media.notify({
  notifications: [
    {
      name: "IncomingObject",
      function: pipelineFunction({
        handler: handlers.intake,
        // Creates the job and submits it inline, which may upload the image to PixVerse.
        timeout: "2 minutes",
        memory: "512 MB",
        // Job creation is shared with the API (JobService), so the same queues are reachable.
        link: [table, media, archiveQueue, jobEvents, webhookDeliveries, pixverseApiKey],
        // S3 invokes asynchronously: after Lambda's retries a failed event goes to IntakeDlq.
        retries: 2,
        permissions: [{ actions: ["sqs:SendMessage"], resources: [intakeDlq.arn] }],
        transform: {
          eventInvokeConfig: { destinationConfig: { onFailure: { destination: intakeDlq.arn } } },
        },
      }),
      events: ["s3:ObjectCreated:*"],
      filterPrefix: "incoming/",
    },
  ],
});
