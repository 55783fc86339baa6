import type { CompanionItem } from "../job/rules";
import { itemKeys, webhookShardOf } from "../table";
import { type WebhookDelivery, webhookDeliverySchema } from "./delivery";
import type { WebhookEvent } from "./subscription";

/**
 * Where webhook deliveries are kept: beside their job in the pixpipe table, written first by the job's
 * own transition (the outbox), then by the delivery worker. Every later write replaces the delivery
 * on the condition that no other attempt started meanwhile, so two workers handed the same delivery
 * (an SQS duplicate, a sweep) make one attempt at a time.
 */
export interface WebhookDeliveryRepository {
  get(jobId: string, event: WebhookEvent): Promise<WebhookDelivery | null>;
  /** A job's deliveries in the order of its events. */
  listForJob(jobId: string): Promise<WebhookDelivery[]>;
  /**
   * Stores `next` if the stored delivery is pending with `expectAttemptCount` attempts started;
   * false (nothing written) when it moved on or ended.
   */
  replace(next: WebhookDelivery, expectAttemptCount: number): Promise<boolean>;
  /** Pending deliveries due (or whose hand-out ended) at or before `before`, oldest first. */
  listOverdue(before: Date, limit: number): Promise<WebhookDelivery[]>;
}

/** When the sweep should look at a pending delivery: at the end of its hand-out, else when it is due. */
export function sweepAt(delivery: WebhookDelivery): string | undefined {
  return delivery.state === "pending" ? (delivery.leaseUntil ?? delivery.nextAttemptAt) : undefined;
}

/** A delivery as a table item: its key, and its place in the due index while it is pending. */
export function deliveryItem(delivery: WebhookDelivery): CompanionItem {
  const at = sweepAt(delivery);
  return {
    key: itemKeys.webhookDelivery(delivery.jobId, delivery.event),
    item: { ...delivery, ...(at ? { dueShard: webhookShardOf(delivery.webhookId), nextCheckAt: at } : {}) },
  };
}

/** A stored item back as a delivery (its key and index attributes dropped). */
export const parseDelivery = (item: Record<string, unknown>): WebhookDelivery =>
  webhookDeliverySchema.parse(item);

/** A job's deliveries in the order of its events. */
export const byCreation = (a: WebhookDelivery, b: WebhookDelivery) => a.createdAt.localeCompare(b.createdAt);

/** Overdue deliveries oldest first. */
export const bySweepAt = (a: WebhookDelivery, b: WebhookDelivery) =>
  (sweepAt(a) ?? "").localeCompare(sweepAt(b) ?? "");
