import type { JobRepository } from "../job";
import type {
  DeliveryAttempt,
  DeliveryState,
  WebhookDelivery,
  WebhookDeliveryRepository,
  WebhookEvent,
} from "../webhooks";
import type { Caller } from "./caller";

/** A delivery as its tenant sees it: what was sent where, and every attempt kept. */
export interface PublicDelivery {
  webhookId: string;
  event: WebhookEvent;
  url: string;
  state: DeliveryState;
  createdAt: string;
  attemptCount: number;
  attempts: DeliveryAttempt[];
  nextAttemptAt?: string;
  deliveredAt?: string;
  failureReason?: string;
}

function toPublicDelivery(delivery: WebhookDelivery): PublicDelivery {
  return {
    webhookId: delivery.webhookId,
    event: delivery.event,
    url: delivery.url,
    state: delivery.state,
    createdAt: delivery.createdAt,
    attemptCount: delivery.attemptCount,
    attempts: delivery.attempts,
    ...(delivery.state === "pending" && delivery.nextAttemptAt
      ? { nextAttemptAt: delivery.nextAttemptAt }
      : {}),
    ...(delivery.deliveredAt ? { deliveredAt: delivery.deliveredAt } : {}),
    ...(delivery.failureReason ? { failureReason: delivery.failureReason } : {}),
  };
}

/** A job's webhook deliveries, scoped to the caller's tenant like the job itself. */
export class WebhookDeliveryService {
  constructor(
    private readonly deps: {
      jobs: Pick<JobRepository, "get">;
      deliveries: Pick<WebhookDeliveryRepository, "listForJob">;
    },
  ) {}

  /** Null when the job is not the caller's (or does not exist). */
  async listDeliveries(caller: Caller, jobId: string): Promise<{ deliveries: PublicDelivery[] } | null> {
    const job = await this.deps.jobs.get(caller.tenantId, jobId);
    if (!job) return null;
    const deliveries = await this.deps.deliveries.listForJob(job.id);
    return { deliveries: deliveries.map(toPublicDelivery) };
  }
}
