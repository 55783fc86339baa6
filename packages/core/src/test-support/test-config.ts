import type { Config } from "../config";
import type { Timings } from "../pipeline";

export type ConfigOverrides = Partial<Omit<Config, "pixverse">> & { pixverse?: Partial<Config["pixverse"]> };

/** A complete configuration for tests: local resources, a PixVerse, and the given overrides. */
export function testConfig(
  base: Partial<Config> & Pick<Config, "pixverse">,
  overrides: ConfigOverrides = {},
): Config {
  const { pixverse, ...rest } = overrides;
  const config: Config = {
    jobDeadlineSeconds: 3600,
    archiveMaxBytes: 100 * 1024 * 1024,
    timeScale: 1,
    inlineSubmitMs: 5_000,
    allowPrivateMediaUrls: false,
    eventSource: "urn:pixpipe:test",
    unknownInputFields: "pass",
    mediaAttempts: 3,
    metricsFormat: "emf",
    ...base,
  };
  return { ...config, ...rest, pixverse: { ...config.pixverse, ...pixverse } };
}

/** Millisecond cadence; the archive lease stays long so that only tests that mean to re-drive do. */
export const FAST_TIMINGS: Timings = {
  firstPollMs: 20,
  poll: { initialMs: 20, factor: 1.5, maxMs: 200 },
  submitRetry: { initialMs: 20, factor: 2, maxMs: 200 },
  capacityWaitMs: 20,
  claimLeaseMs: 60_000,
  waitingRecheckMs: 20,
  mediaRetry: { initialMs: 20, factor: 2, maxMs: 200 },
  mediaMaxAttempts: 3,
  archiveRetry: { initialMs: 20, factor: 2, maxMs: 200 },
  archiveLeaseMs: 60_000,
  archiveMaxAttempts: 3,
  eventRetry: { initialMs: 20, factor: 2, maxMs: 200 },
  eventGraceMs: 20,
  webhookRetry: { initialMs: 20, factor: 3, maxMs: 200 },
  webhookRetryWindowMs: 2_000,
  webhookLeaseMs: 60_000,
  webhookSweepGraceMs: 20,
};

/** A text_to_video input PixVerse accepts. */
export const TEXT_TO_VIDEO = {
  type: "text_to_video",
  input: { prompt: "a lighthouse at dawn", model: "v5", duration: 5, quality: "540p", aspect_ratio: "16:9" },
} as const;
