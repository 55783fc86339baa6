import type { SQSRecord } from "aws-lambda";

// How the SQS-triggered functions read their messages.

/** A body as JSON, or undefined when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a queue's messages are checked against (a zod schema). */
interface MessageSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * Handles one SQS record whose body is a `schema` message. Retrying cannot fix a malformed message:
 * it is logged and let go; an error of `handle` fails the record, which SQS hands out again.
 */
export function messageHandler<T>(
  pipeline: { logger: { error(message: string, details: Record<string, unknown>): void } },
  schema: MessageSchema<T>,
  shape: string,
  handle: (message: T) => Promise<unknown>,
): (record: SQSRecord) => Promise<void> {
  return async (record) => {
    const parsed = schema.safeParse(parseJson(record.body));
    if (!parsed.success) {
      pipeline.logger.error(`message ignored: not ${shape}`, {
        messageId: record.messageId,
        body: record.body,
      });
      return;
    }
    await handle(parsed.data);
  };
}
