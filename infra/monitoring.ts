/*
 * What the operator hears and sees: the Alerts topic (email from the stage settings), one alarm per
 * failure the runbook in docs/deploy.md covers, and a dashboard of the same figures. pixpipe's own
 * metrics come from core's catalogue (the objects the code emits with), so names cannot drift.
 */
import {
  deploymentDimensions,
  dimensionSetsOf,
  METRICS,
  METRICS_NAMESPACE,
  type MetricDefinition,
  STAGE_DIMENSION,
} from "../packages/core/src/metrics/catalogue";
import { api } from "./api";
import { functionName, type HandlerName, handlers } from "./lambda";
import { deadLetterQueues } from "./queues";
import { stageSettings } from "./settings";

const settings = stageSettings();
const thresholds = settings.alarms;
const prefix = `${$app.name}-${$app.stage}`;
const accountId = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

/*
 * CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key (its policy
 * cannot grant them), so the topic has its own key that lets CloudWatch use it.
 */
const alertsKey = new aws.kms.Key("AlertsKey", {
  description: `${prefix}: encrypts the Alerts topic`,
  enableKeyRotation: true,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: $interpolate`arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  }),
});

export const alerts = new sst.aws.SnsTopic("Alerts", {
  transform: { topic: { kmsMasterKeyId: alertsKey.arn } },
});

if (settings.alarmEmail) {
  // AWS mails a confirmation link first; nothing is delivered until it is followed.
  new aws.sns.TopicSubscription("AlertsEmail", {
    topic: alerts.arn,
    protocol: "email",
    endpoint: settings.alarmEmail,
  });
}

/** A pixpipe metric's total for this stage: the dimension set its alarms watch. */
function total(metric: MetricDefinition) {
  if (!dimensionSetsOf(metric).some((set) => set.length === 0)) {
    throw new Error(`metric ${metric.name} is not emitted as a total; alarms need one`);
  }
  return {
    namespace: METRICS_NAMESPACE,
    metricName: metric.name,
    dimensions: deploymentDimensions($app.stage),
  };
}

type AlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmActions" | "okActions">;

/** Every alarm tells the Alerts topic when it fires and when it clears. */
function alarm(id: string, args: AlarmArgs): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(`${id}Alarm`, {
    name: `${prefix}-${id}`,
    alarmActions: [alerts.arn],
    okActions: [alerts.arn],
    ...args,
  });
}

/** `errors` as a percentage of `all` over `period`, 0 while `all` is below `minimum`. */
function rateQueries(
  all: {
    namespace: $util.Input<string>;
    metricName: string;
    dimensions: $util.Input<Record<string, $util.Input<string>>>;
  },
  errors: {
    namespace: $util.Input<string>;
    metricName: string;
    dimensions: $util.Input<Record<string, $util.Input<string>>>;
  },
  minimum: number,
  period: number,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  return [
    { id: "total", metric: { ...all, stat: "Sum", period } },
    { id: "errors", metric: { ...errors, stat: "Sum", period } },
    {
      id: "rate",
      label: "percent",
      expression: `IF(total >= ${minimum}, 100 * FILL(errors, 0) / total, 0)`,
      returnData: true,
    },
  ];
}

const FIVE_MINUTES = 300;
const FIFTEEN_MINUTES = 900;

export const alarms = {
  ...Object.fromEntries(
    Object.entries(deadLetterQueues).map(([name, queue]) => [
      `DeadLetters${name}`,
      alarm(`DeadLetters${name}`, {
        alarmDescription: `A message is waiting in ${name}: see "Alarms" in docs/deploy.md.`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: queue.nodes.queue.name },
        statistic: "Maximum",
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        // An idle queue stops reporting: that is an empty one.
        treatMissingData: "notBreaching",
      }),
    ]),
  ),
  ArchiveFailures: alarm("ArchiveFailures", {
    alarmDescription: `${thresholds.archiveFailures} or more archive attempts failed within 15 minutes.`,
    ...total(METRICS.archivesFailed),
    statistic: "Sum",
    period: FIFTEEN_MINUTES,
    evaluationPeriods: 1,
    threshold: thresholds.archiveFailures,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  }),
  WebhookBacklog: alarm("WebhookBacklog", {
    alarmDescription: `${thresholds.webhookDeliveriesSwept} or more webhook deliveries were overdue within 15 minutes: their queue messages were lost, or the delivery worker is not running.`,
    ...total(METRICS.webhookDeliveriesSwept),
    statistic: "Sum",
    period: FIFTEEN_MINUTES,
    evaluationPeriods: 1,
    threshold: thresholds.webhookDeliveriesSwept,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  }),
  StuckJobs: alarm("StuckJobs", {
    alarmDescription: `A job has been queued, generating or archiving for more than ${thresholds.stuckJobMinutes} minutes, or the poller stopped reporting.`,
    ...total(METRICS.oldestActiveJobAge),
    statistic: "Maximum",
    period: FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: thresholds.stuckJobMinutes * 60,
    comparisonOperator: "GreaterThanThreshold",
    // The poller emits the figure on every tick: silence means it is not running.
    treatMissingData: "breaching",
  }),
  PixverseErrorRate: alarm("PixverseErrorRate", {
    alarmDescription: `More than ${thresholds.pixverseErrorPercent} % of PixVerse calls failed within 15 minutes.`,
    metricQueries: rateQueries(
      total(METRICS.pixverseCalls),
      total(METRICS.pixverseErrors),
      thresholds.minimumCalls,
      FIFTEEN_MINUTES,
    ),
    evaluationPeriods: 1,
    threshold: thresholds.pixverseErrorPercent,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  }),
  Api5xxRate: alarm("Api5xxRate", {
    alarmDescription: `More than ${thresholds.api5xxPercent} % of API responses were 5xx within 15 minutes.`,
    metricQueries: rateQueries(
      { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: api.nodes.api.id } },
      { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: { ApiId: api.nodes.api.id } },
      thresholds.minimumRequests,
      FIFTEEN_MINUTES,
    ),
    evaluationPeriods: 1,
    threshold: thresholds.api5xxPercent,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  }),
  PixverseBalanceLow: alarm("PixverseBalanceLow", {
    alarmDescription: `The PixVerse account has fewer than ${thresholds.pixverseBalanceBelow} credits.`,
    ...total(METRICS.pixverseBalance),
    statistic: "Minimum",
    period: FIFTEEN_MINUTES,
    evaluationPeriods: 1,
    threshold: thresholds.pixverseBalanceBelow,
    comparisonOperator: "LessThanThreshold",
    // No reading keeps the last state: an outage of the balance call is not a low balance.
    treatMissingData: "missing",
  }),
};

/* The dashboard: the alarms' figures and what explains them. */

const deployment = Object.entries(deploymentDimensions($app.stage)).flat();
type WidgetMetric = $util.Input<string>[] | [...$util.Input<string>[], Record<string, unknown>];

/** A pixpipe metric in a dashboard widget, with extra dimensions (a rollup's values). */
function pixpipe(
  metric: MetricDefinition,
  options: Record<string, unknown>,
  extra: string[] = [],
): WidgetMetric {
  return [METRICS_NAMESPACE, metric.name, ...deployment, ...extra, { label: metric.name, ...options }];
}

/** Every value of a dimension, found by a CloudWatch search (values need not be known in advance). */
function byDimension(metric: MetricDefinition, dimension: string, stat: string, period = FIVE_MINUTES) {
  // The search below matches metrics with exactly these dimensions.
  if (!dimensionSetsOf(metric).some((set) => set.length === 1 && set[0] === dimension)) {
    throw new Error(`metric ${metric.name} has no rollup by ${dimension}`);
  }
  const schema = [METRICS_NAMESPACE, "service", STAGE_DIMENSION, dimension].join(",");
  return [
    {
      expression: `SEARCH('{${schema}} MetricName="${metric.name}" ${STAGE_DIMENSION}="${$app.stage}"', '${stat}', ${period})`,
      label: "",
    },
  ];
}

interface Widget {
  title: string;
  metrics: $util.Input<unknown>[];
  yAxis?: Record<string, unknown>;
}

/** A Lambda metric of every pixpipe function. */
const lambda = (metricName: string, stat: string): WidgetMetric[] =>
  (Object.keys(handlers) as HandlerName[]).map((handler) => [
    "AWS/Lambda",
    metricName,
    "FunctionName",
    functionName(handler),
    { label: handler, stat },
  ]);

const rows: Widget[][] = [
  [
    {
      title: "Jobs (per 5 min)",
      metrics: [
        pixpipe(METRICS.jobsCreated, { stat: "Sum" }),
        pixpipe(METRICS.jobsSucceeded, { stat: "Sum" }),
        pixpipe(METRICS.jobsFailed, { stat: "Sum" }),
        pixpipe(METRICS.generationsRetried, { stat: "Sum" }),
      ],
    },
    { title: "Failed jobs by error code", metrics: byDimension(METRICS.jobsFailed, "ErrorCode", "Sum") },
    {
      title: "Created to succeeded (s)",
      metrics: ["p50", "p90", "p99"].map((stat) =>
        pixpipe(METRICS.jobTimeToStatus, { stat, label: stat }, ["Status", "succeeded"]),
      ),
    },
    {
      title: "Created to each status, p90 (s)",
      metrics: byDimension(METRICS.jobTimeToStatus, "Status", "p90"),
    },
  ],
  [
    {
      title: "PixVerse calls and errors",
      metrics: [
        pixpipe(METRICS.pixverseCalls, { stat: "Sum" }),
        pixpipe(METRICS.pixverseErrors, { stat: "Sum" }),
      ],
    },
    { title: "PixVerse errors by ErrCode", metrics: byDimension(METRICS.pixverseErrors, "ErrCode", "Sum") },
    { title: "PixVerse balance (credits)", metrics: [pixpipe(METRICS.pixverseBalance, { stat: "Minimum" })] },
    { title: "Webhooks refused by reason", metrics: byDimension(METRICS.webhooksRefused, "Reason", "Sum") },
  ],
  [
    {
      title: "Generation slots and active jobs",
      metrics: [
        pixpipe(METRICS.generationSlotsInUse, { stat: "Maximum" }),
        ...["queued", "generating", "archiving"].map((status) =>
          pixpipe(METRICS.activeJobs, { stat: "Maximum", label: `active ${status}` }, ["Status", status]),
        ),
      ],
    },
    {
      title: "Oldest active job (s)",
      metrics: [pixpipe(METRICS.oldestActiveJobAge, { stat: "Maximum" })],
      yAxis: { left: { min: 0 } },
    },
    {
      title: "Archives: bytes, throughput, failures",
      metrics: [
        pixpipe(METRICS.archiveBytes, { stat: "Sum" }),
        pixpipe(METRICS.archiveThroughput, { stat: "p50", yAxis: "right" }),
        pixpipe(METRICS.archivesFailed, { stat: "Sum", yAxis: "right" }),
      ],
    },
    {
      title: "Dead letters and refused event sends",
      metrics: [
        ...Object.entries(deadLetterQueues).map(([name, queue]) => [
          "AWS/SQS",
          "ApproximateNumberOfMessagesVisible",
          "QueueName",
          queue.nodes.queue.name,
          { label: name, stat: "Maximum" },
        ]),
        pixpipe(METRICS.eventSendsRefused, { stat: "Sum" }),
      ],
    },
  ],
  [
    {
      title: "API requests and errors",
      metrics: ["Count", "4xx", "5xx"].map((name) => [
        "AWS/ApiGateway",
        name,
        "ApiId",
        api.nodes.api.id,
        { stat: "Sum", label: name },
      ]),
    },
    {
      title: "API latency p90 (ms)",
      metrics: [["AWS/ApiGateway", "Latency", "ApiId", api.nodes.api.id, { stat: "p90" }]],
    },
    { title: "Lambda errors", metrics: lambda("Errors", "Sum") },
    { title: "Lambda duration p90 (ms)", metrics: lambda("Duration", "p90") },
  ],
  [
    {
      title: "PixVerse call duration p90 by endpoint (ms)",
      metrics: byDimension(METRICS.pixverseCallDuration, "Endpoint", "p90"),
    },
    { title: "Lambda throttles", metrics: lambda("Throttles", "Sum") },
    {
      title: "Webhook attempts by outcome",
      metrics: byDimension(METRICS.webhookAttempts, "Outcome", "Sum"),
    },
    {
      title: "Webhook delivery after the commit (ms), overdue deliveries",
      metrics: [
        ...["p50", "p95"].map((stat) => pixpipe(METRICS.webhookDeliveryLatency, { stat, label: stat })),
        pixpipe(METRICS.webhookDeliveriesSwept, { stat: "Sum", yAxis: "right" }),
      ],
    },
  ],
];

const WIDTH = 6;
const HEIGHT = 6;

export const dashboard = new aws.cloudwatch.Dashboard("Dashboard", {
  dashboardName: prefix,
  dashboardBody: $jsonStringify({
    widgets: [
      {
        type: "alarm",
        x: 0,
        y: 0,
        width: 24,
        height: 3,
        properties: { title: "Alarms", alarms: Object.values(alarms).map((a) => a.arn) },
      },
      ...rows.flatMap((row, y) =>
        row.map((widget, x) => ({
          type: "metric",
          x: x * WIDTH,
          y: 3 + y * HEIGHT,
          width: WIDTH,
          height: HEIGHT,
          properties: {
            title: widget.title,
            region,
            view: "timeSeries",
            period: FIVE_MINUTES,
            metrics: widget.metrics,
            ...(widget.yAxis && { yAxis: widget.yAxis }),
          },
        })),
      ),
    ],
  }),
});
