import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { LogItemExtraInput, LogItemMessage } from "@aws-lambda-powertools/logger/types";
import { buildJobEvent, type EventJob, type JobCloudEvent, type JobEventPublisher } from "../events";
import { type ArchiveQueue, type Clock, type Logger, MAX_SQS_DELAY_SECONDS } from "../pipeline";
import type {
  AttemptOutcome,
  DeliveryMessage,
  SignedDelivery,
  WebhookQueue,
  WebhookSender,
} from "../webhooks";

/** JobEvents in memory: each published event, built exactly as the SQS publisher builds it. */
export class RecordingEventPublisher implements JobEventPublisher {
  readonly events: JobCloudEvent[] = [];
  private failures: unknown[] = [];

  constructor(private readonly source = "urn:pixpipe:test") {}

  /** The next sends fail with these errors, one per send. */
  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  async publish(job: EventJob): Promise<void> {
    const event = buildJobEvent(job, { source: this.source });
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.events.push(event);
  }

  ids(): string[] {
    return this.events.map((event) => event.id);
  }
}

/** ArchiveQueue in memory: the job ids handed to the archiver, in order. */
export class RecordingArchiveQueue implements ArchiveQueue {
  private queued: string[] = [];
  private failures: unknown[] = [];

  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  /** Delays asked for, by job id (the last one). */
  readonly delays = new Map<string, number>();

  async enqueue(jobId: string, options: { delayMs?: number } = {}): Promise<void> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.queued.push(jobId);
    this.delays.set(jobId, options.delayMs ?? 0);
  }

  /** Takes everything queued so far (as the archiver's event source would). */
  take(): string[] {
    const taken = this.queued;
    this.queued = [];
    return taken;
  }
}

/** WebhookQueue in memory: each message with the time its delay ends, on the given clock. */
export class RecordingWebhookQueue implements WebhookQueue {
  private queued: { message: DeliveryMessage; dueAt: number }[] = [];
  private failures: unknown[] = [];

  constructor(private readonly clock: Clock) {}

  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  async enqueue(message: DeliveryMessage, options: { delayMs?: number } = {}): Promise<void> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    // SQS holds a message 15 minutes at most, whatever the delay asked for.
    const delayMs = Math.min(options.delayMs ?? 0, MAX_SQS_DELAY_SECONDS * 1000);
    this.queued.push({ message, dueAt: this.clock.now().getTime() + delayMs });
  }

  /** Takes the messages whose delay has ended (as the worker's event source would receive them). */
  takeDue(): DeliveryMessage[] {
    const now = this.clock.now().getTime();
    const due = this.queued.filter((entry) => entry.dueAt <= now);
    this.queued = this.queued.filter((entry) => entry.dueAt > now);
    return due.map((entry) => entry.message);
  }

  /** When the next message becomes visible; undefined when none is queued. */
  nextDueAt(): number | undefined {
    return this.queued.length ? Math.min(...this.queued.map((entry) => entry.dueAt)) : undefined;
  }

  get size(): number {
    return this.queued.length;
  }
}

/** A receiver's answer to one attempt, as a test scripts it. */
export type ScriptedAnswer = Omit<AttemptOutcome, "at" | "latencyMs"> & { latencyMs?: number };

/**
 * WebhookSender without a network: records every signed request and answers with the next scripted
 * outcome (200 once the script is used up).
 */
export class ScriptedWebhookSender implements WebhookSender {
  readonly requests: { delivery: SignedDelivery; at: Date }[] = [];
  private script: ScriptedAnswer[] = [];

  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  async send(delivery: SignedDelivery, at: Date): Promise<AttemptOutcome> {
    this.requests.push({ delivery, at });
    const { latencyMs = 5, ...answer } = this.script.shift() ?? { statusCode: 200 };
    return { at, latencyMs, ...answer };
  }
}

export const silentLogger = () => new PowertoolsLogger({ serviceName: "pixpipe-test", logLevel: "SILENT" });

export type LogLevelName = "DEBUG" | "INFO" | "WARN" | "ERROR";

/** One line as Powertools would print it: its level, message and attributes merged. */
export interface LoggedLine {
  level: LogLevelName;
  message: string;
  attributes: Record<string, unknown>;
}

/** A Logger that keeps every line (any level) in memory, merged as Powertools merges its arguments. */
export class RecordingLogger implements Logger {
  readonly lines: LoggedLine[] = [];

  debug(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record("DEBUG", input, extra);
  }
  info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record("INFO", input, extra);
  }
  warn(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record("WARN", input, extra);
  }
  error(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record("ERROR", input, extra);
  }

  /** The lines whose message is `message`. */
  named(message: string): LoggedLine[] {
    return this.lines.filter((line) => line.message === message);
  }

  clear(): void {
    this.lines.length = 0;
  }

  private record(level: LogLevelName, input: LogItemMessage, extra: LogItemExtraInput): void {
    const { message, ...attributes } = typeof input === "string" ? { message: input } : input;
    for (const item of extra) {
      if (item instanceof Error) attributes.error = item;
      else if (typeof item === "string") attributes.extra = item;
      else Object.assign(attributes, item);
    }
    this.lines.push({ level, message, attributes });
  }
}
