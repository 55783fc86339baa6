import { DELIVERY_LINKS, deliveryHandler } from "./deliveries-handler";
import { loadPipeline } from "./pipeline";

/** WebhookDeliveries (SQS) -> the delivery worker: one signed attempt per message. */
export const handler = deliveryHandler(loadPipeline(DELIVERY_LINKS));
