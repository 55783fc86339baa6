import { DELIVERY_LINKS, deliveryHandler } from "./handlers";
import { loadPipeline } from "./pipeline";

/** WebhookDeliveries (SQS) -> the delivery worker: one signed attempt per message. */
export const handler = deliveryHandler(loadPipeline(DELIVERY_LINKS));
