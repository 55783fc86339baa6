/*
 * The synths the infra tests read, each its own process, all started at import so they run side by
 * side; tests await the one they need.
 */
import { rmSync } from "node:fs";
import { after } from "node:test";
import { artifactsDirectory, runSynth, Synthesized } from "./synth-client";

export const secrets = { PixverseApiKey: "test-api-key", PixverseWebhookSecret: "test-webhook-secret" };

/** Rejections are asserted by the tests that await them. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

const artifactsDir = artifactsDirectory();
after(() => rmSync(artifactsDir, { recursive: true, force: true }));

/** Every stage setting changed from its default (infra/settings.ts). */
export const customSettings = {
  PIXPIPE_ALARM_EMAIL: "ops@example.com",
  PIXPIPE_LOG_RETENTION_DAYS: "90",
  PIXPIPE_LOG_LEVEL: "DEBUG",
  PIXPIPE_POINT_IN_TIME_RECOVERY: "true",
  PIXPIPE_UPLOADS_EXPIRE_DAYS: "3",
  PIXPIPE_INCOMING_EXPIRE_DAYS: "1",
  PIXPIPE_VIDEOS_TRANSITION_DAYS: "30",
  PIXPIPE_VIDEOS_STORAGE_CLASS: "GLACIER_IR",
  PIXPIPE_API_THROTTLE_RATE: "20",
  PIXPIPE_API_THROTTLE_BURST: "40",
  PIXPIPE_CORS_ORIGINS: "https://app.example.com, https://admin.example.com",
  PIXPIPE_API_DOMAIN: "api.example.com",
  PIXPIPE_API_DOMAIN_CERT_ARN: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
  PIXPIPE_ALARM_STUCK_JOB_MINUTES: "45",
  PIXPIPE_ALARM_ARCHIVE_FAILURES: "5",
  PIXPIPE_ALARM_WEBHOOK_DELIVERIES_SWEPT: "10",
  PIXPIPE_ALARM_PIXVERSE_ERROR_PERCENT: "25",
  PIXPIPE_ALARM_API_5XX_PERCENT: "2",
  PIXPIPE_ALARM_PIXVERSE_BALANCE_BELOW: "2000",
  PIXPIPE_ALARM_MINIMUM_CALLS: "50",
  PIXPIPE_ALARM_MINIMUM_REQUESTS: "100",
};

export const testStage = started(
  runSynth({ stage: "test", secrets, artifactsDir }).then((r) => new Synthesized(r)),
);
export const prodStage = started(runSynth({ stage: "prod", secrets }).then((r) => new Synthesized(r)));
export const customStage = started(
  runSynth({ stage: "custom", secrets, settings: customSettings }).then((r) => new Synthesized(r)),
);
export const withoutSecrets = started(runSynth({ stage: "test" }));
export const missingHandler = started(runSynth({ config: "fixtures/missing-handler.config.ts", secrets }));
