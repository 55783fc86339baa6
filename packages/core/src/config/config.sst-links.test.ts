import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config";

// SST hands links to a function as SST_RESOURCE_<Name> JSON variables; `Resource` reads them on first
// use, once per process, so they are set before any test in this file runs.
beforeAll(() => {
  const links: Record<string, unknown> = {
    Table: { name: "pixpipe-prod-Table", type: "sst.aws.Dynamo" },
    Media: { name: "pixpipe-prod-media", type: "sst.aws.Bucket" },
    ArchiveQueue: { url: "https://sqs.eu-west-1.amazonaws.com/123456789012/archive", type: "sst.aws.Queue" },
    JobEvents: { url: "https://sqs.eu-west-1.amazonaws.com/123456789012/events", type: "sst.aws.Queue" },
    WebhookDeliveries: {
      url: "https://sqs.eu-west-1.amazonaws.com/123456789012/webhooks",
      type: "sst.aws.Queue",
    },
    PixverseApiKey: { value: "sk-live", type: "sst.sst.Secret" },
    PixverseWebhookSecret: { value: "whsec-live", type: "sst.sst.Secret" },
    PixverseWebhookSecretPrevious: { value: "whsec-before-rotation", type: "sst.sst.Secret" },
  };
  for (const [name, value] of Object.entries(links)) {
    process.env[`SST_RESOURCE_${name}`] = JSON.stringify(value);
  }
});

describe("loadConfig from SST links", () => {
  it("reads every linked value when no env var is set", () => {
    expect(loadConfig({})).toEqual({
      tableName: "pixpipe-prod-Table",
      mediaBucket: "pixpipe-prod-media",
      archiveQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/archive",
      eventsQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/events",
      webhookQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/webhooks",
      pixverse: {
        baseUrl: "https://app-api.pixverse.ai",
        apiKey: "sk-live",
        webhookSecret: "whsec-live",
        webhookSecretPrevious: "whsec-before-rotation",
        maxConcurrency: 5,
        requestsPerSecond: 5,
      },
      jobDeadlineSeconds: 3600,
      archiveMaxBytes: 5 * 1024 ** 3,
      timeScale: 1,
      inlineSubmitMs: 5000,
      allowPrivateMediaUrls: false,
      eventSource: "pixpipe",
      unknownInputFields: "pass",
      mediaAttempts: 4,
      metricsFormat: "emf",
    });
  });

  it("lets an explicit env var override its link", () => {
    const config = loadConfig({ PIXPIPE_TABLE_NAME: "local-table", PIXVERSE_API_KEY: "sk-local" });
    expect(config.tableName).toBe("local-table");
    expect(config.pixverse.apiKey).toBe("sk-local");
    expect(config.mediaBucket).toBe("pixpipe-prod-media");
  });
});
