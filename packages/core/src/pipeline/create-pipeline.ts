import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import { type AwsClients, createAwsClients } from "../aws";
import type { Config } from "../config";
import { SqsJobEventPublisher } from "../events";
import { DynamoJobRepository } from "../job";
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
import type { Logger } from "./ports";
import { DEFAULT_TIMINGS, scaleTimings, type Timings } from "./timings";
import { WebhookReceiver } from "./webhook-receiver";

/** Everything the Lambda entry points (and the local runtime) call, wired once per process. */
export interface Pipeline {
  config: Config;
  jobService: JobService;
  webhooks: WebhookReceiver;
  poller: Poller;
  archiver: Archiver;
  steps: JobSteps;
  tenants: TenantRepository;
  logger: Logger;
  close(): Promise<void>;
}

export interface PipelineOptions {
  clients?: AwsClients;
  logger?: Logger;
  timings?: Timings;
}

export function createPipeline(config: Config, options: PipelineOptions = {}): Pipeline {
  const clients = options.clients ?? createAwsClients();
  const logger = options.logger ?? new PowertoolsLogger({ serviceName: "pixpipe" });
  const timings = options.timings ?? scaleTimings(DEFAULT_TIMINGS, config.timeScale);
  const jobs = new DynamoJobRepository(clients.dynamo, config.tableName);
  const pixverse = new PixverseClient({ baseUrl: config.pixverse.baseUrl, apiKey: config.pixverse.apiKey });
  const urlPolicy = {
    allowPrivateNetworks: config.allowPrivateMediaUrls,
    allowHttp: config.allowPrivateMediaUrls,
  };
  const media = new MediaResolver({
    s3: clients.s3,
    bucket: config.mediaBucket,
    jobs,
    pixverse,
    fetcher: new PublicUrlFetcher(urlPolicy),
    allowPrivateNetworks: config.allowPrivateMediaUrls,
  });
  const steps = new JobSteps({
    jobs,
    pixverse,
    media,
    archiveQueue: new SqsArchiveQueue(clients.sqs, config.archiveQueueUrl),
    events: new SqsJobEventPublisher(clients.sqs, config.eventsQueueUrl, config.eventSource),
    timings,
    jobDeadlineSeconds: config.jobDeadlineSeconds,
    maxConcurrency: config.pixverse.maxConcurrency,
    logger,
  });
  return {
    config,
    steps,
    logger,
    tenants: new DynamoTenantRepository(clients.dynamo, config.tableName),
    jobService: new JobService({
      jobs,
      steps,
      media,
      pixverse,
      s3: clients.s3,
      bucket: config.mediaBucket,
      logger,
      inlineBudgetMs: config.inlineSubmitMs,
    }),
    webhooks: new WebhookReceiver({
      jobs,
      steps,
      secret: config.pixverse.webhookSecret,
      nonces: new DynamoNonceStore(clients.dynamo, config.tableName),
      logger,
    }),
    poller: new Poller({ jobs, steps, logger, requestsPerSecond: config.pixverse.requestsPerSecond }),
    archiver: new Archiver({
      jobs,
      steps,
      pixverse,
      s3: clients.s3,
      bucket: config.mediaBucket,
      maxBytes: config.archiveMaxBytes,
      logger,
    }),
    close: () => pixverse.close(),
  };
}
