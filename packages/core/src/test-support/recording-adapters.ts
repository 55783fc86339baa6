import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { LogItemExtraInput, LogItemMessage } from "@aws-lambda-powertools/logger/types";
import { buildJobEvent, type EventJob, type JobCloudEvent, type JobEventPublisher } from "../events";
import type { ArchiveQueue, Logger } from "../pipeline";

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
