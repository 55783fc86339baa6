import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";

/**
 * Receives a queue's messages as they come (a few long polls at once, each message deleted) and tells
 * when the one with a given key has arrived: the moment it was receivable, as close as a consumer sees it.
 */
export class QueueInbox {
  private readonly arrived = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    /** The key a message is waited for by (e.g. its CloudEvent subject and type). */
    private readonly keyOf: (body: string) => string,
    receivers = 3,
  ) {
    this.loops = Array.from({ length: receivers }, () => this.receive());
  }

  /** When the message with `key` was received (now or earlier). */
  arrival(key: string, timeoutMs = 60_000): Promise<number> {
    const at = this.arrived.get(key);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`no message ${key} on ${this.queueUrl} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(key, (arrivedAt) => {
        clearTimeout(timer);
        resolve(arrivedAt);
      });
    });
  }

  /** Forgets what arrived (between rounds). */
  clear(): void {
    this.arrived.clear();
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async receive(): Promise<void> {
    while (this.running) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      const at = performance.now();
      for (const message of Messages) {
        const key = this.keyOf(message.Body ?? "");
        this.arrived.set(key, at);
        this.waiters.get(key)?.(at);
        this.waiters.delete(key);
      }
      if (Messages.length > 0) {
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: Messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
      }
    }
  }
}
