import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAwsClients } from "@pixpipe/core/aws";
import { ALL_SCOPES, DynamoTenantRepository, generateApiKey } from "@pixpipe/core/tenant";
import { dashboardCsp } from "@pixpipe/dashboard/csp";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@pixpipe/simulator";
import type { Handler, S3Handler, SQSHandler } from "aws-lambda";
import { startDynamoDbLocal, startS3SqsEmulator } from "./emulators";
import { type HttpApiHandler, startLambdaHttpServer } from "./http";
import { type LambdaFunctionConfig, type Log, localRegion } from "./lambda";
import {
  createPipelineResources,
  type PipelineResourceNames,
  type PipelineResources,
  pipelineEnvironment,
} from "./resources";
import { startS3Notifications } from "./s3-notifications";
import { startSchedule } from "./schedule";
import { createSqsEventSource } from "./sqs-event-source";

/** The payload EventBridge Scheduler passes for SST's CronV2 (its `event` option, `{}` by default). */
export type ScheduleEvent = Record<string, string>;

/**
 * Loaders of the four Lambda entry points. They run after the runtime has set the environment the
 * handlers' config reads, so a module that builds its dependencies at import time sees the emulators.
 */
export interface LocalHandlerLoaders {
  api: () => Promise<HttpApiHandler>;
  poller: () => Promise<Handler<ScheduleEvent, unknown>>;
  archiver: () => Promise<SQSHandler>;
  intake: () => Promise<S3Handler>;
  /** The webhook delivery worker, on the WebhookDeliveries queue. */
  deliveries: () => Promise<SQSHandler>;
}

type FunctionName = keyof LocalHandlerLoaders;

/** Timeouts and memory as infra/ gives the functions in AWS. */
export const LOCAL_FUNCTIONS: Record<FunctionName, LambdaFunctionConfig> = {
  api: { functionName: "pixpipe-api", timeoutMs: 29_000, memoryMb: 512 },
  poller: { functionName: "pixpipe-poller", timeoutMs: 50_000, memoryMb: 512 },
  archiver: { functionName: "pixpipe-archiver", timeoutMs: 5 * 60_000, memoryMb: 1024 },
  intake: { functionName: "pixpipe-intake", timeoutMs: 2 * 60_000, memoryMb: 512 },
  deliveries: { functionName: "pixpipe-deliveries", timeoutMs: 60_000, memoryMb: 512 },
};

/** Where the runtime serves the dashboard, beside the API on its port. */
export const DASHBOARD_PATH = "/ui";

/** The tenant the dev API key belongs to; objects under incoming/local/ start its jobs. */
export const LOCAL_TENANT_ID = "local";

/** A real PixVerse (or any PixVerse-compatible server) instead of the simulator. */
export interface PixverseTarget {
  baseUrl: string;
  apiKey: string;
  webhookSecret: string;
}

export interface LocalRuntimeOptions {
  handlers: LocalHandlerLoaders;
  /** Port of the local API on 127.0.0.1. Default 3000; 0 picks a free one. */
  port?: number;
  /** When set, no simulator starts and the handlers talk to this PixVerse. */
  pixverse?: PixverseTarget;
  /** Options for the simulator (the webhook URL is always the local API's). */
  simulator?: Omit<SimulatorOptions, "webhookUrl">;
  /** The dev API key (PIXPIPE_API_KEY); generated when absent. */
  apiKey?: string;
  /** Poller interval. AWS runs it every minute; locally the default is 2 s. */
  pollIntervalMs?: number;
  /** Keep DynamoDB data in this folder across restarts (S3 and SQS stay in memory). */
  dynamoDbPath?: string;
  /** Where local.json is written. Default: .pixpipe/ at the repository root. */
  stateDir?: string;
  names?: Partial<PipelineResourceNames>;
  /** Overrides of LOCAL_FUNCTIONS (e.g. a shorter archiver timeout). */
  functions?: Partial<Record<FunctionName, Partial<LambdaFunctionConfig>>>;
  /** The archive queue's visibility timeout. Default 6x the archiver's timeout, as in infra/. */
  archiveVisibilityTimeoutSeconds?: number;
  /** Further environment for the handlers (e.g. PIXPIPE_TIME_SCALE). */
  env?: Record<string, string>;
  /** The built dashboard (packages/dashboard's ensureDashboardBuilt), served at /ui/ beside the API. */
  dashboardDir?: string;
  log?: Log;
}

/** What `.pixpipe/local.json` holds, and what the runtime prints when ready. */
export interface LocalRuntimeInfo {
  apiUrl: string;
  /** The dashboard's URL when the runtime serves it. */
  dashboardUrl: string | null;
  apiKey: string;
  tenantId: string;
  /** The dev tenant's webhook signing secret at start (GET /v1/webhooks/secret has it after a rotation). */
  webhookSecret: string;
  pixverseBaseUrl: string;
  simulatorUrl: string | null;
  region: string;
  endpoints: { dynamodb: string; s3: string; sqs: string };
  tableName: string;
  mediaBucket: string;
  queues: Record<
    | "archive"
    | "archiveDlq"
    | "jobEvents"
    | "jobEventsDlq"
    | "webhookDeliveries"
    | "webhookDeliveriesDlq"
    | "intakeDlq",
    { name: string; url: string }
  >;
}

export interface LocalRuntime {
  info: LocalRuntimeInfo;
  /** Where info was written. */
  infoFile: string;
  resources: PipelineResources;
  /** The simulator when no PixVerse target was given (its control API drives tests). */
  simulator: RunningSimulator | null;
  /** PIDs of child processes (DynamoDB Local's java), for signal handlers that must kill them. */
  childPids(): number[];
  /** Stops every part, children included; safe to call more than once. */
  stop(): Promise<void>;
}

/** `.pixpipe/` at the repository root: local.json, and the data `run local` keeps (see local-data.ts). */
export const DEFAULT_STATE_DIR = fileURLToPath(new URL("../../../.pixpipe", import.meta.url));

/**
 * Starts the whole pipeline on this machine with Lambda's semantics: DynamoDB Local and fauxqs,
 * the tables, bucket and queues, the PixVerse simulator (unless a PixVerse is given), the API on
 * 127.0.0.1:port through the api handler, the archiver and the webhook delivery worker on their
 * queues, the intake handler on S3
 * notifications under incoming/, and the poller on a timer. Environment variables the handlers'
 * config reads are set on this process before any handler is loaded.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? console;
  const functions = Object.fromEntries(
    Object.entries(LOCAL_FUNCTIONS).map(([name, defaults]) => [
      name,
      { ...defaults, ...options.functions?.[name as FunctionName] },
    ]),
  ) as Record<FunctionName, LambdaFunctionConfig>;
  const archiverTimeoutSeconds = Math.ceil((functions.archiver.timeoutMs ?? 0) / 1000);
  const deliveriesTimeoutSeconds = Math.ceil((functions.deliveries.timeoutMs ?? 0) / 1000);

  // Stopped in reverse order on stop() or when starting fails half-way.
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const part of stops.reverse()) {
        await part.stop().catch((error: unknown) => log.error(`stopping ${part.name} failed`, error));
      }
    })();
    return stopping;
  };
  const childPids: number[] = [];
  // Before the first SDK client (the emulators' own) is built: the warning is printed once, at construction.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

  try {
    const [dynamo, s3sqs] = await Promise.all([
      startDynamoDbLocal({ dbPath: options.dynamoDbPath }),
      startS3SqsEmulator(),
    ]);
    childPids.push(dynamo.pid);
    stops.push({ name: "DynamoDB Local", stop: dynamo.stop }, { name: "fauxqs", stop: s3sqs.stop });

    const region = localRegion();
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3sqs.endpoint,
      AWS_ENDPOINT_URL_SQS: s3sqs.endpoint,
    });
    const clients = createAwsClients();
    stops.push({ name: "AWS clients", stop: async () => clients.destroy() });

    const resources = await createPipelineResources(clients, {
      names: options.names,
      archiveVisibilityTimeoutSeconds: options.archiveVisibilityTimeoutSeconds ?? 6 * archiverTimeoutSeconds,
      webhookVisibilityTimeoutSeconds: 6 * deliveriesTimeoutSeconds,
    });
    const apiKey = options.apiKey ?? generateApiKey(LOCAL_TENANT_ID);
    const tenants = new DynamoTenantRepository(clients.dynamo, resources.tableName);
    // The dev key can do everything, admin included.
    await tenants.ensureApiKey(LOCAL_TENANT_ID, apiKey, { scopes: ALL_SCOPES, label: "local dev key" });
    const webhookSecret = (await tenants.getTenant(LOCAL_TENANT_ID))?.webhookSecrets.current.secret;

    // The API listens first: the simulator needs its webhook URL, the api handler the simulator's URL.
    let apiLoaded: (handler: HttpApiHandler) => void = () => {};
    let apiFailed: (error: unknown) => void = () => {};
    const apiHandler = new Promise<HttpApiHandler>((resolve, reject) => {
      apiLoaded = resolve;
      apiFailed = reject;
    });
    apiHandler.catch(() => {}); // Reported where loading fails; requests then get 500.
    const http = await startLambdaHttpServer({
      ...functions.api,
      handler: apiHandler,
      port: options.port ?? 3000,
      log,
      ...(options.dashboardDir && {
        sites: [
          {
            path: DASHBOARD_PATH,
            dir: options.dashboardDir,
            // The API is this origin; uploads and results go to the S3 emulator's.
            headers: { "Content-Security-Policy": dashboardCsp({ api: "'self'", media: s3sqs.endpoint }) },
          },
        ],
      }),
    });
    stops.push({ name: "local API", stop: http.stop });

    let simulator: RunningSimulator | null = null;
    let pixverse = options.pixverse;
    if (!pixverse) {
      simulator = await startSimulator({ ...options.simulator, webhookUrl: `${http.url}/webhooks/pixverse` });
      stops.push({ name: "PixVerse simulator", stop: simulator.stop });
      pixverse = { baseUrl: simulator.url, apiKey: simulator.apiKey, webhookSecret: simulator.webhookSecret };
    }

    Object.assign(process.env, {
      ...pipelineEnvironment(resources, pixverse),
      ...(options.dashboardDir && { PIXPIPE_DASHBOARD_URL: `${DASHBOARD_PATH}/` }),
      ...options.env,
    });

    const [api, poller, archiver, intake, deliveries] = await Promise.all([
      options.handlers.api(),
      options.handlers.poller(),
      options.handlers.archiver(),
      options.handlers.intake(),
      options.handlers.deliveries(),
    ]).catch((error: unknown) => {
      apiFailed(error);
      throw error;
    });
    apiLoaded(api);

    const archiveSource = createSqsEventSource({
      ...functions.archiver,
      sqs: clients.sqs,
      queueUrl: resources.archiveQueue.url,
      handler: archiver,
      // As infra/queues.ts subscribes the archiver.
      batchSize: 5,
      reportBatchItemFailures: true,
      log,
    });
    await archiveSource.start();
    stops.push({ name: "archive queue consumer", stop: archiveSource.stop });

    const deliverySource = createSqsEventSource({
      ...functions.deliveries,
      sqs: clients.sqs,
      queueUrl: resources.webhookQueue.url,
      handler: deliveries,
      // As infra/webhooks.ts subscribes the delivery worker.
      batchSize: 10,
      reportBatchItemFailures: true,
      log,
    });
    await deliverySource.start();
    stops.push({ name: "webhook delivery queue consumer", stop: deliverySource.stop });

    const notifications = startS3Notifications({
      ...functions.intake,
      spy: s3sqs.server.spy,
      s3: clients.s3,
      bucket: resources.mediaBucket,
      handler: intake,
      filterPrefix: "incoming/",
      configurationId: "IncomingObject",
      onFailure: { sqs: clients.sqs, queueUrl: resources.intakeDlq.url },
      log,
    });
    stops.push({ name: "S3 notifications", stop: notifications.stop });

    const schedule = startSchedule<ScheduleEvent>({
      ...functions.poller,
      handler: poller,
      intervalMs: options.pollIntervalMs ?? 2000,
      event: {},
      log,
    });
    stops.push({ name: "poller schedule", stop: schedule.stop });

    const info: LocalRuntimeInfo = {
      apiUrl: http.url,
      dashboardUrl: options.dashboardDir ? `${http.url}${DASHBOARD_PATH}/` : null,
      apiKey,
      tenantId: LOCAL_TENANT_ID,
      webhookSecret: webhookSecret ?? "",
      pixverseBaseUrl: pixverse.baseUrl,
      simulatorUrl: simulator?.url ?? null,
      region,
      endpoints: { dynamodb: dynamo.endpoint, s3: s3sqs.endpoint, sqs: s3sqs.endpoint },
      tableName: resources.tableName,
      mediaBucket: resources.mediaBucket,
      queues: {
        archive: resources.archiveQueue,
        archiveDlq: resources.archiveDlq,
        jobEvents: resources.eventsQueue,
        jobEventsDlq: resources.eventsDlq,
        webhookDeliveries: resources.webhookQueue,
        webhookDeliveriesDlq: resources.webhookDlq,
        intakeDlq: resources.intakeDlq,
      },
    };
    const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
    const infoFile = path.join(stateDir, "local.json");
    await mkdir(stateDir, { recursive: true });
    await writeFile(infoFile, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });

    return {
      info,
      infoFile,
      resources,
      simulator,
      childPids: () => [...childPids],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
