/*
 * What running pixpipe in production needs, read from the synthesized stages: alarms on the Alerts
 * topic, the dashboard, log retention and level, point-in-time recovery, lifecycle rules,
 * encryption, API throttling, CORS and domain, the optional previous webhook secret, and the stage
 * settings that change them. Imported by infra.test.ts, so it reads the same synths.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readStageSettings, type StageSettings, StageSettingsError } from "../infra/settings";
import { deploymentDimensions, METRICS, METRICS_NAMESPACE } from "../packages/core/src/metrics/catalogue";
import { customSettings, customStage, prodStage, testStage } from "./stages";
import { mockArn, type Synthesized } from "./synth-client";
import type { SynthResource } from "./synth-types";

const defaults = readStageSettings({}, { production: false });
const custom = readStageSettings(customSettings, { production: false });

interface AlarmInputs {
  name: string;
  alarmActions: string[];
  okActions: string[];
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  statistic?: string;
  period?: number;
  evaluationPeriods: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData: string;
  metricQueries?: {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: {
      namespace: string;
      metricName: string;
      dimensions: Record<string, string>;
      stat: string;
      period: number;
    };
  }[];
}

const alarmsOf = (s: Synthesized) =>
  new Map(
    s.all("aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => {
      const inputs = alarm.inputs as unknown as AlarmInputs;
      return [inputs.name.replace(`pixpipe-${s.result.stage}-`, ""), inputs];
    }),
  );
const alarmOf = (s: Synthesized, id: string) => {
  const alarm = alarmsOf(s).get(id);
  assert.ok(alarm, `no alarm ${id}`);
  return alarm;
};
const topicArn = (s: Synthesized) => mockArn(s.one("aws:sns/topic:Topic", "AlertsTopic"));
const queueName = (queue: SynthResource) => String(queue.inputs.name);

/** The queues anything dead-letters into: redrive targets and the intake function's failure destination. */
function deadLetterQueues(s: Synthesized): SynthResource[] {
  const queues = s.all("aws:sqs/queue:Queue");
  const targets = new Set([
    ...queues.flatMap((queue) => {
      const policy = queue.inputs.redrivePolicy;
      return typeof policy === "string"
        ? [(JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn]
        : [];
    }),
    ...s.all("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").flatMap((config) => {
      const destination = (
        config.inputs.destinationConfig as { onFailure?: { destination?: string } } | undefined
      )?.onFailure?.destination;
      return destination ? [destination] : [];
    }),
  ]);
  return queues.filter((queue) => targets.has(mockArn(queue)));
}

/** What each alarm must be, from the stage's settings. */
function expectedAlarms(s: Synthesized, settings: StageSettings) {
  const thresholds = settings.alarms;
  return {
    ArchiveFailures: {
      metric: METRICS.archivesFailed,
      statistic: "Sum",
      period: 900,
      threshold: thresholds.archiveFailures,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
    },
    WebhookBacklog: {
      metric: METRICS.webhookDeliveriesSwept,
      statistic: "Sum",
      period: 900,
      threshold: thresholds.webhookDeliveriesSwept,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
    },
    StuckJobs: {
      metric: METRICS.oldestActiveJobAge,
      statistic: "Maximum",
      period: 300,
      threshold: thresholds.stuckJobMinutes * 60,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "breaching",
    },
    PixverseBalanceLow: {
      metric: METRICS.pixverseBalance,
      statistic: "Minimum",
      period: 900,
      threshold: thresholds.pixverseBalanceBelow,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "missing",
    },
    ...Object.fromEntries(
      deadLetterQueues(s).map((queue) => [`DeadLetters${queue.name.replace(/Queue$/, "")}`, null]),
    ),
  };
}

for (const [label, stage, settings] of [
  ["defaults (stage test)", testStage, defaults],
  ["every setting changed (stage custom)", customStage, custom],
] as const) {
  describe(`alarms, ${label}`, () => {
    test("exactly the runbook's alarms exist, each telling the Alerts topic when it fires and clears", async () => {
      const s = await stage;
      const alarms = alarmsOf(s);
      assert.deepEqual(
        [...alarms.keys()].sort(),
        [...Object.keys(expectedAlarms(s, settings)), "PixverseErrorRate", "Api5xxRate"].sort(),
      );
      for (const [id, alarm] of alarms) {
        assert.deepEqual(alarm.alarmActions, [topicArn(s)], id);
        assert.deepEqual(alarm.okActions, [topicArn(s)], id);
        assert.equal(alarm.evaluationPeriods, 1, id);
      }
    });

    test("a message in any dead-letter queue alarms", async () => {
      const s = await stage;
      const queues = deadLetterQueues(s);
      assert.deepEqual(queues.map((queue) => queue.name).sort(), [
        "ArchiveDlqQueue",
        "IntakeDlqQueue",
        "JobEventsDlqQueue",
        "WebhookDeliveriesDlqQueue",
      ]);
      for (const queue of queues) {
        const alarm = alarmOf(s, `DeadLetters${queue.name.replace(/Queue$/, "")}`);
        assert.deepEqual(
          {
            namespace: alarm.namespace,
            metricName: alarm.metricName,
            dimensions: alarm.dimensions,
            statistic: alarm.statistic,
            threshold: alarm.threshold,
            comparisonOperator: alarm.comparisonOperator,
            treatMissingData: alarm.treatMissingData,
          },
          {
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: queueName(queue) },
            statistic: "Maximum",
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
          },
        );
      }
    });

    test("pixpipe's alarms watch catalogue metrics in its namespace, this stage's total, at the set thresholds", async () => {
      const s = await stage;
      for (const [id, expected] of Object.entries(expectedAlarms(s, settings))) {
        if (!expected) continue; // dead-letter alarms: above
        const alarm = alarmOf(s, id);
        const { metric, ...rest } = expected;
        assert.deepEqual(
          {
            namespace: alarm.namespace,
            metricName: alarm.metricName,
            dimensions: alarm.dimensions,
            statistic: alarm.statistic,
            period: alarm.period,
            threshold: alarm.threshold,
            comparisonOperator: alarm.comparisonOperator,
            treatMissingData: alarm.treatMissingData,
          },
          {
            namespace: METRICS_NAMESPACE,
            metricName: metric.name,
            dimensions: deploymentDimensions(s.result.stage),
            ...rest,
          },
          id,
        );
      }
    });

    test("the PixVerse error rate and API 5xx rate alarm above their percentages, given enough traffic", async () => {
      const s = await stage;
      const apiId = `${s.one("aws:apigatewayv2/api:Api", "ApiApi").name}-id`;
      for (const [id, total, errors, percent, minimum] of [
        [
          "PixverseErrorRate",
          {
            namespace: METRICS_NAMESPACE,
            metricName: METRICS.pixverseCalls.name,
            dimensions: deploymentDimensions(s.result.stage),
          },
          {
            namespace: METRICS_NAMESPACE,
            metricName: METRICS.pixverseErrors.name,
            dimensions: deploymentDimensions(s.result.stage),
          },
          settings.alarms.pixverseErrorPercent,
          settings.alarms.minimumCalls,
        ],
        [
          "Api5xxRate",
          { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: apiId } },
          { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: { ApiId: apiId } },
          settings.alarms.api5xxPercent,
          settings.alarms.minimumRequests,
        ],
      ] as const) {
        const alarm = alarmOf(s, id);
        assert.deepEqual(alarm.metricQueries, [
          { id: "total", metric: { ...total, stat: "Sum", period: 900 } },
          { id: "errors", metric: { ...errors, stat: "Sum", period: 900 } },
          {
            id: "rate",
            label: "percent",
            expression: `IF(total >= ${minimum}, 100 * FILL(errors, 0) / total, 0)`,
            returnData: true,
          },
        ]);
        assert.equal(alarm.threshold, percent, id);
        assert.equal(alarm.comparisonOperator, "GreaterThanThreshold", id);
        assert.equal(alarm.treatMissingData, "notBreaching", id);
      }
    });

    test("the dashboard shows every alarm and every catalogue metric, nothing the catalogue lacks", async () => {
      const s = await stage;
      const body = JSON.parse(
        String(s.one("aws:cloudwatch/dashboard:Dashboard", "Dashboard").inputs.dashboardBody),
      ) as {
        widgets: { type: string; properties: { alarms?: string[]; metrics?: unknown[] } }[];
      };
      const alarmArns = s.all("aws:cloudwatch/metricAlarm:MetricAlarm").map(mockArn).sort();
      assert.deepEqual(
        [...(body.widgets.find((w) => w.type === "alarm")?.properties.alarms ?? [])].sort(),
        alarmArns,
      );
      const shown = new Set<string>();
      for (const entry of body.widgets.flatMap((widget) => widget.properties.metrics ?? [])) {
        if (Array.isArray(entry) && entry[0] === METRICS_NAMESPACE) shown.add(String(entry[1]));
        const expression = (entry as { expression?: string }).expression;
        if (expression) {
          const [, namespace, name] = expression.match(/^SEARCH\('\{(\w+),.*MetricName="(\w+)"/) ?? [];
          assert.equal(namespace, METRICS_NAMESPACE, expression);
          assert.match(expression, new RegExp(`Stage="${s.result.stage}"`));
          shown.add(name!);
        }
      }
      assert.deepEqual(
        [...shown].sort(),
        Object.values(METRICS)
          .map((metric) => metric.name)
          .sort(),
      );
    });
  });
}

describe("the Alerts topic", () => {
  test("is encrypted with its own key, which CloudWatch alarms in this account may use", async () => {
    const s = await testStage;
    const key = s.one("aws:kms/key:Key", "AlertsKey");
    // The key has no name: the mocks make its ARN from the resource name and stage.
    assert.equal(
      s.one("aws:sns/topic:Topic", "AlertsTopic").inputs.kmsMasterKeyId,
      `arn:aws:mock:eu-west-1:123456789012:${key.type}/AlertsKey-test`,
    );
    assert.equal(key.inputs.enableKeyRotation, true);
    const policy = JSON.parse(String(key.inputs.policy)) as {
      Statement: { Principal: { Service?: string }; Action: string[] | string; Condition?: unknown }[];
    };
    const cloudwatch = policy.Statement.find(
      (statement) => statement.Principal.Service === "cloudwatch.amazonaws.com",
    );
    assert.deepEqual(cloudwatch?.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
    assert.deepEqual(cloudwatch?.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  test("mails the stage's alarm email, and nobody when none is set", async () => {
    assert.deepEqual((await testStage).all("aws:sns/topic:Topic").length, 1);
    assert.deepEqual((await testStage).all("aws:sns/topicSubscription:TopicSubscription"), []);
    const s = await customStage;
    const [subscription, ...others] = s.all("aws:sns/topicSubscription:TopicSubscription");
    assert.equal(others.length, 0);
    assert.deepEqual(
      {
        topic: subscription?.inputs.topic,
        protocol: subscription?.inputs.protocol,
        endpoint: subscription?.inputs.endpoint,
      },
      { topic: topicArn(s), protocol: "email", endpoint: "ops@example.com" },
    );
  });
});

describe("logs", () => {
  for (const [label, stage, days, level] of [
    ["by default", testStage, 30, "INFO"],
    ["as the stage sets them", customStage, 90, "DEBUG"],
  ] as const) {
    test(`every function's log group and the API access log keep ${days} days; functions log at ${level} (${label})`, async () => {
      const s = await stage;
      const retentionByName = new Map(
        s
          .all("aws:cloudwatch/logGroup:LogGroup")
          .map((group) => [String(group.inputs.name), group.inputs.retentionInDays]),
      );
      const functions = s.all("aws:lambda/function:Function");
      assert.equal(functions.length, s.result.builds.length);
      for (const fn of functions) {
        const logGroup = (fn.inputs.loggingConfig as { logGroup: string }).logGroup;
        assert.equal(retentionByName.get(logGroup), days, `${fn.name}: ${logGroup}`);
        const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
        assert.equal(variables.POWERTOOLS_LOG_LEVEL, level, fn.name);
      }
      assert.equal(s.one("aws:cloudwatch/logGroup:LogGroup", "ApiAccessLog").inputs.retentionInDays, days);
      assert.equal(retentionByName.size, functions.length + 1, "no log group without retention");
    });
  }
});

describe("data protection", () => {
  test("point-in-time recovery: on in production, off elsewhere unless the stage turns it on", async () => {
    const pitr = async (stage: Promise<Synthesized>) =>
      (await stage).one("aws:dynamodb/table:Table", "TableTable").inputs.pointInTimeRecovery;
    assert.deepEqual(await pitr(prodStage), { enabled: true });
    assert.deepEqual(await pitr(testStage), { enabled: false });
    assert.deepEqual(await pitr(customStage), { enabled: true });
  });

  for (const [label, stage, settings] of [
    ["defaults", testStage, defaults],
    ["stage settings", customStage, custom],
  ] as const) {
    test(`uploads/ and incoming/ expire, videos/ changes class only when set (${label})`, async () => {
      const s = await stage;
      const rules = s.one(
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "MediaLifecycle",
      ).inputs.rules as {
        id: string;
        status: string;
        filter?: { prefix?: string };
        expiration?: { days: number };
        transitions?: unknown;
      }[];
      const byPrefix = (prefix: string) => rules.filter((rule) => rule.filter?.prefix === prefix);
      assert.ok(rules.every((rule) => rule.status === "Enabled"));
      assert.deepEqual(
        byPrefix("uploads/").map((rule) => rule.expiration),
        [{ days: settings.uploadsExpireDays }],
      );
      assert.deepEqual(
        byPrefix("incoming/").map((rule) => rule.expiration),
        [{ days: settings.incomingExpireDays }],
      );
      assert.deepEqual(
        byPrefix("videos/").map((rule) => ({ expiration: rule.expiration, transitions: rule.transitions })),
        settings.videosTransition
          ? [{ expiration: undefined, transitions: [{ days: 30, storageClass: "GLACIER_IR" }] }]
          : [],
      );
    });
  }

  test("everything is encrypted at rest: queues with SSE-SQS, the bucket with SSE-S3; the bucket is not versioned", async () => {
    const s = await testStage;
    for (const queue of s.all("aws:sqs/queue:Queue"))
      assert.equal(queue.inputs.sqsManagedSseEnabled, true, queue.name);
    const encryption = s.one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "MediaEncryption",
    );
    assert.equal(encryption.inputs.bucket, s.one("aws:s3/bucket:Bucket", "MediaBucket").inputs.bucket);
    assert.deepEqual(encryption.inputs.rules, [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
    assert.deepEqual(s.all("aws:s3/bucketVersioning:BucketVersioning"), []);
  });
});

describe("the API stage", () => {
  for (const [label, stage, settings] of [
    ["defaults", testStage, defaults],
    ["stage settings", customStage, custom],
  ] as const) {
    test(`throttles every route and allows the configured CORS origins (${label})`, async () => {
      const s = await stage;
      assert.deepEqual(s.one("aws:apigatewayv2/stage:Stage", "ApiStage").inputs.defaultRouteSettings, {
        throttlingRateLimit: settings.apiThrottle.rateLimit,
        throttlingBurstLimit: settings.apiThrottle.burstLimit,
      });
      const cors = s.one("aws:apigatewayv2/api:Api", "ApiApi").inputs.corsConfiguration as {
        allowOrigins?: string[];
      };
      assert.deepEqual(cors.allowOrigins, settings.corsOrigins);
    });
  }

  test("answers on the stage's custom domain, with its certificate when DNS is elsewhere", async () => {
    assert.deepEqual((await testStage).all("aws:apigatewayv2/domainName:DomainName"), []);
    const [domain, ...others] = (await customStage).all("aws:apigatewayv2/domainName:DomainName");
    assert.ok(domain && others.length === 0);
    assert.equal(domain.inputs.domainName, "api.example.com");
    assert.equal(
      (domain.inputs.domainNameConfiguration as { certificateArn: string }).certificateArn,
      customSettings.PIXPIPE_API_DOMAIN_CERT_ARN,
    );
  });
});

describe("webhook secret rotation", () => {
  test("the previous webhook secret is optional, empty until set, and reaches only the api function", async () => {
    const s = await testStage;
    const holders = s.result.builds.filter((build) => "PixverseWebhookSecretPrevious" in build.links);
    assert.deepEqual(
      holders.map((build) => build.handler),
      ["packages/functions/src/api.handler"],
    );
    assert.equal(holders[0]!.links.PixverseWebhookSecretPrevious!.value, "");
  });
});

describe("stage settings", () => {
  test("production stages default to point-in-time recovery; the rest is the same everywhere", () => {
    const production = readStageSettings({}, { production: true });
    assert.equal(production.pointInTimeRecovery, true);
    assert.deepEqual({ ...production, pointInTimeRecovery: false }, defaults);
    assert.equal(
      readStageSettings({ PIXPIPE_POINT_IN_TIME_RECOVERY: "false" }, { production: true })
        .pointInTimeRecovery,
      false,
    );
  });

  test("CORS can be switched off", () => {
    assert.deepEqual(
      readStageSettings({ PIXPIPE_CORS_ORIGINS: "none" }, { production: false }).corsOrigins,
      [],
    );
  });

  for (const [env, message] of [
    [
      { PIXPIPE_LOG_RETENTION_DAYS: "45" },
      /PIXPIPE_LOG_RETENTION_DAYS=45: CloudWatch Logs keeps logs for 1, 3, 5/,
    ],
    [{ PIXPIPE_LOG_LEVEL: "verbose" }, /PIXPIPE_LOG_LEVEL=verbose: expected one of DEBUG, INFO, WARN, ERROR/],
    [{ PIXPIPE_ALARM_EMAIL: "ops" }, /PIXPIPE_ALARM_EMAIL=ops: not an email address/],
    [{ PIXPIPE_UPLOADS_EXPIRE_DAYS: "0" }, /PIXPIPE_UPLOADS_EXPIRE_DAYS=0: expected a whole number >= 1/],
    [
      { PIXPIPE_VIDEOS_TRANSITION_DAYS: "10" },
      /S3 moves objects to STANDARD_IA after 30 days at the earliest/,
    ],
    [{ PIXPIPE_CORS_ORIGINS: "https://app.example.com/path" }, /is not an origin/],
    [{ PIXPIPE_POINT_IN_TIME_RECOVERY: "yes" }, /expected one of true, false/],
    [{ PIXPIPE_ALARM_API_5XX_PERCENT: "-1" }, /expected a number >= 0/],
  ] as const) {
    test(`refuses ${Object.entries(env)[0]!.join("=")}, naming the variable`, () => {
      assert.throws(
        () => readStageSettings(env, { production: false }),
        (error: Error) => error instanceof StageSettingsError && message.test(error.message),
      );
    });
  }
});
