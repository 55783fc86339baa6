export { type DeliveryStep, WebhookDeliverer, type WebhookDelivererDeps } from "./deliverer";
export {
  type AttemptOutcome,
  afterAttempt,
  DELIVERY_STATES,
  type DeliveryAttempt,
  type DeliveryState,
  deliveryAttemptSchema,
  deliveryStateSchema,
  MAX_KEPT_ATTEMPTS,
  newDelivery,
  RESPONSE_EXCERPT_BYTES,
  type WebhookDelivery,
  type WebhookRetryPolicy,
  webhookDeliverySchema,
} from "./delivery";
export { DynamoWebhookDeliveryRepository } from "./dynamo-repository";
export { InMemoryWebhookDeliveryRepository } from "./memory-repository";
export { WebhookOutbox, type WebhookOutboxDeps } from "./outbox";
export { type DeliveryMessage, deliveryMessageSchema, SqsWebhookQueue, type WebhookQueue } from "./queue";
export { deliveryItem, type WebhookDeliveryRepository } from "./repository";
export {
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  HttpWebhookSender,
  retryAfterMs,
  type SignedDelivery,
  signatureHeaders,
  type WebhookSender,
} from "./sender";
export {
  DEFAULT_WEBHOOK_EVENTS,
  type JobWebhook,
  jobWebhookOf,
  jobWebhookSchema,
  WEBHOOK_EVENTS,
  WEBHOOK_URL_MAX_LENGTH,
  type WebhookEvent,
  type WebhookRequest,
  wantsEvent,
  webhookEventOf,
  webhookEventSchema,
  webhookRequestSchema,
} from "./subscription";
export { STRICT_WEBHOOK_URLS, WebhookUrlError, WebhookUrlGuard, type WebhookUrlPolicy } from "./url-guard";
