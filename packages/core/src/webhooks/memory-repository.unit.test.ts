import { InMemoryJobRepository } from "../job";
import { InMemoryItems } from "../table";
import { describeWebhookDeliveryContract } from "../test-support/webhook-delivery-repository-contract";
import { InMemoryWebhookDeliveryRepository } from "./memory-repository";

describeWebhookDeliveryContract("in memory", {
  fresh: async () => {
    const items = new InMemoryItems();
    return {
      jobs: new InMemoryJobRepository(items),
      deliveries: new InMemoryWebhookDeliveryRepository(items),
    };
  },
});
