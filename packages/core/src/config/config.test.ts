import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

// This file runs without SST links (no SST_RESOURCE_* variables): only env vars and defaults apply.
const complete = {
  PIXPIPE_TABLE_NAME: "jobs",
  PIXPIPE_MEDIA_BUCKET: "media",
  PIXPIPE_ARCHIVE_QUEUE_URL: "http://127.0.0.1:4566/000000000000/archive",
  PIXPIPE_EVENTS_QUEUE_URL: "http://127.0.0.1:4566/000000000000/events",
  PIXPIPE_WEBHOOK_QUEUE_URL: "http://127.0.0.1:4566/000000000000/webhooks",
  PIXVERSE_API_KEY: "sk-test",
  PIXVERSE_WEBHOOK_SECRET: "whsec",
};

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig from environment variables", () => {
  it("reads every value and applies the defaults", () => {
    expect(loadConfig(complete)).toEqual({
      tableName: "jobs",
      mediaBucket: "media",
      archiveQueueUrl: complete.PIXPIPE_ARCHIVE_QUEUE_URL,
      eventsQueueUrl: complete.PIXPIPE_EVENTS_QUEUE_URL,
      webhookQueueUrl: complete.PIXPIPE_WEBHOOK_QUEUE_URL,
      pixverse: {
        baseUrl: "https://app-api.pixverse.ai",
        apiKey: "sk-test",
        webhookSecret: "whsec",
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

  it("turns numeric variables into numbers and lets variables replace defaults", () => {
    const config = loadConfig({
      ...complete,
      PIXVERSE_BASE_URL: "http://127.0.0.1:9000",
      PIXVERSE_MAX_CONCURRENCY: "2",
      PIXPIPE_JOB_DEADLINE_SECONDS: "60",
      PIXPIPE_ARCHIVE_MAX_BYTES: "1048576",
    });
    expect(config.pixverse).toMatchObject({ baseUrl: "http://127.0.0.1:9000", maxConcurrency: 2 });
    expect(config.jobDeadlineSeconds).toBe(60);
    expect(config.archiveMaxBytes).toBe(1048576);
  });

  it("names every missing value with its env var and SST link in one error", () => {
    const error = errorOf(() => loadConfig({}));
    for (const expected of [
      "tableName: set PIXPIPE_TABLE_NAME or link the SST resource Table (Resource.Table.name)",
      "mediaBucket: set PIXPIPE_MEDIA_BUCKET or link the SST resource Media (Resource.Media.name)",
      "archiveQueueUrl: set PIXPIPE_ARCHIVE_QUEUE_URL or link the SST resource ArchiveQueue",
      "eventsQueueUrl: set PIXPIPE_EVENTS_QUEUE_URL or link the SST resource JobEvents",
      "webhookQueueUrl: set PIXPIPE_WEBHOOK_QUEUE_URL or link the SST resource WebhookDeliveries",
      "pixverse.apiKey: set PIXVERSE_API_KEY or link the SST resource PixverseApiKey",
      "pixverse.webhookSecret: set PIXVERSE_WEBHOOK_SECRET or link the SST resource PixverseWebhookSecret",
    ]) {
      expect(error.message).toContain(expected);
    }
    expect(error.message).toContain("missing 7 value(s)");
    expect(error.message).not.toContain("baseUrl");
  });

  it("never reads PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS: loopback webhooks are the local runtime's option alone", () => {
    expect(loadConfig({ ...complete, PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS: "1" })).toEqual(loadConfig(complete));
  });

  it("treats an empty variable as unset", () => {
    expect(errorOf(() => loadConfig({ ...complete, PIXPIPE_TABLE_NAME: "" })).message).toContain(
      "tableName: set PIXPIPE_TABLE_NAME",
    );
  });

  it("rejects malformed values, naming the variable", () => {
    const error = errorOf(() =>
      loadConfig({ ...complete, PIXVERSE_MAX_CONCURRENCY: "many", PIXPIPE_EVENTS_QUEUE_URL: "events" }),
    );
    expect(error.message).toContain("pixverse.maxConcurrency (PIXVERSE_MAX_CONCURRENCY)");
    expect(error.message).toContain("eventsQueueUrl (PIXPIPE_EVENTS_QUEUE_URL)");
  });
});

describe("the previous webhook secret", () => {
  it("is read from PIXVERSE_WEBHOOK_SECRET_PREVIOUS during a rotation", () => {
    const config = loadConfig({ ...complete, PIXVERSE_WEBHOOK_SECRET_PREVIOUS: "whsec-old" });
    expect(config.pixverse).toMatchObject({ webhookSecret: "whsec", webhookSecretPrevious: "whsec-old" });
  });

  it("is never required, not even when every linked setting is", () => {
    expect(loadConfig(complete).pixverse.webhookSecretPrevious).toBeUndefined();
    expect(errorOf(() => loadConfig({})).message).not.toContain("webhookSecretPrevious");
  });
});
