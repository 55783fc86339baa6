/**
 * One pipeline process for the crash tests and the chaos run: the api handler on PORT, the archiver
 * on the archive queue, the webhook delivery worker on the delivery queue and the poller on a timer,
 * as the local runtime runs them, but in a process of its own that a
 * test can SIGKILL at any moment. Everything it talks to (DynamoDB Local, fauxqs, the PixVerse
 * simulator) lives in the test process and survives it. Configuration is the handlers' own env
 * (PIXPIPE_*, PIXVERSE_*, AWS_ENDPOINT_URL_*) plus:
 *   PORT                 the API's port (the simulator's webhook URL points at it)
 *   E2E_POLL_INTERVAL_MS the poller's interval
 *   E2E_ARCHIVER_TIMEOUT_MS the archiver's function timeout (at most the queue's visibility timeout)
 * Prints `ready <apiUrl>` once everything runs.
 */
import { createAwsClients } from "@pixpipe/core/aws";
import { handler as api } from "@pixpipe/functions/api";
import { handler as archiver } from "@pixpipe/functions/archiver";
import { handler as deliveries } from "@pixpipe/functions/deliveries";
import { handler as poller } from "@pixpipe/functions/poller";
import { startLambdaHttpServer } from "../http";
import { LOCAL_FUNCTIONS, type ScheduleEvent } from "../runtime";
import { startSchedule } from "../schedule";
import { createSqsEventSource } from "../sqs-event-source";

const env = process.env;
const numberFrom = (name: string, fallback: number) => Number(env[name] ?? fallback);
const { sqs } = createAwsClients();

const http = await startLambdaHttpServer({
  ...LOCAL_FUNCTIONS.api,
  handler: api,
  port: numberFrom("PORT", 0),
});
const archiveSource = createSqsEventSource({
  ...LOCAL_FUNCTIONS.archiver,
  timeoutMs: numberFrom("E2E_ARCHIVER_TIMEOUT_MS", 20_000),
  sqs,
  queueUrl: env.PIXPIPE_ARCHIVE_QUEUE_URL ?? "",
  handler: archiver,
  batchSize: 5,
  reportBatchItemFailures: true,
  waitTimeSeconds: 1,
});
await archiveSource.start();
const deliverySource = createSqsEventSource({
  ...LOCAL_FUNCTIONS.deliveries,
  sqs,
  queueUrl: env.PIXPIPE_WEBHOOK_QUEUE_URL ?? "",
  handler: deliveries,
  batchSize: 10,
  reportBatchItemFailures: true,
  waitTimeSeconds: 1,
});
await deliverySource.start();
startSchedule<ScheduleEvent>({
  ...LOCAL_FUNCTIONS.poller,
  handler: poller,
  intervalMs: numberFrom("E2E_POLL_INTERVAL_MS", 200),
  event: {},
});

console.log(`ready ${http.url}`);
