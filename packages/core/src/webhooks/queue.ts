import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { sqsDelaySeconds } from "../pipeline/archive-queue";
import { webhookEventSchema } from "./subscription";

/**
 * Work for the delivery worker: attempt a job's delivery of one event. `attempt` is the number of
 * attempts started when the message was sent: a message whose attempt has already been made (an SQS
 * duplicate, a sweep that raced the worker) is dropped.
 */
export const deliveryMessageSchema = z.object({
  jobId: z.string().min(1),
  event: webhookEventSchema,
  attempt: z.number().int().nonnegative(),
});
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;

/** Where deliveries wait for the worker (WebhookDeliveries on SQS). */
export interface WebhookQueue {
  /** Hands a delivery to the worker after `delayMs`; SQS waits 15 minutes at most, the worker the rest. */
  enqueue(message: DeliveryMessage, options?: { delayMs?: number }): Promise<void>;
}

export class SqsWebhookQueue implements WebhookQueue {
  constructor(
    private readonly sqs: Pick<SQSClient, "send">,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: DeliveryMessage, options: { delayMs?: number } = {}): Promise<void> {
    const delaySeconds = sqsDelaySeconds(options.delayMs);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(deliveryMessageSchema.parse(message)),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }),
    );
  }
}
