import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoJobRepository, newJobId } from "@pixpipe/core/job";
import { JobValidationError } from "@pixpipe/core/services";
import { DynamoTenantRepository } from "@pixpipe/core/tenant";
import { createTestTable, TEXT_TO_VIDEO } from "@pixpipe/core/test-support";
import { DynamoWebhookDeliveryRepository, deliveryItem, type WebhookDelivery } from "@pixpipe/core/webhooks";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_LINKS } from "./api-handler";
import { loadPipeline } from "./pipeline";

// The Lambdas in AWS build their pipelines from the configuration alone: PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS,
// the local runtime's switch, must change nothing for them even when it is set in their environment.

let receiver: Server;
let hits = 0;
let url: string;
let table: Awaited<ReturnType<typeof createTestTable>>;

beforeAll(async () => {
  receiver = createServer((_req, res) => {
    hits++;
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  table = await createTestTable("loopback");
  Object.assign(process.env, {
    PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS: "1",
    PIXPIPE_TABLE_NAME: table.tableName,
    PIXPIPE_MEDIA_BUCKET: "media",
    PIXPIPE_ARCHIVE_QUEUE_URL: "http://127.0.0.1:1/000000000000/archive",
    PIXPIPE_EVENTS_QUEUE_URL: "http://127.0.0.1:1/000000000000/events",
    PIXPIPE_WEBHOOK_QUEUE_URL: "http://127.0.0.1:1/000000000000/webhooks",
    PIXVERSE_API_KEY: "sk-test",
    PIXVERSE_WEBHOOK_SECRET: "secret",
    POWERTOOLS_LOG_LEVEL: "SILENT",
    // The Lambdas' EMF lines are of no use in a test's output.
    PIXPIPE_METRICS_FORMAT: "none",
  });
});
afterAll(async () => {
  delete process.env.PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS;
  table.clients.destroy();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("the Lambdas with PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1 in their environment", () => {
  it("the API's pipeline still refuses a loopback webhook at the door", async () => {
    const pipeline = loadPipeline(API_LINKS);
    const refusal = await pipeline.jobService
      .validate({ tenantId: "t", admin: false }, { ...TEXT_TO_VIDEO, webhook: { url } })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(JobValidationError);
    expect((refusal as JobValidationError).issues).toEqual([
      { path: "webhook.url", message: "must use https, not http:" },
    ]);
  });

  it("the delivery worker sends nothing to a loopback receiver and stops the delivery", async () => {
    const tenant = await new DynamoTenantRepository(table.clients.dynamo, table.tableName).ensureTenant({
      id: "loopback",
      name: "Loopback",
    });
    // A job whose webhook slipped past the door (as a local runtime's would), cancelled with its delivery.
    const jobs = new DynamoJobRepository(table.clients.dynamo, table.tableName);
    const { job } = await jobs.create(
      {
        ...TEXT_TO_VIDEO,
        id: newJobId(),
        tenantId: tenant.id,
        metadata: {},
        traceId: "trace",
        webhook: { url, events: ["job.cancelled"] },
      },
      { requestHash: "h" },
    );
    const now = new Date().toISOString();
    const delivery: WebhookDelivery = {
      webhookId: `${job.id}:cancelled`,
      jobId: job.id,
      tenantId: tenant.id,
      event: "job.cancelled",
      url,
      body: "{}",
      createdAt: now,
      state: "pending",
      attemptCount: 0,
      attempts: [],
      nextAttemptAt: now,
    };
    await jobs.transition(job.id, {
      from: ["queued"],
      to: "cancelled",
      outbox: () => [deliveryItem(delivery)],
    });

    const { handler } = await import("./deliveries");
    const body = JSON.stringify({ jobId: job.id, event: "job.cancelled", attempt: 0 });
    const event = { Records: [{ messageId: "m1", body, eventSource: "aws:sqs" }] } as unknown as SQSEvent;
    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    expect(hits).toBe(0);
    const stored = await new DynamoWebhookDeliveryRepository(table.clients.dynamo, table.tableName).get(
      job.id,
      "job.cancelled",
    );
    expect(stored).toMatchObject({
      state: "failed",
      failureReason: `the URL cannot be delivered to: ${url} must use https, not http:`,
    });
  });
});
