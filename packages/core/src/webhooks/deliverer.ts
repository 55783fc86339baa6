import { METRICS, type Metrics } from "../metrics";
import type { Clock, Logger } from "../pipeline/ports";
import { afterAttempt, type DeliveryState, type WebhookRetryPolicy } from "./delivery";
import type { DeliveryMessage, WebhookQueue } from "./queue";
import type { WebhookDeliveryRepository } from "./repository";
import type { WebhookSender } from "./sender";

export interface WebhookDelivererDeps {
  deliveries: Pick<WebhookDeliveryRepository, "get" | "replace">;
  /** The secrets a delivery made now signs with (read at every attempt: a rotation counts at once). */
  secrets: { signingSecrets(tenantId: string): Promise<string[]> };
  sender: WebhookSender;
  queue: WebhookQueue;
  retry: WebhookRetryPolicy;
  /** How long an attempt holds its delivery: more than the sender's timeout. */
  leaseMs: number;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** What handling one message came to: the delivery's state after an attempt, or why none was made. */
export type DeliveryStep = DeliveryState | "not_yet" | "stale";

/** A message this early is sent again with the rest of its delay (SQS delays 15 minutes at most). */
const EARLY_TOLERANCE_MS = 1_000;

/**
 * The delivery worker: one message, at most one attempt. The attempt is claimed first (the attempt
 * count moves on in a conditional write), so duplicates of a message and the sweep's hand-outs never
 * make two attempts at once; its outcome is written on the same condition, and a retry goes back on
 * the queue with its backoff as the message's delay.
 */
export class WebhookDeliverer {
  constructor(private readonly deps: WebhookDelivererDeps) {}

  async deliver(message: DeliveryMessage): Promise<DeliveryStep> {
    const { deliveries, clock, logger } = this.deps;
    const delivery = await deliveries.get(message.jobId, message.event);
    if (delivery?.state !== "pending" || delivery.attemptCount !== message.attempt) return "stale";
    const now = clock.now();
    const dueIn = Date.parse(delivery.nextAttemptAt ?? now.toISOString()) - now.getTime();
    if (dueIn > EARLY_TOLERANCE_MS) {
      await this.deps.queue.enqueue(message, { delayMs: dueIn });
      return "not_yet";
    }
    const claimed = {
      ...delivery,
      attemptCount: delivery.attemptCount + 1,
      leaseUntil: new Date(now.getTime() + this.deps.leaseMs).toISOString(),
    };
    if (!(await deliveries.replace(claimed, delivery.attemptCount))) return "stale";

    const secrets = await this.deps.secrets.signingSecrets(delivery.tenantId);
    const outcome = await this.deps.sender.send(
      { url: delivery.url, webhookId: delivery.webhookId, body: delivery.body, secrets },
      now,
    );
    const next = afterAttempt(claimed, outcome, this.deps.retry);
    const context = {
      jobId: delivery.jobId,
      event: delivery.event,
      webhookId: delivery.webhookId,
      attempt: claimed.attemptCount,
      statusCode: outcome.statusCode,
      latencyMs: Math.round(outcome.latencyMs),
    };
    if (!(await deliveries.replace(next, claimed.attemptCount))) {
      // Its lease ran out and the sweep handed it out again: the newer attempt's outcome is the record.
      logger.warn("webhook attempt outcome not recorded: the delivery was handed out again", context);
      return "stale";
    }
    this.deps.metrics.count(METRICS.webhookAttempts, {
      Outcome: next.state === "pending" ? "retrying" : next.state,
    });
    if (next.state === "delivered" && next.deliveredAt) {
      this.deps.metrics.timing(
        METRICS.webhookDeliveryLatency,
        {},
        Date.parse(next.deliveredAt) - Date.parse(next.createdAt),
      );
    }
    if (next.state === "pending") {
      logger.info("webhook attempt failed; retrying", {
        ...context,
        error: outcome.error,
        nextAttemptAt: next.nextAttemptAt,
      });
      await this.handOut(
        { ...message, attempt: next.attemptCount },
        Date.parse(next.nextAttemptAt!) - clock.now().getTime(),
      );
    } else if (next.state === "failed") {
      logger.warn("webhook delivery stopped", { ...context, reason: next.failureReason });
    } else {
      logger.info("webhook delivered", context);
    }
    return next.state;
  }

  private async handOut(message: DeliveryMessage, delayMs: number): Promise<void> {
    try {
      await this.deps.queue.enqueue(message, { delayMs: Math.max(0, delayMs) });
    } catch (error) {
      this.deps.logger.warn("webhook retry not queued; the poller's sweep will queue it", {
        jobId: message.jobId,
        event: message.event,
        error: String(error),
      });
    }
  }
}
