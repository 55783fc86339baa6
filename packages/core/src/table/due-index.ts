import { type DynamoDBDocumentClient, type NativeAttributeValue, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { GSI } from "./definition";

/**
 * The items of the `due` index at or before `before` in each of `shards`, oldest first per shard
 * (unsorted across them). Each shard may hold all of the oldest `limit`, so each is asked for `limit`.
 */
export async function queryDueShards(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  shards: readonly string[],
  before: Date,
  limit: number,
): Promise<Record<string, NativeAttributeValue>[]> {
  const pages = await Promise.all(
    shards.map((shard) =>
      dynamo.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI.due.name,
          KeyConditionExpression: "#shard = :shard AND #at <= :before",
          ExpressionAttributeNames: { "#shard": GSI.due.partitionKey, "#at": GSI.due.sortKey },
          ExpressionAttributeValues: { ":shard": shard, ":before": before.toISOString() },
          ScanIndexForward: true,
          Limit: limit,
        }),
      ),
    ),
  );
  return pages.flatMap((page) => page.Items ?? []);
}
