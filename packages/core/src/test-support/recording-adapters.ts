import { Logger } from "@aws-lambda-powertools/logger";
import { buildJobEvent, type EventJob, type JobCloudEvent, type JobEventPublisher } from "../events";
import type { ArchiveQueue } from "../pipeline";

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

export const silentLogger = () => new Logger({ serviceName: "pixpipe-test", logLevel: "SILENT" });
