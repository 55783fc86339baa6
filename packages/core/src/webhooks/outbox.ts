import type { JobRecord, Outbox } from "../job";
import type { JobStatus } from "../job/status";
import { METRICS, type Metrics } from "../metrics";
import type { Clock, Logger } from "../pipeline/ports";
import { newDelivery } from "./delivery";
import type { WebhookQueue } from "./queue";
import { deliveryItem, type WebhookDeliveryRepository } from "./repository";
import { wantsEvent, webhookEventOf } from "./subscription";

export interface WebhookOutboxDeps {
  deliveries: Pick<WebhookDeliveryRepository, "listOverdue" | "replace">;
  queue: WebhookQueue;
  /** CloudEvents `source` (the same as JobEvents'). */
  source: string;
  /** How late past its time a delivery may be before the sweep decides its message was lost. */
  sweepGraceMs: number;
  /** How long a delivery the sweep handed out again is left to its new message. */
  resendHoldMs: number;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** Deliveries the sweep hands out again per poller tick, at most. */
const SWEEP_LIMIT = 100;

/**
 * The delivery side of the lifecycle: the outbox item a transition commits with (the event of the
 * state written, for a webhook that wants it), the hand-out to the worker after the commit, and the
 * poller's sweep that hands out again whatever an enqueue lost. Nothing is ever sent from here.
 */
export class WebhookOutbox {
  constructor(private readonly deps: WebhookOutboxDeps) {}

  /** The outbox a move of `job` into `to` commits with; none when its webhook does not want the event. */
  outboxFor(job: JobRecord, to: JobStatus): { outbox?: Outbox } {
    if (!wantsEvent(job.webhook, to)) return {};
    return {
      outbox: (written) => {
        const delivery = newDelivery(written, { source: this.deps.source });
        return delivery ? [deliveryItem(delivery)] : [];
      },
    };
  }

  /** After the commit: the delivery goes to the worker. A lost enqueue is the sweep's to repeat. */
  async dispatch(written: JobRecord): Promise<void> {
    const event = webhookEventOf(written.status);
    if (!event || !wantsEvent(written.webhook, written.status)) return;
    try {
      await this.deps.queue.enqueue({ jobId: written.id, event, attempt: 0 });
    } catch (error) {
      this.deps.logger.warn("webhook delivery not queued; the poller's sweep will queue it", {
        jobId: written.id,
        event,
        error: String(error),
      });
    }
  }

  /**
   * Hands out again every pending delivery overdue by more than the grace (its message lost, its
   * worker dead mid-attempt): each gets a new message, and a hold so the next sweeps leave it to that
   * message for a while. Answers how many were handed out.
   */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const overdue = await this.deps.deliveries.listOverdue(
      new Date(now.getTime() - this.deps.sweepGraceMs),
      SWEEP_LIMIT,
    );
    let swept = 0;
    for (const delivery of overdue) {
      const held = {
        ...delivery,
        leaseUntil: new Date(now.getTime() + this.deps.resendHoldMs).toISOString(),
      };
      if (!(await this.deps.deliveries.replace(held, delivery.attemptCount))) continue;
      const dueIn = Date.parse(delivery.nextAttemptAt ?? now.toISOString()) - now.getTime();
      await this.deps.queue.enqueue(
        { jobId: delivery.jobId, event: delivery.event, attempt: delivery.attemptCount },
        { delayMs: Math.max(0, dueIn) },
      );
      swept++;
    }
    if (swept > 0) {
      this.deps.metrics.count(METRICS.webhookDeliveriesSwept, {}, swept);
      this.deps.logger.warn("overdue webhook deliveries handed out again", { count: swept });
    }
    return swept;
  }
}
