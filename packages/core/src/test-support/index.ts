// Test support: imported by tests only, never by production code.
export { type FakeGeneration, FakePixverse, pixverseError, resultBytes } from "./fake-pixverse";
export {
  createInMemoryPipeline,
  type InMemoryPipelineOptions,
  type InMemoryWorld,
  TEST_WEBHOOK_SECRET,
} from "./in-memory-pipeline";
export { ManualClock } from "./manual-clock";
export {
  PipelineHarness,
  type ReceivedEvent,
  sha256Hex,
  TestWorld,
  type WebhookAnswer,
  waitFor,
} from "./pipeline-harness";
export {
  type LoggedLine,
  type LogLevelName,
  RecordingArchiveQueue,
  RecordingEventPublisher,
  RecordingLogger,
  RecordingWebhookQueue,
  type ScriptedAnswer,
  ScriptedWebhookSender,
  silentLogger,
} from "./recording-adapters";
export { type ConfigOverrides, FAST_TIMINGS, TEXT_TO_VIDEO, testConfig } from "./test-config";
export { createTestTable } from "./test-table";
