import { InMemoryItems, itemKeys, WEBHOOK_DELIVERY_PREFIX } from "../table";
import type { WebhookDelivery } from "./delivery";
import {
  byCreation,
  bySweepAt,
  deliveryItem,
  parseDelivery,
  sweepAt,
  type WebhookDeliveryRepository,
} from "./repository";
import type { WebhookEvent } from "./subscription";

/** Deliveries among the in-memory table's items, where the in-memory job repository's outbox puts them. */
export class InMemoryWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly items: InMemoryItems = new InMemoryItems()) {}

  async get(jobId: string, event: WebhookEvent): Promise<WebhookDelivery | null> {
    return this.read(jobId, event);
  }

  async listForJob(jobId: string): Promise<WebhookDelivery[]> {
    return this.items
      .query(itemKeys.job(jobId).pk)
      .filter((stored) => stored.key.sk.startsWith(WEBHOOK_DELIVERY_PREFIX))
      .map((stored) => parseDelivery(stored.item))
      .sort(byCreation);
  }

  /** Checked and written without a turn of the event loop between: as atomic as DynamoDB's condition. */
  async replace(next: WebhookDelivery, expectAttemptCount: number): Promise<boolean> {
    const current = this.read(next.jobId, next.event);
    if (current?.state !== "pending" || current.attemptCount !== expectAttemptCount) return false;
    const { key, item } = deliveryItem(next);
    this.items.put(key, item);
    return true;
  }

  private read(jobId: string, event: WebhookEvent): WebhookDelivery | null {
    const stored = this.items.get(itemKeys.webhookDelivery(jobId, event));
    return stored ? parseDelivery(stored.item) : null;
  }

  async listOverdue(before: Date, limit: number): Promise<WebhookDelivery[]> {
    const cutoff = before.toISOString();
    return this.items
      .filter((stored) => stored.key.sk.startsWith(WEBHOOK_DELIVERY_PREFIX))
      .map((stored) => parseDelivery(stored.item))
      .filter((delivery) => (sweepAt(delivery) ?? "~") <= cutoff)
      .sort(bySweepAt)
      .slice(0, limit);
  }
}
