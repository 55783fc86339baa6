/**
 * Benchmark (not a test): how long after a job's change is committed its webhook reaches a receiver,
 * through the whole local runtime (the lifecycle's outbox write, the SQS hand-out in fauxqs, the
 * delivery worker's Lambda semantics, DynamoDB Local, a signed POST to a receiver on 127.0.0.1). Each
 * run creates a job with a webhook and cancels it; the latency is the receiver's clock at arrival
 * minus the event's `time` (the commit of the cancellation, same machine). p50 and p95 beside two
 * floors measured in the same run: an SQS send and long-poll receive in fauxqs (the worker's hop),
 * and a POST straight to the receiver (the HTTP hop).
 *
 *   npx -y pnpm@10 run bench:webhooks [--runs 40]
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { createAwsClients } from "@pixpipe/core/aws";
import { localHandlers } from "../src/handlers";
import { startLocalRuntime } from "../src/runtime";
import { WebhookReceiver } from "../src/test-support/webhook-receiver";
import { apiCaller, percentile } from "./support";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { runs: { type: "string", default: "40" } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) throw new Error("--runs is a whole number of 2 or more");

const stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-bench-"));
const quiet = { info() {}, warn() {}, error: console.error };
const runtime = await startLocalRuntime({
  port: 0,
  stateDir,
  log: quiet,
  env: { POWERTOOLS_LOG_LEVEL: "ERROR", PIXPIPE_METRICS_FORMAT: "none", PIXPIPE_INLINE_SUBMIT_MS: "0" },
  handlers: localHandlers({ allowLoopbackWebhooks: true }),
});
const receiver = await WebhookReceiver.start();
const clients = createAwsClients();

const call = apiCaller(runtime.info);

const samples = new Map<string, number[]>();
const record = (name: string, ms: number) => samples.set(name, [...(samples.get(name) ?? []), ms]);

/** One job's webhook: from the commit of its cancellation to the receiver. */
async function deliveryLatency(): Promise<number> {
  const job = (await call("POST", "/v1/jobs", {
    type: "text_to_video",
    input: { prompt: "a fox in the snow", model: "v5", duration: 5, quality: "540p", aspect_ratio: "16:9" },
    webhook: { url: receiver.url("/bench"), events: ["job.cancelled"] },
  })) as { id: string };
  await call("POST", `/v1/jobs/${job.id}/cancel`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [request] = receiver.of(`${job.id}:cancelled`);
    if (request) return request.receivedAt - Date.parse(JSON.parse(request.body).time);
    if (Date.now() > deadline) throw new Error(`no webhook for ${job.id} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const { QueueUrl: scratch } = await clients.sqs.send(
  new CreateQueueCommand({ QueueName: `bench-floor-${randomUUID().slice(0, 8)}` }),
);
/** The worker's hop alone: a message sent, then received by a long poll already waiting. */
async function sqsHop(): Promise<number> {
  const receiving = clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: scratch, WaitTimeSeconds: 5 }));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const sent = performance.now();
  await clients.sqs.send(new SendMessageCommand({ QueueUrl: scratch, MessageBody: "floor" }));
  const { Messages = [] } = await receiving;
  const elapsed = performance.now() - sent;
  for (const message of Messages) {
    await clients.sqs.send(
      new DeleteMessageCommand({ QueueUrl: scratch, ReceiptHandle: message.ReceiptHandle }),
    );
  }
  if (Messages.length === 0) throw new Error("the floor's message did not arrive");
  return elapsed;
}

/** The HTTP hop alone: a POST of an event-sized body straight to the receiver. */
async function httpHop(): Promise<number> {
  const started = performance.now();
  const response = await fetch(receiver.url("/floor"), { method: "POST", body: "x".repeat(1500) });
  await response.text();
  return performance.now() - started;
}

try {
  // Warm-up: the handlers' modules, the SDK's connections, DynamoDB Local's JIT.
  for (let i = 0; i < 5; i++) await deliveryLatency();
  for (let run = 0; run < runs; run++) {
    record("webhook after the job's commit", await deliveryLatency());
    record("floor: SQS send -> long-poll receive", await sqsHop());
    record("floor: POST to the receiver", await httpHop());
  }
  console.log(
    `webhook delivery through the local runtime, ${runs} runs (${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})`,
  );
  console.log(
    `${"measure".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`,
  );
  for (const [name, values] of samples) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `${name.padEnd(40)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 95).toFixed(1).padStart(8)} ${sorted.at(-1)!.toFixed(1).padStart(8)}`,
    );
  }
} finally {
  await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: scratch }));
  clients.destroy();
  await receiver.down();
  await runtime.stop();
  await rm(stateDir, { recursive: true, force: true });
}
