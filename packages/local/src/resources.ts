import { BucketAlreadyOwnedByYou, CreateBucketCommand } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { AwsClients } from "@pixpipe/core/aws";
import { ensureTable } from "@pixpipe/core/table";

/** Names of what the pipeline needs, the local counterparts of the SST resources. */
export interface PipelineResourceNames {
  table: string;
  mediaBucket: string;
  archiveQueue: string;
  archiveDlq: string;
  eventsQueue: string;
  eventsDlq: string;
  webhookQueue: string;
  webhookDlq: string;
  /** The uploads function's on-failure destination. */
  intakeDlq: string;
}

export const LOCAL_RESOURCE_NAMES: PipelineResourceNames = {
  table: "pixpipe-local",
  mediaBucket: "pixpipe-media",
  archiveQueue: "pixpipe-archive",
  archiveDlq: "pixpipe-archive-dlq",
  eventsQueue: "pixpipe-job-events",
  eventsDlq: "pixpipe-job-events-dlq",
  webhookQueue: "pixpipe-webhook-deliveries",
  webhookDlq: "pixpipe-webhook-deliveries-dlq",
  intakeDlq: "pixpipe-intake-dlq",
};

export interface QueueResource {
  name: string;
  url: string;
  arn: string;
}

export interface PipelineResources {
  tableName: string;
  mediaBucket: string;
  archiveQueue: QueueResource;
  archiveDlq: QueueResource;
  eventsQueue: QueueResource;
  eventsDlq: QueueResource;
  webhookQueue: QueueResource;
  webhookDlq: QueueResource;
  intakeDlq: QueueResource;
}

/** Where the handlers' configuration points for these resources and this PixVerse (the settings linked in AWS). */
export function pipelineEnvironment(
  resources: PipelineResources,
  pixverse: { baseUrl: string; apiKey: string; webhookSecret: string },
): Record<string, string> {
  return {
    PIXPIPE_TABLE_NAME: resources.tableName,
    PIXPIPE_MEDIA_BUCKET: resources.mediaBucket,
    PIXPIPE_ARCHIVE_QUEUE_URL: resources.archiveQueue.url,
    PIXPIPE_EVENTS_QUEUE_URL: resources.eventsQueue.url,
    PIXPIPE_WEBHOOK_QUEUE_URL: resources.webhookQueue.url,
    PIXVERSE_BASE_URL: pixverse.baseUrl,
    PIXVERSE_API_KEY: pixverse.apiKey,
    PIXVERSE_WEBHOOK_SECRET: pixverse.webhookSecret,
  };
}

export interface PipelineResourceOptions {
  names?: Partial<PipelineResourceNames>;
  /** The archive queue's visibility timeout: at least the archiver's function timeout. */
  archiveVisibilityTimeoutSeconds: number;
  /** The webhook delivery queue's visibility timeout: 6x the delivery worker's timeout. Default 360. */
  webhookVisibilityTimeoutSeconds?: number;
  /** Receives before a message moves to its DLQ (SST's `dlq.retry`). Default 5. */
  maxReceiveCount?: number;
}

const days = (n: number) => String(n * 24 * 3600);

/** DLQs keep messages as long as SQS allows, so nothing dead-lettered expires unseen. */
const deadLetterAttributes = { MessageRetentionPeriod: days(14) };

async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<QueueResource> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  if (!Attributes?.QueueArn) throw new Error(`queue ${name} reports no QueueArn`);
  return { name, url: QueueUrl, arn: Attributes.QueueArn };
}

async function createQueueWithDlq(
  sqs: SQSClient,
  names: { queue: string; dlq: string },
  attributes: Record<string, string>,
  maxReceiveCount: number,
): Promise<{ queue: QueueResource; dlq: QueueResource }> {
  const dlq = await createQueue(sqs, names.dlq, deadLetterAttributes);
  const queue = await createQueue(sqs, names.queue, {
    ...attributes,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
  });
  return { queue, dlq };
}

/**
 * Creates the table, the media bucket, the archive, events and webhook delivery queues with their dead-letter queues
 * and the uploads function's failure queue in the emulators, as infra/ declares them in AWS. Safe to run against resources that already exist.
 */
export async function createPipelineResources(
  clients: Pick<AwsClients, "dynamo" | "s3" | "sqs">,
  options: PipelineResourceOptions,
): Promise<PipelineResources> {
  const names = { ...LOCAL_RESOURCE_NAMES, ...options.names };
  const maxReceiveCount = options.maxReceiveCount ?? 5;
  const createBucket = clients.s3
    .send(new CreateBucketCommand({ Bucket: names.mediaBucket }))
    .catch((error) => {
      if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    });
  // Attributes as infra/queues.ts sets them.
  const [archive, events, webhooks, intakeDlq] = await Promise.all([
    createQueueWithDlq(
      clients.sqs,
      { queue: names.archiveQueue, dlq: names.archiveDlq },
      { VisibilityTimeout: String(options.archiveVisibilityTimeoutSeconds) },
      maxReceiveCount,
    ),
    createQueueWithDlq(
      clients.sqs,
      { queue: names.eventsQueue, dlq: names.eventsDlq },
      { VisibilityTimeout: "120", MessageRetentionPeriod: days(7) },
      maxReceiveCount,
    ),
    createQueueWithDlq(
      clients.sqs,
      { queue: names.webhookQueue, dlq: names.webhookDlq },
      {
        VisibilityTimeout: String(options.webhookVisibilityTimeoutSeconds ?? 360),
        MessageRetentionPeriod: days(4),
      },
      maxReceiveCount,
    ),
    createQueue(clients.sqs, names.intakeDlq, deadLetterAttributes),
    ensureTable(clients.dynamo, names.table),
    createBucket,
  ]);
  return {
    tableName: names.table,
    mediaBucket: names.mediaBucket,
    archiveQueue: archive.queue,
    archiveDlq: archive.dlq,
    eventsQueue: events.queue,
    eventsDlq: events.dlq,
    webhookQueue: webhooks.queue,
    webhookDlq: webhooks.dlq,
    intakeDlq,
  };
}
