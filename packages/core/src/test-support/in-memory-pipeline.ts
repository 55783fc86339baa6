import { randomUUID } from "node:crypto";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { LosslessNumber, stringify } from "lossless-json";
import type { Config } from "../config";
import { InMemoryJobRepository } from "../job";
import { PublicUrlFetcher } from "../media";
import { MetricsRecorder } from "../metrics";
import type { Timings } from "../pipeline";
import { InMemoryNonceStore, signPixverseWebhook } from "../pixverse";
import type { Caller } from "../services";
import { InMemoryMediaStore } from "../storage";
import { InMemoryItems } from "../table";
import { InMemoryTenantRepository } from "../tenant";
import { InMemoryUsageRepository } from "../usage";
import { InMemoryWebhookDeliveryRepository, WebhookUrlGuard } from "../webhooks";
import { createPipeline, type Pipeline } from "../wiring";
import { FakePixverse } from "./fake-pixverse";
import { ManualClock } from "./manual-clock";
import {
  RecordingArchiveQueue,
  RecordingEventPublisher,
  RecordingLogger,
  RecordingWebhookQueue,
  ScriptedWebhookSender,
} from "./recording-adapters";
import { type ConfigOverrides, FAST_TIMINGS, testConfig } from "./test-config";

export interface InMemoryPipelineOptions {
  config?: ConfigOverrides;
  timings?: Partial<Timings>;
  allowLoopbackWebhooks?: boolean;
}

export const TEST_WEBHOOK_SECRET = "test-webhook-secret";

/**
 * The real pipeline (createPipeline: lifecycle, steps, poller, archiver, services) over in-memory
 * adapters, a scripted PixVerse and a manual clock: no emulator, no network, no waiting. Its metrics
 * and log lines are kept in memory for the test to read.
 */
export function createInMemoryPipeline(options: InMemoryPipelineOptions = {}) {
  const clock = new ManualClock();
  const pixverse = new FakePixverse();
  // One store of the table's other items for every in-memory adapter, as one table in DynamoDB.
  const items = new InMemoryItems();
  const jobs = new InMemoryJobRepository(items);
  const tenants = new InMemoryTenantRepository();
  const usage = new InMemoryUsageRepository(items);
  const store = new InMemoryMediaStore("media-test", pixverse.download);
  const events = new RecordingEventPublisher();
  const archiveQueue = new RecordingArchiveQueue();
  const nonces = new InMemoryNonceStore(() => clock.now().getTime() / 1000);
  const deliveries = new InMemoryWebhookDeliveryRepository(items);
  const webhookQueue = new RecordingWebhookQueue(clock);
  const receiver = new ScriptedWebhookSender();
  const metrics = new MetricsRecorder();
  const logger = new RecordingLogger();
  // Webhook hosts resolve only as a test says (name -> addresses); any other name does not exist.
  const dns = new Map<string, string[]>();
  const resolve: LookupFunction = (hostname, _options, callback) => {
    const addresses = dns.get(hostname);
    if (!addresses) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      return callback(error, "", 0);
    }
    (callback as (error: null, list: LookupAddress[]) => void)(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
  const config: Config = testConfig(
    {
      tableName: "in-memory",
      mediaBucket: store.bucket,
      pixverse: {
        baseUrl: "https://pixverse.test",
        apiKey: "fake",
        webhookSecret: TEST_WEBHOOK_SECRET,
        maxConcurrency: 5,
        requestsPerSecond: 10_000,
      },
    },
    options.config,
  );
  const pipeline: Pipeline = createPipeline(config, {
    clock,
    logger,
    metrics,
    timings: { ...FAST_TIMINGS, ...options.timings },
    adapters: {
      jobs: () => jobs,
      tenants: () => tenants,
      usage: () => usage,
      nonces: () => nonces,
      events: () => events,
      archiveQueue: () => archiveQueue,
      pixverse: () => pixverse,
      store: () => store,
      urlFetcher: () => new PublicUrlFetcher({ allowPrivateNetworks: false, allowHttp: false }),
      webhookDeliveries: () => deliveries,
      webhookQueue: () => webhookQueue,
      webhookSender: () => receiver,
      webhookUrls: () =>
        new WebhookUrlGuard({ allowLoopback: options.allowLoopbackWebhooks ?? false }, { resolve }),
    },
  });
  const tenant: Caller = { tenantId: `tenant-${randomUUID().slice(0, 8)}`, admin: false };
  const otherTenant: Caller = { tenantId: `tenant-${randomUUID().slice(0, 8)}`, admin: false };

  return {
    pipeline,
    clock,
    pixverse,
    jobs,
    tenants,
    usage,
    store,
    events,
    archiveQueue,
    deliveries,
    webhookQueue,
    receiver,
    metrics,
    logger,
    /** Webhook host names and the addresses they resolve to. */
    dns,
    tenant,
    otherTenant,
    /** A PixVerse callback for a generation, signed as PixVerse signs them, at the clock's time. */
    signedWebhook(event: { id: string; status: number; url?: string; credits?: number }) {
      // PixVerse writes ids as bare JSON integers, beyond 2^53.
      const body = stringify({ ...event, id: new LosslessNumber(event.id) }) ?? "";
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const nonce = randomUUID();
      return {
        body,
        headers: {
          "webhook-timestamp": String(timestamp),
          "webhook-nonce": nonce,
          "webhook-signature": signPixverseWebhook({ secret: TEST_WEBHOOK_SECRET, timestamp, nonce, body }),
        },
      };
    },
    /** Runs the delivery worker for every webhook message whose delay has ended, like its Lambda. */
    async deliverDue(): Promise<number> {
      const messages = webhookQueue.takeDue();
      for (const message of messages) await pipeline.webhookDeliverer.deliver(message);
      return messages.length;
    },
    /** Runs the archiver for every queued archive request, like the SQS-triggered Lambda. */
    async archiveQueued(): Promise<string[]> {
      const jobIds = archiveQueue.take();
      for (const jobId of jobIds) await pipeline.archiver.archive(jobId);
      return jobIds;
    },
  };
}

export type InMemoryWorld = ReturnType<typeof createInMemoryPipeline>;
