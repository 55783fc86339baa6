import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { z } from "zod";
import type { ArchiveQueue } from "./ports";

export const archiveMessageSchema = z.object({ jobId: z.string().min(1) });
export type ArchiveMessage = z.infer<typeof archiveMessageSchema>;

/** ArchiveQueue on SQS: one message `{ jobId }` per copy to make. */
export class SqsArchiveQueue implements ArchiveQueue {
  constructor(
    private readonly sqs: Pick<SQSClient, "send">,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobId: string): Promise<void> {
    const message: ArchiveMessage = { jobId };
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
    );
  }
}
