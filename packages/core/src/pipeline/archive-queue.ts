import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import type { ArchiveQueue } from "./ports";

export const archiveMessageSchema = z.object({ jobId: z.string().min(1) });
export type ArchiveMessage = z.infer<typeof archiveMessageSchema>;

/** SQS's longest message delay; a longer wait is the poller's (the archive lease). */
export const MAX_SQS_DELAY_SECONDS = 900;

/** A delay as SendMessage takes it: whole seconds, rounded up, at most SQS's maximum. */
export function sqsDelaySeconds(delayMs = 0): number {
  return Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
}

/** ArchiveQueue on SQS: one message `{ jobId }` per copy to make. */
export class SqsArchiveQueue implements ArchiveQueue {
  constructor(
    private readonly sqs: Pick<SQSClient, "send">,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobId: string, options: { delayMs?: number } = {}): Promise<void> {
    const message: ArchiveMessage = { jobId };
    const delaySeconds = sqsDelaySeconds(options.delayMs);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }),
    );
  }
}
