/*
 * The infra program's wiring, checked offline: sst.config.ts runs under Pulumi mocks (synth.ts) and
 * these tests read the resources it would deploy. Run: pnpm run check:infra
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { handlers } from "../infra/lambda";
import { CONFIG_SETTINGS } from "../packages/core/src/config/config";
import { MAX_JOB_WAIT_MS } from "../packages/core/src/limits/limits";
import { TABLE_KEYS, tableDefinition } from "../packages/core/src/table/definition";
import { missingHandler, prodStage, testStage, withoutSecrets } from "./stages";
import { coldStart, mockArn, type Synthesized } from "./synth-client";
// Alarms, logs, data protection, throttling and stage settings: in the same process, on the same synths.
import "./operations.suite";
// The web dashboard, its CORS and CSP, and the packaged Swagger UI files.
import "./dashboard.suite";

/** What each function may reach at runtime: links are IAM grants as well as configuration. */
const expectedLinks: Record<string, string[]> = {
  [handlers.api]: [
    "ArchiveQueue",
    "JobEvents",
    "Media",
    "PixverseApiKey",
    "PixverseWebhookSecret",
    "PixverseWebhookSecretPrevious",
    "Table",
    "WebhookDeliveries",
  ],
  [handlers.poller]: ["ArchiveQueue", "JobEvents", "Media", "PixverseApiKey", "Table", "WebhookDeliveries"],
  [handlers.archiver]: ["JobEvents", "Media", "PixverseApiKey", "Table", "WebhookDeliveries"],
  [handlers.intake]: ["ArchiveQueue", "JobEvents", "Media", "PixverseApiKey", "Table", "WebhookDeliveries"],
  [handlers.deliveries]: ["Table", "WebhookDeliveries"],
};

interface QueueInputs {
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds?: number;
  redrivePolicy?: string;
}
const queue = (s: Synthesized, name: string) => s.one("aws:sqs/queue:Queue", `${name}Queue`);
const queueInputs = (s: Synthesized, name: string) => queue(s, name).inputs as unknown as QueueInputs;
const redrive = (s: Synthesized, name: string) =>
  JSON.parse(queueInputs(s, name).redrivePolicy ?? "null") as {
    deadLetterTargetArn: string;
    maxReceiveCount: number;
  } | null;
/** SQS keeps messages 4 days unless told otherwise. */
const retentionSeconds = (s: Synthesized, name: string) =>
  queueInputs(s, name).messageRetentionSeconds ?? 4 * 86400;

describe("stage test", () => {
  test("outputs the API and webhook URLs, table, media bucket and queue URLs/ARN", async () => {
    const s = await testStage;
    const outputs = s.result.outputs;
    for (const key of [
      "api",
      "table",
      "mediaBucket",
      "jobEventsQueueUrl",
      "jobEventsQueueArn",
      "archiveQueueUrl",
      "alertsTopicArn",
      "dashboard",
    ]) {
      assert.equal(typeof outputs[key], "string", key);
      assert.notEqual(outputs[key], "", key);
    }
    assert.equal(outputs.pixverseWebhookUrl, `${String(outputs.api)}/webhooks/pixverse`);
    assert.equal(outputs.jobEventsQueueArn, mockArn(queue(s, "JobEvents")));
  });

  test("the HTTP API sends every request to the api function", async () => {
    const s = await testStage;
    const routes = s.all("aws:apigatewayv2/route:Route");
    assert.deepEqual(
      routes.map((route) => route.inputs.routeKey),
      ["$default"],
    );
    const [integration] = s.all("aws:apigatewayv2/integration:Integration");
    assert.equal(integration?.inputs.integrationUri, s.fn(handlers.api).arn);
    assert.equal(integration?.inputs.payloadFormatVersion, "2.0");
  });

  test("the table has the keys, GSIs and TTL of core's table definition", async () => {
    const s = await testStage;
    const [table, ...others] = s.all("aws:dynamodb/table:Table");
    assert.equal(others.length, 0);
    const inputs = table!.inputs as {
      attributes: { name: string; type: string }[];
      hashKey: string;
      rangeKey: string;
      billingMode: string;
      globalSecondaryIndexes: { name: string; hashKey: string; rangeKey?: string; projectionType: string }[];
      ttl: { attributeName: string; enabled: boolean };
    };
    const byName = <T extends { name: string }>(items: T[]) =>
      [...items].sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(
      byName(inputs.attributes),
      byName(
        tableDefinition.AttributeDefinitions.map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
      ),
    );
    const keyOf = (schema: { AttributeName: string; KeyType: string }[], type: string) =>
      schema.find((key) => key.KeyType === type)?.AttributeName;
    assert.equal(inputs.hashKey, keyOf(tableDefinition.KeySchema, "HASH"));
    assert.equal(inputs.rangeKey, keyOf(tableDefinition.KeySchema, "RANGE"));
    assert.equal(inputs.billingMode, tableDefinition.BillingMode);
    assert.deepEqual(
      byName(inputs.globalSecondaryIndexes),
      byName(
        tableDefinition.GlobalSecondaryIndexes.map((index) => ({
          name: index.IndexName,
          hashKey: keyOf(index.KeySchema, "HASH")!,
          rangeKey: keyOf(index.KeySchema, "RANGE")!,
          projectionType: index.Projection.ProjectionType,
        })),
      ),
    );
    assert.deepEqual(inputs.ttl, { attributeName: TABLE_KEYS.ttl, enabled: true });
  });

  test("the media bucket aborts incomplete multipart uploads after one day, bucket-wide", async () => {
    const s = await testStage;
    const lifecycle = s.one(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "MediaLifecycle",
    );
    const rules = lifecycle.inputs.rules as {
      status: string;
      filter?: { prefix?: string };
      abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
    }[];
    const abort = rules.filter((rule) => rule.abortIncompleteMultipartUpload);
    assert.equal(abort.length, 1);
    assert.equal(abort[0]!.status, "Enabled");
    assert.equal(abort[0]!.abortIncompleteMultipartUpload!.daysAfterInitiation, 1);
    assert.equal(abort[0]!.filter?.prefix ?? "", "");
    assert.equal(lifecycle.inputs.bucket, s.one("aws:s3/bucket:Bucket", "MediaBucket").inputs.bucket);
  });

  test("archive messages reach ArchiveDlq after 5 receives and stay hidden for 6x the archiver's timeout", async () => {
    const s = await testStage;
    assert.deepEqual(redrive(s, "ArchiveQueue"), {
      deadLetterTargetArn: mockArn(queue(s, "ArchiveDlq")),
      maxReceiveCount: 5,
    });
    const archiverTimeout = s.fn(handlers.archiver).lambda.timeout as number;
    assert.ok(archiverTimeout > 0);
    assert.ok(
      queueInputs(s, "ArchiveQueue").visibilityTimeoutSeconds >= 6 * archiverTimeout,
      `visibility ${queueInputs(s, "ArchiveQueue").visibilityTimeoutSeconds}s < 6 x ${archiverTimeout}s`,
    );
    assert.ok(retentionSeconds(s, "ArchiveDlq") > retentionSeconds(s, "ArchiveQueue"));
  });

  test("the archiver consumes ArchiveQueue in batches of 5, the delivery worker WebhookDeliveries in 10, each reporting failures per message", async () => {
    const s = await testStage;
    const mappings = s.all("aws:lambda/eventSourceMapping:EventSourceMapping").map((m) => m.inputs);
    assert.deepEqual(
      mappings.map((m) => m.eventSourceArn).sort(),
      [mockArn(queue(s, "ArchiveQueue")), mockArn(queue(s, "WebhookDeliveries"))].sort(),
      "ArchiveQueue and WebhookDeliveries are the queues pixpipe consumes",
    );
    for (const [name, handler, batchSize] of [
      ["ArchiveQueue", handlers.archiver, 5],
      ["WebhookDeliveries", handlers.deliveries, 10],
    ] as const) {
      const mapping = mappings.find((m) => m.eventSourceArn === mockArn(queue(s, name)))!;
      assert.equal(mapping.functionName, s.fn(handler).arn, name);
      assert.equal(mapping.batchSize, batchSize, name);
      assert.deepEqual(mapping.functionResponseTypes, ["ReportBatchItemFailures"], name);
    }
  });

  test("webhook delivery messages reach WebhookDeliveriesDlq after 5 receives and stay hidden for 6x the worker's timeout", async () => {
    const s = await testStage;
    assert.deepEqual(redrive(s, "WebhookDeliveries"), {
      deadLetterTargetArn: mockArn(queue(s, "WebhookDeliveriesDlq")),
      maxReceiveCount: 5,
    });
    const workerTimeout = s.fn(handlers.deliveries).lambda.timeout as number;
    // Each attempt is at most 15 s (the sender's deadline); the batch's run in parallel.
    assert.ok(workerTimeout >= 30, `the delivery worker's timeout ${workerTimeout}s leaves no room`);
    assert.ok(queueInputs(s, "WebhookDeliveries").visibilityTimeoutSeconds >= 6 * workerTimeout);
    assert.ok(retentionSeconds(s, "WebhookDeliveriesDlq") > retentionSeconds(s, "WebhookDeliveries"));
  });

  test("no function is told PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS (the local runtime's switch alone)", async () => {
    const s = await testStage;
    for (const handler of Object.values(handlers)) {
      const variables = (s.fn(handler).lambda.environment as { variables: Record<string, string> }).variables;
      assert.equal(variables.PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS, undefined, handler);
    }
  });

  test("JobEvents redrives to its own JobEventsDlq for consumers, which keeps messages longer", async () => {
    const s = await testStage;
    assert.deepEqual(redrive(s, "JobEvents"), {
      deadLetterTargetArn: mockArn(queue(s, "JobEventsDlq")),
      maxReceiveCount: 5,
    });
    assert.ok(retentionSeconds(s, "JobEventsDlq") > retentionSeconds(s, "JobEvents"));
  });

  test("the poller runs every minute, finishes within it and is not retried", async () => {
    const s = await testStage;
    const schedule = s.one("aws:scheduler/schedule:Schedule", "PollerSchedule").inputs as {
      scheduleExpression: string;
      state: string;
      target: { arn: string; retryPolicy: { maximumRetryAttempts: number } };
    };
    const poller = s.fn(handlers.poller);
    assert.equal(schedule.scheduleExpression, "rate(1 minute)");
    assert.equal(schedule.state, "ENABLED");
    assert.equal(schedule.target.arn, poller.arn);
    assert.equal(schedule.target.retryPolicy.maximumRetryAttempts, 0);
    assert.ok((poller.lambda.timeout as number) < 60);
    const invokeConfig = s.one(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      `${poller.build.functionID}EventInvokeConfig`,
    );
    assert.equal(invokeConfig.inputs.maximumRetryAttempts, 0);
  });

  test("objects created under incoming/ invoke the intake function; its failed events go to IntakeDlq", async () => {
    const s = await testStage;
    const [notification, ...others] = s.all("aws:s3/bucketNotification:BucketNotification");
    assert.equal(others.length, 0);
    assert.equal(notification!.inputs.bucket, s.one("aws:s3/bucket:Bucket", "MediaBucket").inputs.bucket);
    const intake = s.fn(handlers.intake);
    assert.deepEqual(
      (notification!.inputs.lambdaFunctions as Record<string, unknown>[]).map(
        ({ events, filterPrefix, lambdaFunctionArn }) => ({
          events,
          filterPrefix,
          lambdaFunctionArn,
        }),
      ),
      [{ events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", lambdaFunctionArn: intake.arn }],
    );
    const intakeDlq = mockArn(queue(s, "IntakeDlq"));
    const invokeConfig = s.one(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      `${intake.build.functionID}EventInvokeConfig`,
    );
    assert.deepEqual(invokeConfig.inputs.destinationConfig, { onFailure: { destination: intakeDlq } });
    assert.ok(
      intake.statements.some(
        (st) => st.actions.includes("sqs:SendMessage") && st.resources.includes(intakeDlq),
      ),
      "the intake role may send to IntakeDlq",
    );
  });

  test("each function is linked to exactly what it uses", async () => {
    const s = await testStage;
    assert.deepEqual(
      s.result.builds.map((build) => build.handler).sort(),
      Object.values(handlers).sort(),
      "one function per handler",
    );
    for (const [handler, links] of Object.entries(expectedLinks)) {
      assert.deepEqual(Object.keys(s.fn(handler).build.links).sort(), links, handler);
    }
  });

  test("IAM follows the links: no sending to ArchiveQueue for the archiver", async () => {
    const s = await testStage;
    const archiver = s.fn(handlers.archiver);
    const archiveQueueArn = mockArn(queue(s, "ArchiveQueue"));
    const onArchiveQueue = archiver.statements.filter((st) => st.resources.includes(archiveQueueArn));
    assert.ok(onArchiveQueue.length > 0, "the subscription lets the archiver receive");
    for (const statement of onArchiveQueue) {
      assert.ok(!statement.actions.some((action) => action === "sqs:*" || action === "sqs:SendMessage"));
    }
  });

  test("every function runs nodejs22.x with the same pipeline settings, all known to the config loader", async () => {
    const s = await testStage;
    const known = new Set(CONFIG_SETTINGS.map((setting) => setting.env));
    const settingsOf = (handler: string) =>
      Object.fromEntries(
        Object.entries(
          (s.fn(handler).lambda.environment as { variables: Record<string, string> }).variables,
        ).filter(([name]) => !name.startsWith("SST_") && !name.startsWith("POWERTOOLS_")),
      );
    const settings = settingsOf(handlers.api);
    for (const name of Object.keys(settings))
      assert.ok(known.has(name), `${name} is not a core/config setting`);
    assert.equal(settings.PIXVERSE_BASE_URL, "https://app-api.pixverse.ai");
    assert.ok(Number(settings.PIXVERSE_MAX_CONCURRENCY) > 0);
    // Local-mode switches keep their safe defaults in AWS.
    assert.equal(settings.PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS, undefined);
    assert.equal(settings.PIXPIPE_TIME_SCALE, undefined);
    for (const handler of Object.values(handlers)) {
      assert.deepEqual(settingsOf(handler), settings, handler);
      assert.equal(s.fn(handler).lambda.runtime, "nodejs22.x", handler);
    }
  });

  test("the API's timeout leaves room for a full long poll and the inline submit, under API Gateway's 30 s", async () => {
    const s = await testStage;
    const inlineSubmit = CONFIG_SETTINGS.find((setting) => setting.env === "PIXPIPE_INLINE_SUBMIT_MS");
    const variables = (s.fn(handlers.api).lambda.environment as { variables: Record<string, string> })
      .variables;
    const inlineSubmitMs = Number(variables.PIXPIPE_INLINE_SUBMIT_MS ?? inlineSubmit?.default);
    const timeoutMs = (s.fn(handlers.api).lambda.timeout as number) * 1000;
    assert.ok(timeoutMs > 2 * inlineSubmitMs);
    assert.ok(
      timeoutMs >= MAX_JOB_WAIT_MS + 2_000,
      `${timeoutMs} ms leaves no room after a ${MAX_JOB_WAIT_MS} ms wait`,
    );
    assert.ok(timeoutMs < 30_000);
  });

  test("each function starts (module scope: config, clients) with only its own links and environment", async () => {
    const s = await testStage;
    const failures = await Promise.all(
      Object.values(handlers).map((handler) =>
        coldStart(s.fn(handler)).then(
          () => null,
          (error: Error) => error.message,
        ),
      ),
    );
    assert.deepEqual(failures.filter(Boolean), []);
  });

  test("sst-env.d.ts declares exactly the linked resources with their link properties", async () => {
    const s = await testStage;
    const linked: Record<string, Record<string, string>> = {};
    for (const build of s.result.builds) {
      for (const [name, properties] of Object.entries(build.links)) {
        linked[name] = Object.fromEntries(
          Object.entries(properties).map(([property, value]) => [
            property,
            // Under mocks the type carries the stack's URN prefix ("pulumi.pulumi.Stack$sst.aws.Queue").
            property === "type" ? JSON.stringify(String(value).split("$").pop()) : typeof value,
          ]),
        );
      }
    }
    const declared: Record<string, Record<string, string>> = {};
    const source = readFileSync(path.join(import.meta.dirname, "..", "sst-env.d.ts"), "utf8");
    for (const [, name, body] of source.matchAll(/"(\w+)": \{([^}]*)\}/g)) {
      declared[name!] = Object.fromEntries(
        [...body!.matchAll(/"(\w+)": (\S+)/g)].map(([, key, type]) => [key!, type!]),
      );
    }
    assert.deepEqual(declared, linked);
  });

  test("a non-production stage can be removed, data included", async () => {
    const s = await testStage;
    assert.equal(s.result.outputs._protect, false);
    const table = s.one("aws:dynamodb/table:Table", "TableTable");
    assert.equal(table.retainOnDelete, false);
    assert.equal(table.inputs.deletionProtectionEnabled, false);
    assert.equal(s.one("aws:s3/bucket:Bucket", "MediaBucket").retainOnDelete, false);
  });
});

describe("stage prod", () => {
  test("keeps the table and bucket on removal, protects the stage and the table", async () => {
    const s = await prodStage;
    assert.equal(s.result.outputs._protect, true);
    const table = s.one("aws:dynamodb/table:Table", "TableTable");
    assert.equal(table.retainOnDelete, true);
    assert.equal(table.inputs.deletionProtectionEnabled, true);
    assert.equal(s.one("aws:s3/bucket:Bucket", "MediaBucket").retainOnDelete, true);
  });

  test("production and prod are the protected stages", async () => {
    (globalThis as { $config?: (config: unknown) => unknown }).$config = (config) => config;
    const { default: config } = await import("../sst.config");
    for (const [stage, removal, protect] of [
      ["prod", "retain", true],
      ["production", "retain", true],
      ["dev", "remove", false],
      ["pr-12", "remove", false],
    ] as const) {
      const app = await config.app({ stage });
      assert.deepEqual({ removal: app.removal, protect: app.protect }, { removal, protect }, stage);
    }
  });
});

describe("failures", () => {
  test("deploying without the PixVerse secrets fails, naming each one (the previous webhook secret is optional)", async () => {
    await assert.rejects(withoutSecrets, (error: Error) => {
      assert.match(error.message, /Set a value for PixverseApiKey/);
      assert.match(error.message, /Set a value for PixverseWebhookSecret /);
      assert.doesNotMatch(error.message, /PixverseWebhookSecretPrevious/);
      return true;
    });
  });

  test("a handler whose file does not exist fails the synth with the handler's name", async () => {
    await assert.rejects(
      missingHandler,
      /handler file not found for infra-test\/fixtures\/no-such-file\.handler/,
    );
  });
});
