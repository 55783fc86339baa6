import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { isTerminal, type JobStatus } from "../job/status";
import { EventRejectedError } from "./errors";
import { buildJobEvent, type EventJob } from "./job-event";
import { SQS_MAX_MESSAGE_BYTES, sqsSafeJson } from "./sqs-body";

export interface JobEventPublisher {
  /** Announces a terminal job. Sending the same job again sends an identical event (same id). */
  publish(job: EventJob): Promise<void>;
}

/**
 * Sends job events to an SQS queue as CloudEvents JSON, with message attributes `type` and
 * `tenantId` so subscribers (e.g. an SNS/EventBridge pipe or a Lambda filter) can filter without
 * parsing the body.
 */
export class SqsJobEventPublisher implements JobEventPublisher {
  constructor(
    private readonly sqs: Pick<SQSClient, "send">,
    private readonly queueUrl: string,
    private readonly source: string,
  ) {}

  async publish(job: EventJob): Promise<void> {
    if (!isTerminal(job.status as JobStatus)) {
      throw new RangeError(`job ${job.id} is ${job.status}: JobEvents announces terminal jobs only`);
    }
    const event = buildJobEvent(job, { source: this.source });
    const body = sqsSafeJson(event);
    const size = Buffer.byteLength(body) + event.type.length + job.tenantId.length + 32;
    if (size > SQS_MAX_MESSAGE_BYTES) {
      throw new EventRejectedError(
        `the event is ${size} bytes, more than the ${SQS_MAX_MESSAGE_BYTES} SQS accepts`,
      );
    }
    try {
      await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: this.queueUrl,
          MessageBody: body,
          MessageAttributes: {
            type: { DataType: "String", StringValue: event.type },
            tenantId: { DataType: "String", StringValue: job.tenantId },
          },
        }),
      );
    } catch (error) {
      if (refusedForGood(error)) {
        throw new EventRejectedError(
          `SQS refused the event: ${(error as Error).name}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
}

/** SQS errors that sending the same message again cannot fix (its content, its size). */
const PERMANENT_SEND_ERRORS = new Set([
  "InvalidMessageContents",
  "InvalidMessageContentsException",
  "MessageTooLong",
]);

function refusedForGood(error: unknown): boolean {
  const { name, Code } = (error ?? {}) as { name?: string; Code?: string };
  return PERMANENT_SEND_ERRORS.has(name ?? "") || PERMANENT_SEND_ERRORS.has(Code ?? "");
}
