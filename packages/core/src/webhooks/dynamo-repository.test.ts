import { afterAll } from "vitest";
import type { AwsClients } from "../aws";
import { DynamoJobRepository } from "../job";
import { createTestTable } from "../test-support/test-table";
import { describeWebhookDeliveryContract } from "../test-support/webhook-delivery-repository-contract";
import { DynamoWebhookDeliveryRepository } from "./dynamo-repository";

const clients: AwsClients[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});

describeWebhookDeliveryContract("DynamoDB", {
  fresh: async () => {
    const table = await createTestTable("webhooks");
    clients.push(table.clients);
    return {
      jobs: new DynamoJobRepository(table.clients.dynamo, table.tableName),
      deliveries: new DynamoWebhookDeliveryRepository(table.clients.dynamo, table.tableName),
    };
  },
});
