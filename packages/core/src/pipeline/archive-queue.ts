import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import type { ArchiveQueue } from "./ports";

export const archiveMessageSchema = z.object({ jobId: z.string().min(1) });
export type ArchiveMessage = z.infer<typeof archiveMessageSchema>;

/** SQS's longest message delay; a longer wait is the poller's (the archive lease). */
const MAX_SQS_DELAY_SECONDS = 900;

/** ArchiveQueue on SQS: one message `{ jobId }` per copy to make. */
export class SqsArchiveQueue implements ArchiveQueue {
  constructor(
    private readonly sqs: Pick<SQSClient, "send">,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobId: string, options: { delayMs?: number } = {}): Promise<void> {
    const message: ArchiveMessage = { jobId };
    const delaySeconds = Math.min(MAX_SQS_DELAY_SECONDS, Math.ceil((options.delayMs ?? 0) / 1000));
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }),
    );
  }
}
