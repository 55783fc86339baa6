import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { IdempotencyConflictError } from "../job";
import { METRICS } from "../metrics";
import { DEFAULT_TIMINGS } from "../pipeline";
import { JobValidationError } from "../services";
import { createInMemoryPipeline, TEXT_TO_VIDEO } from "../test-support";
import { afterAttempt, MAX_KEPT_ATTEMPTS, type WebhookDelivery } from "./delivery";
import { retryAfterMs } from "./sender";
import type { WebhookRequest } from "./subscription";
import { WebhookUrlError, WebhookUrlGuard } from "./url-guard";

const resolver =
  (table: Record<string, string[] | string>): LookupFunction =>
  (hostname, _options, callback) => {
    const answer = table[hostname];
    if (answer === undefined || typeof answer === "string") {
      const code = answer ?? "ENOTFOUND";
      return callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code }), "", 0);
    }
    (callback as (error: null, list: LookupAddress[]) => void)(
      null,
      answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };

const dns = resolver({
  "hooks.example.com": ["93.184.216.34"],
  "internal.example.com": ["93.184.216.34", "10.0.0.7"],
  localhost: ["127.0.0.1"],
  "flaky.example.com": "EAI_AGAIN",
});
const strict = new WebhookUrlGuard({ allowLoopback: false }, { resolve: dns });
const local = new WebhookUrlGuard({ allowLoopback: true }, { resolve: dns });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe("the webhook URL guard", () => {
  it.each([
    ["http://hooks.example.com/in", /must use https, not http:/],
    ["ftp://hooks.example.com/in", /must use https/],
    ["https://user:pw@hooks.example.com/in", /must not carry credentials/],
    ["https://hooks.example.com/in#frag", /must not have a fragment/],
    ["not a url", /must be an absolute URL/],
    [`https://hooks.example.com/${"a".repeat(2048)}`, /at most 2048 characters/],
    ["https://127.0.0.1/in", /127\.0\.0\.1 \(loopback\); pixpipe sends webhooks only to public addresses/],
    ["https://169.254.169.254/latest", /169\.254\.169\.254 \(linkLocal\)/],
    ["https://[::ffff:10.0.0.1]/in", /private/],
    ["https://internal.example.com/in", /internal\.example\.com resolves to 10\.0\.0\.7 \(private\)/],
    ["https://no-such-host.example.com/in", /does not resolve/],
  ])("refuses %s at the door, saying why", async (url, message) => {
    const error = await refusal(strict.check(url));
    expect(error).toBeInstanceOf(WebhookUrlError);
    expect(error?.message).toMatch(message);
  });

  it("accepts an https URL whose every address is public, and one DNS cannot answer for now", async () => {
    expect((await strict.check("https://hooks.example.com/in?token=abc")).host).toBe("hooks.example.com");
    expect((await strict.check("https://flaky.example.com/in")).host).toBe("flaky.example.com");
  });

  it("lets loopback receivers through, over http too, only when the policy allows it", async () => {
    for (const url of ["http://127.0.0.1:8080/in", "http://localhost:8080/in", "http://[::1]:8080/in"]) {
      expect(await refusal(local.check(url))).toBeUndefined();
      expect(await refusal(strict.check(url))).toBeInstanceOf(WebhookUrlError);
    }
    // Loopback is not "private": the local policy still refuses the rest of the private ranges, and
    // plain http to anything but a loopback host.
    expect((await refusal(local.check("https://internal.example.com/in")))?.message).toMatch(/10\.0\.0\.7/);
    expect((await refusal(local.check("http://hooks.example.com/in")))?.message).toMatch(/must use https/);
  });

  it("refuses at connection time an address DNS answers with later (rebinding)", async () => {
    const lookup = strict.lookup();
    const error = await new Promise((resolve) => lookup("internal.example.com", { all: true }, resolve));
    expect(strict.describeRefusal(error)?.message).toMatch(/10\.0\.0\.7 \(private\)/);
  });
});

const policy = { backoff: DEFAULT_TIMINGS.webhookRetry, windowMs: DEFAULT_TIMINGS.webhookRetryWindowMs };
const created = new Date("2026-12-01T12:00:00.000Z");
const pending: WebhookDelivery = {
  webhookId: "job_1:succeeded",
  jobId: "job_1",
  tenantId: "t",
  event: "job.succeeded",
  url: "https://hooks.example.com/in",
  body: "{}",
  createdAt: created.toISOString(),
  state: "pending",
  attemptCount: 1,
  attempts: [],
  nextAttemptAt: created.toISOString(),
};
const middle = () => 0.5; // no jitter

describe("a delivery after an attempt", () => {
  it("is delivered on any 2xx", () => {
    const next = afterAttempt(pending, { at: created, latencyMs: 40, statusCode: 204 }, policy, middle);
    expect(next).toMatchObject({ state: "delivered", deliveredAt: "2026-12-01T12:00:00.040Z" });
    expect(next.nextAttemptAt).toBeUndefined();
    expect(next.attempts).toEqual([{ at: created.toISOString(), statusCode: 204, latencyMs: 40 }]);
  });

  it("stops on 410 Gone, and on a URL no attempt can deliver to", () => {
    expect(
      afterAttempt(pending, { at: created, latencyMs: 5, statusCode: 410 }, policy, middle),
    ).toMatchObject({
      state: "failed",
      failureReason: "the receiver answered 410 Gone",
    });
    const refused = afterAttempt(
      pending,
      { at: created, latencyMs: 0, error: "must use https", permanent: true },
      policy,
    );
    expect(refused).toMatchObject({
      state: "failed",
      failureReason: expect.stringContaining("must use https"),
    });
  });

  it.each([301, 302, 400, 401, 404, 429, 500, 503])("retries after HTTP %i", (statusCode) => {
    const next = afterAttempt(pending, { at: created, latencyMs: 10, statusCode }, policy, middle);
    expect(next.state).toBe("pending");
    expect(next.nextAttemptAt).toBe("2026-12-01T12:00:10.010Z");
    expect(next.attempts.at(-1)?.nextAttemptAt).toBe(next.nextAttemptAt);
  });

  it("honours Retry-After as the least wait, up to the backoff's maximum", () => {
    const at = (retryAfterMs: number) =>
      afterAttempt(pending, { at: created, latencyMs: 0, statusCode: 429, retryAfterMs }, policy, middle)
        .nextAttemptAt;
    expect(at(120_000)).toBe("2026-12-01T12:02:00.000Z");
    expect(at(1_000)).toBe("2026-12-01T12:00:10.000Z");
    expect(at(7 * 24 * 3_600_000)).toBe("2026-12-01T15:00:00.000Z");
    expect(retryAfterMs("120", created)).toBe(120_000);
    expect(retryAfterMs("Tue, 01 Dec 2026 12:05:00 GMT", created)).toBe(300_000);
    expect(retryAfterMs("soon", created)).toBeUndefined();
  });

  it("keeps the latest attempts only", () => {
    let delivery: WebhookDelivery = { ...pending, attemptCount: 0 };
    for (let i = 0; i < MAX_KEPT_ATTEMPTS + 5; i++) {
      delivery = { ...delivery, attemptCount: delivery.attemptCount + 1 };
      delivery = afterAttempt(
        delivery,
        { at: new Date(created.getTime() + i), latencyMs: 0, statusCode: 500 },
        policy,
      );
    }
    expect(delivery.attempts).toHaveLength(MAX_KEPT_ATTEMPTS);
    expect(delivery.attemptCount).toBe(MAX_KEPT_ATTEMPTS + 5);
    expect(delivery.attempts.at(-1)?.at).toBe(
      new Date(created.getTime() + MAX_KEPT_ATTEMPTS + 4).toISOString(),
    );
  });
});

const withWebhook = (webhook: WebhookRequest = { url: "https://hooks.example.com/in" }) => ({
  ...TEXT_TO_VIDEO,
  webhook,
});

/** An in-memory pipeline whose jobs are created without a head start, with a resolvable receiver. */
async function world() {
  const w = createInMemoryPipeline({ config: { inlineSubmitMs: 0 }, timings: DEFAULT_TIMINGS });
  w.dns.set("hooks.example.com", ["93.184.216.34"]);
  w.dns.set("internal.example.com", ["10.1.2.3"]);
  await w.tenants.ensureTenant({ id: w.tenant.tenantId, name: "Tenant" }, w.clock.now());
  return w;
}
type World = Awaited<ReturnType<typeof world>>;

/** Moves a job through the pipeline to succeeded, as the poller, PixVerse and the archiver would. */
async function succeed(w: World, jobId: string) {
  const record = async () => (await w.jobs.getById(jobId))!;
  await w.pipeline.steps.start(await record());
  w.pixverse.finish((await record()).pixverseId!, 1);
  await w.pipeline.steps.advance(await record());
  await w.archiveQueued();
  return record();
}

/** Delivers every message as its time comes, for `ms` of the manual clock. */
async function deliverFor(w: World, ms: number) {
  const end = w.clock.now().getTime() + ms;
  for (;;) {
    await w.deliverDue();
    const next = w.webhookQueue.nextDueAt();
    if (next === undefined || next > end) break;
    await w.clock.advance(Math.max(0, next - w.clock.now().getTime()));
  }
}

describe("per-job webhooks over the in-memory pipeline", () => {
  it("stores the webhook with the terminal events by default and shows it on the job", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    expect(job.webhook).toEqual({
      url: "https://hooks.example.com/in",
      events: ["job.succeeded", "job.failed", "job.cancelled"],
    });
    expect((await w.pipeline.jobService.getJob(w.tenant, job.id))?.webhook).toEqual(job.webhook);
  });

  it("refuses a webhook to a private address with a 400-shaped issue, storing nothing", async () => {
    const w = await world();
    const error = await refusal(
      w.pipeline.jobService.createJob(w.tenant, withWebhook({ url: "https://internal.example.com/in" })),
    );
    expect(error).toBeInstanceOf(JobValidationError);
    expect((error as JobValidationError).issues).toEqual([
      {
        path: "webhook.url",
        message:
          "internal.example.com resolves to 10.1.2.3 (private); pixpipe sends webhooks only to public addresses",
      },
    ]);
    expect((await w.pipeline.jobService.listJobs(w.tenant, { limit: 10 })).jobs).toEqual([]);
  });

  it("fingerprints the webhook as part of the body for idempotency", async () => {
    const w = await world();
    const key = { idempotencyKey: "order-1" };
    const first = await w.pipeline.jobService.createJob(w.tenant, withWebhook(), key);
    expect((await w.pipeline.jobService.createJob(w.tenant, withWebhook(), key)).job.id).toBe(first.job.id);
    const other = withWebhook({ url: "https://hooks.example.com/other" });
    expect(await refusal(w.pipeline.jobService.createJob(w.tenant, other, key))).toBeInstanceOf(
      IdempotencyConflictError,
    );
  });

  it("commits the delivery with the job's terminal write and sends it signed, from the worker only", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    const done = await succeed(w, job.id);
    // The outbox item is there with the succeeded job, before any worker ran; nothing was sent.
    const [delivery] = await w.deliveries.listForJob(job.id);
    expect(delivery).toMatchObject({ state: "pending", attemptCount: 0, webhookId: `${job.id}:succeeded` });
    expect(w.receiver.requests).toEqual([]);

    expect(await w.deliverDue()).toBe(1);
    const [request] = w.receiver.requests;
    const event = JSON.parse(request!.delivery.body);
    expect(event).toEqual(w.events.events.find((e) => e.id === `${job.id}:succeeded`));
    expect(event.data).toMatchObject({ id: job.id, status: "succeeded", output: done.output });
    const [secret] = await w.pipeline.webhookSecretService.signingSecrets(w.tenant.tenantId);
    expect(request!.delivery.secrets).toEqual([secret]);
    expect(await w.deliveries.listForJob(job.id)).toMatchObject([
      { state: "delivered", attemptCount: 1, attempts: [{ statusCode: 200 }] },
    ]);
    expect(w.metrics.sum(METRICS.webhookAttempts, { Outcome: "delivered" })).toBe(1);
    expect(w.metrics.values(METRICS.webhookDeliveryLatency)).toHaveLength(1);
  });

  it("sends the events a webhook chose, generating and archiving included, each once", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(
      w.tenant,
      withWebhook({
        url: "https://hooks.example.com/in",
        events: ["job.generating", "job.archiving", "job.succeeded"],
      }),
    );
    await succeed(w, job.id);
    await deliverFor(w, 1_000);
    const sent = w.receiver.requests.map((r) => JSON.parse(r.delivery.body));
    expect(sent.map((e) => [e.type, e.data.status])).toEqual([
      ["pixpipe.job.generating", "generating"],
      ["pixpipe.job.archiving", "archiving"],
      ["pixpipe.job.succeeded", "succeeded"],
    ]);
    expect(new Set(w.receiver.requests.map((r) => r.delivery.webhookId)).size).toBe(3);
  });

  it("retries with the same webhook-id on a day-long backoff with jitter, then gives up", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    await w.pipeline.jobService.cancelJob(w.tenant, job.id);
    w.receiver.answer(...Array.from({ length: 40 }, () => ({ statusCode: 503 })));
    await deliverFor(w, 30 * 3_600_000);
    const times = w.receiver.requests.map((r) => r.at.getTime());
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 10 s, 30 s, 90 s, ... each within +-20 % of 3x the one before, capped at 3 h.
    expect(gaps[0]).toBeGreaterThanOrEqual(8_000);
    expect(gaps[0]).toBeLessThanOrEqual(12_000);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(3 * 3_600_000);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(new Set(w.receiver.requests.map((r) => r.delivery.webhookId))).toEqual(
      new Set([`${job.id}:cancelled`]),
    );
    const [delivery] = await w.deliveries.listForJob(job.id);
    expect(delivery).toMatchObject({
      state: "failed",
      attemptCount: times.length,
      failureReason: `no attempt succeeded within 24 h (${times.length} attempts)`,
    });
    expect(w.webhookQueue.size).toBe(0);
  });

  it("stops at 410 Gone without another attempt", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    await w.pipeline.jobService.cancelJob(w.tenant, job.id);
    w.receiver.answer({ statusCode: 500 }, { statusCode: 410 });
    await deliverFor(w, 3_600_000);
    expect(w.receiver.requests).toHaveLength(2);
    expect((await w.deliveries.listForJob(job.id))[0]).toMatchObject({
      state: "failed",
      failureReason: "the receiver answered 410 Gone",
    });
  });

  it("makes one attempt for duplicated messages", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    await w.pipeline.jobService.cancelJob(w.tenant, job.id);
    const [message] = w.webhookQueue.takeDue();
    const steps = await Promise.all([1, 2, 3].map(() => w.pipeline.webhookDeliverer.deliver(message!)));
    expect(steps.sort()).toEqual(["delivered", "stale", "stale"]);
    expect(w.receiver.requests).toHaveLength(1);
  });

  it("signs with both secrets while a rotation overlaps, then with the new one only", async () => {
    const w = await world();
    const before = await w.pipeline.webhookSecretService.getSecret(w.tenant);
    const after = await w.pipeline.webhookSecretService.rotateSecret(w.tenant, { overlapSeconds: 3600 });
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    await w.pipeline.jobService.cancelJob(w.tenant, job.id);
    w.receiver.answer(...Array.from({ length: 8 }, () => ({ statusCode: 500 })));
    await deliverFor(w, 6 * 3_600_000);
    const overlapEnds = Date.parse(after.previousExpiresAt!);
    const during = w.receiver.requests.filter((r) => r.at.getTime() < overlapEnds);
    const later = w.receiver.requests.filter((r) => r.at.getTime() >= overlapEnds);
    expect(during.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    for (const r of during) expect(r.delivery.secrets).toEqual([after.secret, before.secret]);
    for (const r of later) expect(r.delivery.secrets).toEqual([after.secret]);
    const first = during[0]!;
    const { delivery, at } = first;
    const signature = (secret: string) => new Webhook(secret).sign(delivery.webhookId, at, delivery.body);
    expect(signature(before.secret)).not.toBe(signature(after.secret));
  });

  it("hands out again, from the poller's sweep, a delivery whose enqueue was lost", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    w.webhookQueue.failNext(new Error("SQS is down"));
    await w.pipeline.jobService.cancelJob(w.tenant, job.id);
    expect(w.webhookQueue.size).toBe(0);
    await w.clock.run(w.pipeline.poller.tick());
    expect(w.webhookQueue.size).toBe(0); // still within the grace: the enqueue may be on its way
    await w.clock.advance(DEFAULT_TIMINGS.webhookSweepGraceMs + 1);
    const report = await w.clock.run(w.pipeline.poller.tick());
    expect(report.webhooksSwept).toBe(1);
    // Swept once: the next tick leaves it to the message just sent.
    expect((await w.clock.run(w.pipeline.poller.tick())).webhooksSwept).toBeUndefined();
    await w.deliverDue();
    expect((await w.deliveries.listForJob(job.id))[0]?.state).toBe("delivered");
    expect(w.metrics.sum(METRICS.webhookDeliveriesSwept)).toBe(1);
  });

  it("hands out again a delivery whose worker died mid-attempt, once its lease is over", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, withWebhook());
    await w.pipeline.jobService.cancelJob(w.tenant, job.id);
    const [message] = w.webhookQueue.takeDue();
    // A worker claims the attempt, then dies before it records anything.
    const stored = (await w.deliveries.get(job.id, "job.cancelled"))!;
    const lease = new Date(w.clock.now().getTime() + DEFAULT_TIMINGS.webhookLeaseMs).toISOString();
    expect(await w.deliveries.replace({ ...stored, attemptCount: 1, leaseUntil: lease }, 0)).toBe(true);
    expect(await w.pipeline.webhookDeliverer.deliver(message!)).toBe("stale");
    await w.clock.advance(DEFAULT_TIMINGS.webhookLeaseMs + DEFAULT_TIMINGS.webhookSweepGraceMs + 1);
    expect((await w.clock.run(w.pipeline.poller.tick())).webhooksSwept).toBe(1);
    await w.deliverDue();
    expect((await w.deliveries.listForJob(job.id))[0]).toMatchObject({ state: "delivered", attemptCount: 2 });
  });

  it("writes no delivery for a job without a webhook", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, TEXT_TO_VIDEO);
    await succeed(w, job.id);
    expect(await w.deliveries.listForJob(job.id)).toEqual([]);
    expect(w.webhookQueue.size).toBe(0);
  });
});

describe("per-job webhooks on a job that retries a failed generation", () => {
  it("commits each move of the retry (the generating delivery is replaced, not refused) and ends with one succeeded delivery", async () => {
    const w = await world();
    const { job } = await w.pipeline.jobService.createJob(w.tenant, {
      ...withWebhook({
        url: "https://hooks.example.com/in",
        events: ["job.generating", "job.failed", "job.succeeded"],
      }),
      retry: { generationFailed: 1 },
    });
    const record = async () => (await w.jobs.getById(job.id))!;
    await w.pipeline.steps.start(await record());
    await deliverFor(w, 1_000);
    w.pixverse.finish((await record()).pixverseId!, 8);
    expect(await w.pipeline.steps.poll(await record())).toBe("regenerating");

    const done = await succeed(w, job.id);
    expect(done.status).toBe("succeeded");
    await deliverFor(w, 1_000);
    const sent = w.receiver.requests.map((r) => JSON.parse(r.delivery.body));
    // The second generation's job.generating has the job's one generating webhook-id: a receiver that
    // deduplicates by webhook-id sees the job start generating once.
    expect(sent.map((e) => [e.type, e.id])).toEqual([
      ["pixpipe.job.generating", `${job.id}:generating`],
      ["pixpipe.job.generating", `${job.id}:generating`],
      ["pixpipe.job.succeeded", `${job.id}:succeeded`],
    ]);
    expect((await w.deliveries.listForJob(job.id)).map((d) => [d.event, d.state])).toEqual([
      ["job.generating", "delivered"],
      ["job.succeeded", "delivered"],
    ]);
  });
});
