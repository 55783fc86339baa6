import { handlers, pipelineFunction } from "./lambda";
import { pixverseApiKey } from "./secrets";
import { media, table } from "./storage";

const days = (n: number) => n * 24 * 60 * 60;

/** Encrypted at rest with SQS-owned keys (SSE-SQS), stated so it is asserted. */
const encrypted = { sqsManagedSseEnabled: true };

/**
 * SQS ages a dead-lettered message from its first enqueue, so dead-letter queues keep messages for
 * the maximum (14 days), longer than their source queues.
 */
const deadLetterQueue = { queue: { ...encrypted, messageRetentionSeconds: days(14) } };

/** After this many receives a message goes to the dead-letter queue. */
const maxReceiveCount = 5;

const archiverTimeoutMinutes = 5;

export const archiveDlq = new sst.aws.Queue("ArchiveDlq", { transform: deadLetterQueue });

export const archiveQueue = new sst.aws.Queue("ArchiveQueue", {
  // AWS's rule for Lambda consumers: at least 6x the function timeout, so a batch the event source
  // mapping retries after throttling does not reappear while it is still being processed.
  visibilityTimeout: `${6 * archiverTimeoutMinutes} minutes`,
  dlq: { queue: archiveDlq.arn, retry: maxReceiveCount },
  transform: { queue: encrypted },
});

/** S3 events the intake function still failed on after Lambda's retries: kept, never dropped. */
export const intakeDlq = new sst.aws.Queue("IntakeDlq", { transform: deadLetterQueue });

export const jobEventsDlq = new sst.aws.Queue("JobEventsDlq", { transform: deadLetterQueue });

/** CloudEvents for subscribers outside pixpipe (docs/deploy.md); pixpipe only sends. */
export const jobEvents = new sst.aws.Queue("JobEvents", {
  // A consumer may ask for a longer timeout per ReceiveMessage; a Lambda consumer needs a timeout of at
  // most a sixth of this.
  visibilityTimeout: "2 minutes",
  dlq: { queue: jobEventsDlq.arn, retry: maxReceiveCount },
  transform: { queue: { ...encrypted, messageRetentionSeconds: days(7) } },
});

const deliveriesTimeoutSeconds = 60;

/** Delivery messages the worker kept failing on (DynamoDB unreachable): the poller's sweep retries them too. */
export const webhookDeliveriesDlq = new sst.aws.Queue("WebhookDeliveriesDlq", { transform: deadLetterQueue });

/**
 * Per-job webhook deliveries for the delivery worker: a message per attempt, delayed by its backoff
 * (SQS delays up to 15 minutes; the worker waits out the rest). The delivery itself is in the table.
 */
export const webhookDeliveries = new sst.aws.Queue("WebhookDeliveries", {
  visibilityTimeout: `${6 * deliveriesTimeoutSeconds} seconds`,
  dlq: { queue: webhookDeliveriesDlq.arn, retry: maxReceiveCount },
  transform: { queue: encrypted },
});

/** Every dead-letter queue: a message in any of them alarms (infra/monitoring.ts). */
export const deadLetterQueues = {
  ArchiveDlq: archiveDlq,
  IntakeDlq: intakeDlq,
  JobEventsDlq: jobEventsDlq,
  WebhookDeliveriesDlq: webhookDeliveriesDlq,
};

archiveQueue.subscribe(
  pipelineFunction({
    handler: handlers.archiver,
    // Streams one video per message into S3 (multipart, up to PIXPIPE_ARCHIVE_MAX_BYTES).
    timeout: `${archiverTimeoutMinutes} minutes`,
    memory: "1024 MB",
    // PixverseApiKey: an expired result URL is refreshed from PixVerse before the copy gives up.
    link: [table, media, jobEvents, webhookDeliveries, pixverseApiKey],
  }),
  // Partial responses: only the failed messages of a batch are retried.
  { batch: { size: 5, partialResponses: true } },
);

webhookDeliveries.subscribe(
  pipelineFunction({
    handler: handlers.deliveries,
    // One attempt per message, the batch's in parallel, each at most 15 s (the sender's deadline).
    timeout: `${deliveriesTimeoutSeconds} seconds`,
    memory: "512 MB",
    // The table holds the deliveries and the tenants' signing secrets; retries go back on the queue.
    link: [table, webhookDeliveries],
  }),
  { batch: { size: 10, partialResponses: true } },
);
