/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    // Production keeps its data and refuses `sst remove`; every other stage is disposable.
    const production = ["prod", "production"].includes(input?.stage ?? "");
    return {
      name: "pixpipe",
      home: "aws",
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    // SST forbids top-level imports here; infra/* use the sst/aws globals.
    const { table, media } = await import("./infra/storage");
    const { archiveQueue, jobEvents } = await import("./infra/queues");
    const { api } = await import("./infra/api");
    await import("./infra/poller");
    await import("./infra/intake");
    const { alerts, dashboard } = await import("./infra/monitoring");
    const { dashboard: site } = await import("./infra/dashboard");
    return {
      api: api.url,
      pixverseWebhookUrl: $interpolate`${api.url}/webhooks/pixverse`,
      table: table.name,
      mediaBucket: media.name,
      jobEventsQueueUrl: jobEvents.url,
      jobEventsQueueArn: jobEvents.arn,
      archiveQueueUrl: archiveQueue.url,
      alertsTopicArn: alerts.arn,
      dashboard: $interpolate`https://console.aws.amazon.com/cloudwatch/home#dashboards/dashboard/${dashboard.dashboardName}`,
      webDashboard: site.url,
    };
  },
});
