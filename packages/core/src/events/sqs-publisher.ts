import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { buildJobEvent, type EventJob } from "./job-event";

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
    const event = buildJobEvent(job, { source: this.source });
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(event),
        MessageAttributes: {
          type: { DataType: "String", StringValue: event.type },
          tenantId: { DataType: "String", StringValue: job.tenantId },
        },
      }),
    );
  }
}
