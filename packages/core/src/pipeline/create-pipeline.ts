import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import { type AwsClients, createAwsClients } from "../aws";
import { type Config, requireSetting } from "../config";
import { SqsJobEventPublisher } from "../events";
import { DynamoJobRepository, type JobRepository } from "../job";
import { PublicUrlFetcher } from "../media";
import { DynamoNonceStore } from "../nonce";
import { PixverseClient } from "../pixverse";
import { DynamoTenantRepository, type TenantRepository } from "../tenant";
import { SqsArchiveQueue } from "./archive-queue";
import { Archiver } from "./archiver";
import { JobService } from "./job-service";
import { JobSteps } from "./job-steps";
import { MediaResolver } from "./media-resolver";
import { Poller } from "./poller";
import type { ArchiveQueue, Logger } from "./ports";
import { DEFAULT_TIMINGS, scaleTimings, type Timings } from "./timings";
import { WebhookReceiver } from "./webhook-receiver";

/** Everything the Lambda entry points (and the local runtime) call, wired once per process. */
export interface Pipeline {
  readonly config: Config;
  readonly jobService: JobService;
  readonly webhooks: WebhookReceiver;
  readonly poller: Poller;
  readonly archiver: Archiver;
  readonly steps: JobSteps;
  readonly tenants: TenantRepository;
  readonly jobs: JobRepository;
  /** The AWS clients the services share (one set per process). */
  readonly clients: AwsClients;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface PipelineOptions {
  clients?: AwsClients;
  logger?: Logger;
  timings?: Timings;
}

/** A value built on first use: each Lambda builds (and needs configuration for) only what it calls. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

export function createPipeline(config: Config, options: PipelineOptions = {}): Pipeline {
  const clients = once(() => options.clients ?? createAwsClients());
  const logger = options.logger ?? new PowertoolsLogger({ serviceName: "pixpipe" });
  const timings = options.timings ?? scaleTimings(DEFAULT_TIMINGS, config.timeScale);
  const tableName = () => requireSetting(config.tableName, "tableName");
  const bucket = () => requireSetting(config.mediaBucket, "mediaBucket");

  const jobs = once(() => new DynamoJobRepository(clients().dynamo, tableName()));
  let pixverseClient: PixverseClient | undefined;
  const pixverse = () => {
    pixverseClient ??= new PixverseClient({
      baseUrl: config.pixverse.baseUrl,
      apiKey: requireSetting(config.pixverse.apiKey, "pixverse.apiKey"),
    });
    return pixverseClient;
  };
  const media = once(
    () =>
      new MediaResolver({
        s3: clients().s3,
        bucket: bucket(),
        jobs: jobs(),
        pixverse: pixverse(),
        fetcher: new PublicUrlFetcher({
          allowPrivateNetworks: config.allowPrivateMediaUrls,
          allowHttp: config.allowPrivateMediaUrls,
        }),
        allowPrivateNetworks: config.allowPrivateMediaUrls,
      }),
  );
  const archiveQueue = once(
    () => new SqsArchiveQueue(clients().sqs, requireSetting(config.archiveQueueUrl, "archiveQueueUrl")),
  );
  // Only the steps that hand out archives use the queue; the archiver itself is not linked to it.
  const lazyArchiveQueue: ArchiveQueue = { enqueue: (jobId) => archiveQueue().enqueue(jobId) };
  const steps = once(
    () =>
      new JobSteps({
        jobs: jobs(),
        pixverse: pixverse(),
        media: media(),
        archiveQueue: lazyArchiveQueue,
        events: new SqsJobEventPublisher(
          clients().sqs,
          requireSetting(config.eventsQueueUrl, "eventsQueueUrl"),
          config.eventSource,
        ),
        timings,
        jobDeadlineSeconds: config.jobDeadlineSeconds,
        maxConcurrency: config.pixverse.maxConcurrency,
        logger,
      }),
  );
  const jobService = once(
    () =>
      new JobService({
        jobs: jobs(),
        steps: steps(),
        media: media(),
        pixverse: pixverse(),
        s3: clients().s3,
        bucket: bucket(),
        logger,
        inlineBudgetMs: config.inlineSubmitMs,
      }),
  );
  const webhooks = once(
    () =>
      new WebhookReceiver({
        jobs: jobs(),
        steps: steps(),
        secret: requireSetting(config.pixverse.webhookSecret, "pixverse.webhookSecret"),
        nonces: new DynamoNonceStore(clients().dynamo, tableName()),
        logger,
      }),
  );
  const poller = once(
    () =>
      new Poller({
        jobs: jobs(),
        steps: steps(),
        logger,
        requestsPerSecond: config.pixverse.requestsPerSecond,
      }),
  );
  const archiver = once(
    () =>
      new Archiver({
        jobs: jobs(),
        steps: steps(),
        pixverse: pixverse(),
        s3: clients().s3,
        bucket: bucket(),
        maxBytes: config.archiveMaxBytes,
        logger,
      }),
  );
  const tenants = once(() => new DynamoTenantRepository(clients().dynamo, tableName()));

  return {
    config,
    logger,
    get jobService() {
      return jobService();
    },
    get webhooks() {
      return webhooks();
    },
    get poller() {
      return poller();
    },
    get archiver() {
      return archiver();
    },
    get steps() {
      return steps();
    },
    get tenants() {
      return tenants();
    },
    get jobs() {
      return jobs();
    },
    get clients() {
      return clients();
    },
    close: async () => {
      await pixverseClient?.close();
    },
  };
}
