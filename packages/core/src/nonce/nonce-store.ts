import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { NonceStore } from "../pixverse";
import { itemKeys } from "../table";

/**
 * How long a reservation that was neither committed nor released blocks its nonce: long enough for
 * any webhook to be processed, short enough that PixVerse's retry after a crashed handler succeeds.
 */
export const NONCE_RESERVATION_LEASE_SECONDS = 60;

/**
 * Webhook nonces in the pixpipe table (`NONCE#<nonce>`), expiring by TTL on `expiresAt`. An item
 * whose expiresAt has passed counts as absent: TTL deletes lazily.
 */
export class DynamoNonceStore implements NonceStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async reserve(nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.nowSeconds();
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKeys.nonce(nonce),
            state: "reserved",
            expiresAt,
            leaseUntil: now + NONCE_RESERVATION_LEASE_SECONDS,
          },
          ConditionExpression:
            "attribute_not_exists(pk) OR expiresAt <= :now OR (#state = :reserved AND leaseUntil <= :now)",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ":now": now, ":reserved": "reserved" },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async commit(nonce: string): Promise<void> {
    await this.ignoringFailedCondition(
      new UpdateCommand({
        TableName: this.tableName,
        Key: itemKeys.nonce(nonce),
        UpdateExpression: "SET #state = :committed REMOVE leaseUntil",
        // Never create a nonce item without expiresAt: TTL would never remove it.
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":committed": "committed" },
      }),
    );
  }

  async release(nonce: string): Promise<void> {
    await this.ignoringFailedCondition(
      new DeleteCommand({
        TableName: this.tableName,
        Key: itemKeys.nonce(nonce),
        // A committed nonce stays: forgetting it would let a replay through.
        ConditionExpression: "#state = :reserved",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":reserved": "reserved" },
      }),
    );
  }

  private async ignoringFailedCondition(command: UpdateCommand | DeleteCommand): Promise<void> {
    try {
      await this.dynamo.send(command);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
