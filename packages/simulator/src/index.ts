export { generationPaths } from "./app";
export type { SimulatorControl } from "./control";
export type { CustomVoice, Ledger, LedgerGeneration, RecordedRequest, TerminalStatus } from "./engine";
export type { Fault, FaultEffect, FaultStatus, FaultType } from "./faults";
export { expectedContentSha256, solidPng, tinyMp4, type VideoContentSpec, wav } from "./media";
export { type RunningSimulator, type SimulatorOptions, startSimulator } from "./simulator";
export type { GenerationOperation } from "./validation";
export {
  retryScheduleMs,
  signedWebhookHeaders,
  signWebhook,
  type WebhookDelivery,
  webhookSignedQuery,
} from "./webhooks";
