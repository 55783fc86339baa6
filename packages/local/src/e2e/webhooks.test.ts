import type { PublicJob } from "@pixpipe/core/job";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eRuntime, type ErrorBody, startE2eRuntime, TEXT_TO_VIDEO } from "../test-support/e2e-runtime";
import { type ReceivedWebhook, verifyWith, WebhookReceiver } from "../test-support/webhook-receiver";

// Per-job webhooks end to end: jobs over HTTP, deliveries by the real delivery worker on its SQS queue,
// received by real HTTP servers on 127.0.0.1 (the runtime lets loopback receivers through, as
// PIXPIPE_ALLOW_LOOPBACK_WEBHOOKS=1 does), every request verified by the `standardwebhooks` package.

interface Delivery {
  webhookId: string;
  event: string;
  state: "pending" | "delivered" | "failed";
  attemptCount: number;
  attempts: { at: string; statusCode?: number; latencyMs: number; error?: string; nextAttemptAt?: string }[];
  nextAttemptAt?: string;
  failureReason?: string;
}

let e2e: E2eRuntime;
let receiver: WebhookReceiver;
let secret: string;

beforeAll(async () => {
  e2e = await startE2eRuntime();
  receiver = await WebhookReceiver.start();
  secret = e2e.runtime.info.webhookSecret;
}, 120_000);
afterAll(async () => {
  await receiver?.down();
  await e2e?.stop();
});

async function deliveries(jobId: string): Promise<Delivery[]> {
  const answer = await e2e.api.request<{ deliveries: Delivery[] }>("GET", `/v1/jobs/${jobId}/deliveries`);
  expect(answer.status).toBe(200);
  return answer.body.deliveries;
}

/** Waits (generously: a busy machine) until the job's delivery of `event` satisfies `done`. */
async function deliveryOf(jobId: string, event: string, done: (d: Delivery) => boolean, timeout = 30_000) {
  let last: Delivery | undefined;
  await expect
    .poll(
      async () => {
        last = (await deliveries(jobId)).find((d) => d.event === event);
        return !!last && done(last);
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
  return last!;
}

/** A job with a webhook, cancelled at once: its job.cancelled delivery is the one to watch. */
async function cancelledJob(url: string): Promise<PublicJob> {
  const job = await e2e.api.accepted({ ...TEXT_TO_VIDEO, webhook: { url } });
  expect((await e2e.api.request("POST", `/v1/jobs/${job.id}/cancel`)).status).toBe(200);
  return job;
}

const verifiesWith = (key: string) => (request: ReceivedWebhook) =>
  expect(() => verifyWith(key, request)).not.toThrow();

describe("per-job webhooks through the local runtime", { timeout: 90_000 }, () => {
  it("delivers the chosen events of a job that succeeds, signed, with the JobEvents body", async () => {
    const url = receiver.url("/ok");
    const job = await e2e.api.accepted({
      ...TEXT_TO_VIDEO,
      webhook: { url, events: ["job.generating", "job.archiving", "job.succeeded"] },
    });
    expect(job.webhook).toEqual({ url, events: ["job.generating", "job.archiving", "job.succeeded"] });
    await e2e.expectSucceededOnce(job.id);
    const delivered = await deliveryOf(job.id, "job.succeeded", (d) => d.state === "delivered");
    expect(delivered).toMatchObject({ webhookId: `${job.id}:succeeded`, attemptCount: 1 });
    expect(delivered.attempts).toEqual([
      { at: expect.any(String), statusCode: 200, latencyMs: expect.any(Number) },
    ]);
    await deliveryOf(job.id, "job.archiving", (d) => d.state === "delivered");
    await deliveryOf(job.id, "job.generating", (d) => d.state === "delivered");

    const requests = receiver.received.filter((r) => String(r.headers["webhook-id"]).startsWith(job.id));
    expect(requests.map((r) => r.headers["webhook-id"])).toEqual([
      `${job.id}:generating`,
      `${job.id}:archiving`,
      `${job.id}:succeeded`,
    ]);
    requests.forEach(verifiesWith(secret));
    const [succeeded] = receiver.of(`${job.id}:succeeded`);
    // The body is the CloudEvent JobEvents carries, byte for byte.
    const [sqsEvent] = e2e.events.of(job.id);
    expect(JSON.parse(succeeded!.body)).toEqual(sqsEvent!.event);
    expect(succeeded!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(receiver.of(`${job.id}:generating`)[0]!.body).data.status).toBe("generating");
  });

  it("retries a receiver that answers 500 with the same webhook-id and body until it answers 200", async () => {
    receiver.answer("/flaky", (n) => ({ status: n < 2 ? 500 : 200 }));
    const job = await cancelledJob(receiver.url("/flaky"));
    const delivery = await deliveryOf(job.id, "job.cancelled", (d) => d.state === "delivered");
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(delivery.attempts[0]).toMatchObject({
      error: "the receiver answered HTTP 500",
      nextAttemptAt: expect.any(String),
    });
    const requests = receiver.of(`${job.id}:cancelled`);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    requests.forEach(verifiesWith(secret));
  });

  it("keeps trying a receiver that is down for a while, and delivers once it is up", async () => {
    const later = await WebhookReceiver.start({ listening: false });
    try {
      const job = await cancelledJob(later.url("/hook"));
      const failing = await deliveryOf(job.id, "job.cancelled", (d) => d.attemptCount >= 2);
      expect(failing.state).toBe("pending");
      expect(failing.attempts[0]?.error).toMatch(/cannot reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
      expect(failing.attempts[0]?.statusCode).toBeUndefined();
      expect(failing.nextAttemptAt).toEqual(expect.any(String));
      await later.up();
      const delivered = await deliveryOf(job.id, "job.cancelled", (d) => d.state === "delivered");
      expect(delivered.attempts.at(-1)?.statusCode).toBe(200);
      expect(later.of(`${job.id}:cancelled`)).toHaveLength(1);
      later.received.forEach(verifiesWith(secret));
    } finally {
      await later.down();
    }
  });

  it("does not follow a redirect: the attempt is recorded as failed and retried", async () => {
    receiver.answer("/moved", () => ({ status: 302, headers: { location: receiver.url("/ok") } }));
    const job = await cancelledJob(receiver.url("/moved"));
    const delivery = await deliveryOf(job.id, "job.cancelled", (d) => d.attemptCount >= 2);
    expect(delivery.state).toBe("pending");
    expect(delivery.attempts[0]).toMatchObject({
      statusCode: 302,
      error: `redirect to ${receiver.url("/ok")} not followed (HTTP 302); give the final URL`,
    });
    // Nothing reached the redirect's target.
    expect(receiver.of(`${job.id}:cancelled`).map((r) => r.path)).toEqual(
      Array.from({ length: receiver.of(`${job.id}:cancelled`).length }, () => "/moved"),
    );
  });

  it("stops at 410 Gone after one attempt", async () => {
    receiver.answer("/gone", () => ({ status: 410 }));
    const job = await cancelledJob(receiver.url("/gone"));
    const delivery = await deliveryOf(job.id, "job.cancelled", (d) => d.state === "failed");
    expect(delivery).toMatchObject({ attemptCount: 1, failureReason: "the receiver answered 410 Gone" });
    expect(delivery.nextAttemptAt).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(receiver.of(`${job.id}:cancelled`)).toHaveLength(1);
  });

  it("refuses at the door a webhook this runtime would not send to, saying why", async () => {
    for (const [url, message] of [
      ["http://example.com/hook", "must use https (or http to a loopback address), not http:"],
      [
        "https://10.0.0.8/hook",
        "10.0.0.8 resolves to 10.0.0.8 (private); pixpipe sends webhooks only to public or loopback addresses",
      ],
      [
        "https://user:pw@127.0.0.1/hook",
        "must not carry credentials (user:password@); put a token in the path or query",
      ],
    ]) {
      const answer = await e2e.api.createJob<ErrorBody>({ ...TEXT_TO_VIDEO, webhook: { url } });
      expect(answer.status, url).toBe(400);
      expect(answer.body.error.details).toEqual([{ path: "webhook.url", message, location: "body" }]);
    }
    const unknown = await e2e.api.createJob<ErrorBody>({
      ...TEXT_TO_VIDEO,
      webhook: { url: receiver.url("/ok"), events: ["job.finished"], secret: "x" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details?.map((d) => d.path).sort()).toEqual([
      "webhook.events.0",
      "webhook.secret",
    ]);
  });

  it("answers 404 for another tenant's or an unknown job's deliveries, and [] for a job without a webhook", async () => {
    const plain = await e2e.api.accepted(TEXT_TO_VIDEO);
    expect(await deliveries(plain.id)).toEqual([]);
    expect((await e2e.api.request("GET", "/v1/jobs/job_01J9Z3Q4N8X0C2M7V5B6K1D3EF/deliveries")).status).toBe(
      404,
    );
    await e2e.cancelUnfinished();
  });

  it("signs with both secrets during a rotation's overlap: each verifies on its own", async () => {
    const rotated = await e2e.api.request<{ secret: string; previousExpiresAt: string }>(
      "POST",
      "/v1/webhooks/secret/rotate",
      { json: { overlapSeconds: 3600 } },
    );
    expect(rotated.status).toBe(200);
    const job = await cancelledJob(receiver.url("/rotation"));
    await deliveryOf(job.id, "job.cancelled", (d) => d.state === "delivered");
    const [request] = receiver.of(`${job.id}:cancelled`);
    expect(String(request!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    verifiesWith(secret)(request!);
    verifiesWith(rotated.body.secret)(request!);
    expect(() => verifyWith("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", request!)).toThrow(
      /No matching signature/,
    );
  });
});
