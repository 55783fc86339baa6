import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import { type AwsClients, createAwsClients } from "../aws";
import { type Config, requireSetting } from "../config";
import { type JobEventPublisher, SqsJobEventPublisher } from "../events";
import { DynamoJobRepository, type JobRepository } from "../job";
import { PublicUrlFetcher } from "../media";
import { deploymentStage, EmfMetrics, type Metrics, terminalMetricsWriter } from "../metrics";
import { DynamoNonceStore } from "../nonce";
import {
  type ArchiveQueue,
  Archiver,
  type Clock,
  DEFAULT_TIMINGS,
  JobLifecycle,
  JobSteps,
  type Logger,
  MediaResolver,
  PipelineGauges,
  type PixverseApi,
  Poller,
  Scheduler,
  SqsArchiveQueue,
  scaleTimings,
  slotLimitsOf,
  systemClock,
  type Timings,
  WebhookReceiver,
} from "../pipeline";
import { type NonceStore, PixverseClient } from "../pixverse";
import {
  AccountService,
  AuthenticationService,
  CatalogService,
  CreditBudget,
  JobService,
  MaskService,
  TenantAdminService,
  UploadService,
  UsageService,
  WebhookDeliveryService,
  WebhookSecretService,
} from "../services";
import { type MediaStore, S3MediaStore } from "../storage";
import { DynamoTenantRepository, type TenantRepository } from "../tenant";
import { DynamoUsageRepository, type UsageRepository } from "../usage";
import {
  DynamoWebhookDeliveryRepository,
  HttpWebhookSender,
  SqsWebhookQueue,
  STRICT_WEBHOOK_URLS,
  WebhookDeliverer,
  type WebhookDeliveryRepository,
  WebhookOutbox,
  type WebhookQueue,
  type WebhookSender,
  WebhookUrlGuard,
} from "../webhooks";

/** The outside world the pipeline talks to, one port each; AWS and PixVerse by default. */
export interface PipelineAdapters {
  jobs: JobRepository;
  tenants: TenantRepository;
  usage: UsageRepository;
  nonces: NonceStore;
  events: JobEventPublisher;
  archiveQueue: ArchiveQueue;
  pixverse: PixverseApi;
  store: MediaStore;
  urlFetcher: PublicUrlFetcher;
  webhookDeliveries: WebhookDeliveryRepository;
  webhookQueue: WebhookQueue;
  webhookSender: WebhookSender;
  /** The SSRF guard of webhook URLs (its DNS is the outside world too). */
  webhookUrls: WebhookUrlGuard;
}

/** Builders of adapters, called on first use; any left out are the AWS and PixVerse ones. */
export type AdapterFactories = { [K in keyof PipelineAdapters]?: () => PipelineAdapters[K] };

/** Everything the Lambda entry points (and the local runtime) call, wired once per process. */
export interface Pipeline {
  readonly config: Config;
  readonly logger: Logger;
  /** Flushed by each entry point at the end of every invocation. */
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly jobService: JobService;
  readonly uploadService: UploadService;
  readonly maskService: MaskService;
  readonly catalogService: CatalogService;
  readonly accountService: AccountService;
  readonly authenticationService: AuthenticationService;
  readonly tenantAdminService: TenantAdminService;
  readonly webhookSecretService: WebhookSecretService;
  readonly usageService: UsageService;
  readonly webhookDeliveryService: WebhookDeliveryService;
  readonly webhooks: WebhookReceiver;
  /** Sends a job's webhook deliveries (the WebhookDeliveries queue's worker). */
  readonly webhookDeliverer: WebhookDeliverer;
  readonly poller: Poller;
  readonly scheduler: Scheduler;
  readonly archiver: Archiver;
  readonly steps: JobSteps;
  readonly lifecycle: JobLifecycle;
  readonly jobs: JobRepository;
  readonly tenants: TenantRepository;
  /** The AWS clients the default adapters share (one set per process). */
  readonly clients: AwsClients;
  close(): Promise<void>;
}

export interface PipelineOptions {
  clients?: AwsClients;
  adapters?: AdapterFactories;
  logger?: Logger;
  /** EMF on standard output by default (`config.metricsFormat` says how it is written). */
  metrics?: Metrics;
  timings?: Timings;
  clock?: Clock;
  /**
   * Lets webhooks go to loopback receivers (http://127.0.0.1:<port>). Only the local runtime sets it
   * (PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1); it is no configuration setting, so no Lambda can turn it on.
   */
  allowLoopbackWebhooks?: boolean;
}

/** Metrics as the configuration says to write them (a bad record is dropped and logged, whatever the format). */
function configuredMetrics(format: Config["metricsFormat"], logger: Logger): Metrics {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const write = { emf: print, terminal: terminalMetricsWriter(print), none: () => {} }[format];
  return new EmfMetrics({ stage: deploymentStage(), warnings: logger, write });
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
  const metrics = options.metrics ?? configuredMetrics(config.metricsFormat, logger);
  const clock = options.clock ?? systemClock;
  const timings = options.timings ?? {
    ...scaleTimings(DEFAULT_TIMINGS, config.timeScale),
    mediaMaxAttempts: config.mediaAttempts,
  };
  const tableName = () => requireSetting(config.tableName, "tableName");
  const factories = options.adapters ?? {};

  let pixverseClient: PixverseClient | undefined;
  const defaults: { [K in keyof PipelineAdapters]: () => PipelineAdapters[K] } = {
    jobs: () => new DynamoJobRepository(clients().dynamo, tableName()),
    tenants: () => new DynamoTenantRepository(clients().dynamo, tableName()),
    usage: () => new DynamoUsageRepository(clients().dynamo, tableName()),
    nonces: () => new DynamoNonceStore(clients().dynamo, tableName()),
    events: () =>
      new SqsJobEventPublisher(
        clients().sqs,
        requireSetting(config.eventsQueueUrl, "eventsQueueUrl"),
        config.eventSource,
      ),
    archiveQueue: () =>
      new SqsArchiveQueue(clients().sqs, requireSetting(config.archiveQueueUrl, "archiveQueueUrl")),
    pixverse: () => {
      pixverseClient = new PixverseClient({
        baseUrl: config.pixverse.baseUrl,
        apiKey: requireSetting(config.pixverse.apiKey, "pixverse.apiKey"),
        metrics,
      });
      return pixverseClient;
    },
    store: () => new S3MediaStore(clients().s3, requireSetting(config.mediaBucket, "mediaBucket")),
    urlFetcher: () =>
      new PublicUrlFetcher({
        allowPrivateNetworks: config.allowPrivateMediaUrls,
        allowHttp: config.allowPrivateMediaUrls,
      }),
    webhookDeliveries: () => new DynamoWebhookDeliveryRepository(clients().dynamo, tableName()),
    webhookQueue: () =>
      new SqsWebhookQueue(clients().sqs, requireSetting(config.webhookQueueUrl, "webhookQueueUrl")),
    webhookSender: () => new HttpWebhookSender(webhookUrls()),
    webhookUrls: () =>
      new WebhookUrlGuard(options.allowLoopbackWebhooks ? { allowLoopback: true } : STRICT_WEBHOOK_URLS),
  };
  const adapter = <K extends keyof PipelineAdapters>(name: K) =>
    once(() => (factories[name] ?? defaults[name])() as PipelineAdapters[K]);
  const jobs = adapter("jobs");
  const tenants = adapter("tenants");
  const usage = adapter("usage");
  const nonces = adapter("nonces");
  const events = adapter("events");
  const archiveQueue = adapter("archiveQueue");
  const pixverse = adapter("pixverse");
  const store = adapter("store");
  const urlFetcher = adapter("urlFetcher");
  const webhookDeliveries = adapter("webhookDeliveries");
  const webhookQueue = adapter("webhookQueue");
  const webhookSender = adapter("webhookSender");
  const webhookUrls = adapter("webhookUrls");

  const media = once(
    () =>
      new MediaResolver({
        store: store(),
        jobs: jobs(),
        pixverse: pixverse(),
        fetcher: urlFetcher(),
        allowPrivateNetworks: config.allowPrivateMediaUrls,
      }),
  );
  // Only the steps that hand out archives use the queue; the archiver itself is not linked to it.
  const lazyArchiveQueue: ArchiveQueue = {
    enqueue: (jobId, options) => archiveQueue().enqueue(jobId, options),
  };
  // Only processes that commit changes (or retry deliveries) use the queue; readers never build it.
  const lazyWebhookQueue: WebhookQueue = {
    enqueue: (message, options) => webhookQueue().enqueue(message, options),
  };
  const webhookOutbox = once(
    () =>
      new WebhookOutbox({
        deliveries: webhookDeliveries(),
        queue: lazyWebhookQueue,
        source: config.eventSource,
        sweepGraceMs: timings.webhookSweepGraceMs,
        resendHoldMs: timings.webhookLeaseMs,
        clock,
        logger,
        metrics,
      }),
  );
  const lifecycle = once(
    () =>
      new JobLifecycle({
        jobs: jobs(),
        events: events(),
        webhooks: webhookOutbox(),
        archiveQueue: lazyArchiveQueue,
        timings,
        jobDeadlineSeconds: config.jobDeadlineSeconds,
        clock,
        logger,
        metrics,
      }),
  );
  const limits = once(() => slotLimitsOf(tenants(), { globalLimit: config.pixverse.maxConcurrency, clock }));
  const steps = once(
    () =>
      new JobSteps({
        lifecycle: lifecycle(),
        jobs: jobs(),
        pixverse: pixverse(),
        media: media(),
        timings,
        jobDeadlineSeconds: config.jobDeadlineSeconds,
        limits: limits(),
        clock,
        logger,
      }),
  );
  const scheduler = once(
    () => new Scheduler({ jobs: jobs(), steps: steps(), limits: limits(), clock, logger }),
  );
  const catalogService = once(() => new CatalogService({ pixverse: pixverse(), clock }));
  const jobService = once(
    () =>
      new JobService({
        lifecycle: lifecycle(),
        catalog: catalogService(),
        budget: new CreditBudget({ tenants: tenants(), usage: usage(), clock }),
        jobs: jobs(),
        steps: steps(),
        media: media(),
        webhookUrls: webhookUrls(),
        store: store(),
        clock,
        logger,
        inlineBudgetMs: config.inlineSubmitMs,
        unknownInputFields: config.unknownInputFields,
      }),
  );
  const uploadService = once(() => new UploadService({ store: store() }));
  const maskService = once(() => new MaskService({ media: media(), pixverse: pixverse() }));
  const accountService = once(() => new AccountService({ pixverse: pixverse() }));
  const authenticationService = once(() => new AuthenticationService({ tenants: tenants(), clock, logger }));
  const tenantAdminService = once(() => new TenantAdminService({ tenants: tenants(), clock }));
  const webhookSecretService = once(() => new WebhookSecretService({ tenants: tenants(), clock }));
  const usageService = once(() => new UsageService({ usage: usage(), tenants: tenants(), clock }));
  const webhookDeliveryService = once(
    () => new WebhookDeliveryService({ jobs: jobs(), deliveries: webhookDeliveries() }),
  );
  const webhookDeliverer = once(
    () =>
      new WebhookDeliverer({
        deliveries: webhookDeliveries(),
        secrets: webhookSecretService(),
        sender: webhookSender(),
        queue: lazyWebhookQueue,
        retry: { backoff: timings.webhookRetry, windowMs: timings.webhookRetryWindowMs },
        leaseMs: timings.webhookLeaseMs,
        clock,
        logger,
        metrics,
      }),
  );
  const webhooks = once(
    () =>
      new WebhookReceiver({
        jobs: jobs(),
        steps: steps(),
        lifecycle: lifecycle(),
        secrets: [
          requireSetting(config.pixverse.webhookSecret, "pixverse.webhookSecret"),
          ...(config.pixverse.webhookSecretPrevious ? [config.pixverse.webhookSecretPrevious] : []),
        ],
        nonces: nonces(),
        clock,
        logger,
        metrics,
      }),
  );
  const poller = once(
    () =>
      new Poller({
        jobs: jobs(),
        steps: steps(),
        scheduler: scheduler(),
        webhooks: webhookOutbox(),
        gauges: new PipelineGauges({
          jobs: jobs(),
          steps: steps(),
          pixverse: pixverse(),
          metrics,
          clock,
          logger,
        }),
        clock,
        logger,
        requestsPerSecond: config.pixverse.requestsPerSecond,
      }),
  );
  const archiver = once(
    () =>
      new Archiver({
        jobs: jobs(),
        lifecycle: lifecycle(),
        pixverse: pixverse(),
        store: store(),
        maxBytes: config.archiveMaxBytes,
        maxAttempts: timings.archiveMaxAttempts,
        logger,
        metrics,
      }),
  );

  return {
    config,
    logger,
    metrics,
    clock,
    get jobService() {
      return jobService();
    },
    get uploadService() {
      return uploadService();
    },
    get maskService() {
      return maskService();
    },
    get catalogService() {
      return catalogService();
    },
    get accountService() {
      return accountService();
    },
    get authenticationService() {
      return authenticationService();
    },
    get tenantAdminService() {
      return tenantAdminService();
    },
    get webhookSecretService() {
      return webhookSecretService();
    },
    get usageService() {
      return usageService();
    },
    get webhookDeliveryService() {
      return webhookDeliveryService();
    },
    get webhookDeliverer() {
      return webhookDeliverer();
    },
    get webhooks() {
      return webhooks();
    },
    get poller() {
      return poller();
    },
    get scheduler() {
      return scheduler();
    },
    get archiver() {
      return archiver();
    },
    get steps() {
      return steps();
    },
    get lifecycle() {
      return lifecycle();
    },
    get jobs() {
      return jobs();
    },
    get tenants() {
      return tenants();
    },
    get clients() {
      return clients();
    },
    close: async () => {
      await pixverseClient?.close();
    },
  };
}
