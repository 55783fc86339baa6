import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { itemKeys, queryDueShards, WEBHOOK_DELIVERY_PREFIX, webhookShards } from "../table";
import type { WebhookDelivery } from "./delivery";
import {
  byCreation,
  bySweepAt,
  deliveryItem,
  parseDelivery,
  type WebhookDeliveryRepository,
} from "./repository";
import type { WebhookEvent } from "./subscription";

/** Deliveries in the pixpipe table (table/definition.ts): beside their job, swept through the due index. */
export class DynamoWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(jobId: string, event: WebhookEvent): Promise<WebhookDelivery | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKeys.webhookDelivery(jobId, event),
        ConsistentRead: true,
      }),
    );
    return Item ? parseDelivery(Item) : null;
  }

  async listForJob(jobId: string): Promise<WebhookDelivery[]> {
    // A job has at most one delivery per event: one page.
    const { Items = [] } = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": itemKeys.job(jobId).pk, ":prefix": WEBHOOK_DELIVERY_PREFIX },
        ConsistentRead: true,
      }),
    );
    return Items.map(parseDelivery).sort(byCreation);
  }

  async replace(next: WebhookDelivery, expectAttemptCount: number): Promise<boolean> {
    const { key, item } = deliveryItem(next);
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item, ...key },
          ConditionExpression: "#state = :pending AND attemptCount = :count",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ":pending": "pending", ":count": expectAttemptCount },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listOverdue(before: Date, limit: number): Promise<WebhookDelivery[]> {
    const items = await queryDueShards(this.dynamo, this.tableName, webhookShards, before, limit);
    return items.map(parseDelivery).sort(bySweepAt).slice(0, limit);
  }
}
