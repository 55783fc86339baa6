import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { JobRecord, JobRepository } from "../job";
import { newDelivery, type WebhookDelivery, type WebhookDeliveryRepository } from "../webhooks";
import { deliveryItem } from "../webhooks/repository";
import { newTestJob } from "./job-repository-contract";

/** Both repositories over one table (or one in-memory item store), as the pipeline uses them. */
export interface WebhookDeliveryAdapter {
  fresh(): Promise<{ jobs: JobRepository; deliveries: WebhookDeliveryRepository }>;
}

const at = (seconds: number) => new Date(Date.parse("2026-12-01T12:00:00.000Z") + seconds * 1000);
const webhook = {
  url: "https://hooks.example.com/in",
  events: ["job.cancelled" as const, "job.failed" as const],
};
const outboxOf = (written: JobRecord) => {
  const delivery = newDelivery(written, { source: "urn:test" });
  return delivery ? [deliveryItem(delivery)] : [];
};

/**
 * What every WebhookDeliveryRepository does with the job repository beside it: the DynamoDB adapters
 * (on DynamoDB Local) and the in-memory ones run the same suite.
 */
export function describeWebhookDeliveryContract(name: string, adapter: WebhookDeliveryAdapter): void {
  describe(`WebhookDeliveryRepository contract: ${name}`, () => {
    let jobs: JobRepository;
    let deliveries: WebhookDeliveryRepository;
    beforeAll(async () => {
      ({ jobs, deliveries } = await adapter.fresh());
    });

    async function cancelledWithDelivery(
      now = at(0),
    ): Promise<{ job: JobRecord; delivery: WebhookDelivery }> {
      const { job } = await jobs.create(newTestJob(`ten_${randomUUID()}`, { webhook }), {
        requestHash: "h",
        now,
      });
      const cancelled = await jobs.transition(job.id, {
        from: ["queued"],
        to: "cancelled",
        now,
        outbox: outboxOf,
      });
      const delivery = await deliveries.get(job.id, "job.cancelled");
      return { job: cancelled!, delivery: delivery! };
    }

    it("commits a transition's outbox with it, made from the job exactly as written", async () => {
      const { job } = await jobs.create(newTestJob(`ten_${randomUUID()}`, { webhook }), { requestHash: "h" });
      // Another writer moves the job on after this caller read it: the outbox still sees the stored job.
      await jobs.update(job.id, { expectStatus: "queued", set: { attempts: 3, reason: "retrying" } });
      const cancelled = await jobs.transition(job.id, {
        from: ["queued"],
        to: "cancelled",
        now: at(5),
        outbox: outboxOf,
      });
      expect(cancelled).toMatchObject({ status: "cancelled", version: 3, attempts: 3 });
      expect(await jobs.getById(job.id)).toEqual(cancelled);
      const delivery = await deliveries.get(job.id, "job.cancelled");
      expect(delivery).toEqual(newDelivery(cancelled!, { source: "urn:test" }));
      expect(JSON.parse(delivery!.body).data).toMatchObject({
        status: "cancelled",
        updatedAt: at(5).toISOString(),
      });
    });

    it("writes no outbox item when the transition's condition fails", async () => {
      const { job } = await cancelledWithDelivery();
      expect(await jobs.transition(job.id, { from: ["queued"], to: "failed", outbox: outboxOf })).toBeNull();
      expect(await deliveries.get(job.id, "job.failed")).toBeNull();
      expect((await deliveries.listForJob(job.id)).map((d) => d.event)).toEqual(["job.cancelled"]);
    });

    it("replaces a pending delivery only at the attempt count it expects: one of racing claims wins", async () => {
      const { delivery } = await cancelledWithDelivery();
      const claim = { ...delivery, attemptCount: 1, leaseUntil: at(60).toISOString() };
      const results = await Promise.all([1, 2, 3, 4].map(() => deliveries.replace(claim, 0)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await deliveries.get(delivery.jobId, delivery.event)).toEqual(claim);
      const done: WebhookDelivery = { ...claim, state: "delivered", deliveredAt: at(1).toISOString() };
      delete done.leaseUntil;
      delete done.nextAttemptAt;
      expect(await deliveries.replace(done, 0)).toBe(false);
      expect(await deliveries.replace(done, 1)).toBe(true);
      // An ended delivery is never written again.
      expect(await deliveries.replace({ ...done, state: "pending" }, 1)).toBe(false);
    });

    it("lists pending deliveries due by their lease or next attempt, oldest first; ended ones drop out", async () => {
      const { delivery: due } = await cancelledWithDelivery(at(-3600));
      const { delivery: leased } = await cancelledWithDelivery(at(-3599));
      await deliveries.replace({ ...leased, attemptCount: 1, leaseUntil: at(600).toISOString() }, 0);
      const { delivery: ended } = await cancelledWithDelivery(at(-3598));
      await deliveries.replace({ ...ended, state: "failed", failureReason: "gone" }, 0);
      const overdue = (await deliveries.listOverdue(at(0), 100)).map((d) => d.webhookId);
      expect(overdue).toContain(due.webhookId);
      expect(overdue).not.toContain(leased.webhookId);
      expect(overdue).not.toContain(ended.webhookId);
      expect((await deliveries.listOverdue(at(601), 100)).map((d) => d.webhookId)).toContain(
        leased.webhookId,
      );
      const page = await deliveries.listOverdue(at(601), 2);
      expect(page.length).toBeLessThanOrEqual(2);
      expect(page.map((d) => d.nextAttemptAt)).toEqual([...page.map((d) => d.nextAttemptAt)].sort());
    });

    it("shares the due index without ever showing the poller a delivery", async () => {
      const { job, delivery } = await cancelledWithDelivery(at(-7200));
      expect((await deliveries.listOverdue(at(0), 1000)).map((d) => d.webhookId)).toContain(
        delivery.webhookId,
      );
      // A delivery read as a job would not parse: the poller's query never reaches it.
      expect((await jobs.listDue(at(0), 1000)).map((record) => record.id)).not.toContain(job.id);
    });
  });
}
