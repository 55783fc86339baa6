import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
  type SQSClientConfig,
} from "@aws-sdk/client-sqs";
import pc from "picocolors";
import { readLocalRuntimeFile } from "../config";
import type { CliContext } from "../context";
import { ConfigError, EXIT, type ExitCode } from "../errors";
import { colorStatus } from "../format";

export interface TailFlags {
  queueUrl?: string;
  endpoint?: string;
  region?: string;
  max?: number;
  peek?: boolean;
}

interface QueueTarget {
  queueUrl: string;
  config: SQSClientConfig;
}

/** The JobEvents queue: flags, then PIXPIPE_EVENTS_QUEUE_URL (AWS), then the local runtime's file. */
async function queueTarget(cli: CliContext, flags: TailFlags): Promise<QueueTarget> {
  const region = flags.region ?? cli.env.AWS_REGION ?? cli.env.AWS_DEFAULT_REGION;
  const queueUrl = flags.queueUrl ?? cli.env.PIXPIPE_EVENTS_QUEUE_URL;
  if (queueUrl) {
    // AWS: the SDK's own credential chain; AWS_ENDPOINT_URL_SQS is honoured by the SDK too.
    return {
      queueUrl,
      config: { ...(region ? { region } : {}), ...(flags.endpoint ? { endpoint: flags.endpoint } : {}) },
    };
  }
  const local = await readLocalRuntimeFile(cli.cwd);
  if (!local) {
    throw new ConfigError(
      "no JobEvents queue: give --queue-url (or PIXPIPE_EVENTS_QUEUE_URL) and --region, or run inside the repository while `npx -y pnpm@10 run local` runs",
    );
  }
  const { runtime } = local;
  return {
    queueUrl: runtime.queues.jobEvents.url,
    config: {
      region: flags.region ?? runtime.region,
      endpoint: flags.endpoint ?? runtime.endpoints.sqs,
      // The local emulator takes any credentials.
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    },
  };
}

interface JobEvent {
  id?: string;
  type?: string;
  subject?: string;
  time?: string;
  data?: {
    status?: Parameters<typeof colorStatus>[0];
    output?: { key?: string };
    error?: { code?: string; message?: string };
  };
}

function eventLine(message: Message): string {
  let event: JobEvent;
  try {
    event = JSON.parse(message.Body ?? "") as JobEvent;
  } catch {
    return `${pc.yellow("not a JSON event")} ${message.MessageId}: ${message.Body?.slice(0, 200)}`;
  }
  const tenant = message.MessageAttributes?.tenantId?.StringValue;
  const data = event.data ?? {};
  return [
    pc.dim(event.time ?? ""),
    event.type,
    event.subject,
    data.status && colorStatus(data.status),
    data.output?.key,
    data.error && `${data.error.code}: ${data.error.message}`,
    tenant && pc.dim(`tenant ${tenant}`),
  ]
    .filter(Boolean)
    .join("  ");
}

/**
 * `pixpipe events tail`: prints JobEvents as they arrive. It is a consumer: what it prints it
 * deletes, unless --peek, which reads one batch and leaves it (SQS then counts a receive, and the
 * messages stay hidden from other consumers for the queue's visibility timeout).
 */
export async function tailEvents(cli: CliContext, flags: TailFlags): Promise<ExitCode> {
  const { queueUrl, config } = await queueTarget(cli, flags);
  const sqs = new SQSClient({ ...config, useQueueUrlAsEndpoint: false });
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once("SIGINT", onSigint);
  let printed = 0;
  try {
    if (!cli.json) cli.stderr.write(pc.dim(`reading ${queueUrl} (Ctrl-C stops)\n`));
    while (!stop.signal.aborted && (flags.max === undefined || printed < flags.max)) {
      const wanted = Math.min(10, flags.max === undefined ? 10 : flags.max - printed);
      const { Messages = [] } = await sqs
        .send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: wanted,
            WaitTimeSeconds: flags.peek ? 1 : 20,
            MessageAttributeNames: ["All"],
          }),
          { abortSignal: stop.signal },
        )
        .catch((error: unknown) => {
          if (stop.signal.aborted) return { Messages: [] };
          throw error;
        });
      for (const message of Messages) {
        if (cli.json) {
          cli.stdout.write(`${message.Body ?? "null"}\n`);
        } else {
          cli.print(eventLine(message));
        }
        printed += 1;
      }
      if (flags.peek) break;
      if (Messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
      }
    }
  } finally {
    process.off("SIGINT", onSigint);
    sqs.destroy();
  }
  return stop.signal.aborted ? EXIT.interrupted : EXIT.ok;
}
