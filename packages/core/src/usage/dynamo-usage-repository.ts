import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { itemKeys } from "../table";
import type { UsageRepository } from "./repository";
import { type UsageRange, type UsageRecord, usageRecordOf, usageSortKeyRange } from "./usage";

/** Usage counters in the pixpipe table: one partition per tenant (USAGE#<tenantId>), a day per sort key prefix. */
export class DynamoUsageRepository implements UsageRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(tenantId: string, range: UsageRange): Promise<UsageRecord[]> {
    const { from, to } = usageSortKeyRange(range);
    const records: UsageRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": itemKeys.usage(tenantId, "", "").pk, ":from": from, ":to": to },
          ExclusiveStartKey,
        }),
      );
      records.push(...(page.Items ?? []).map(usageRecordOf));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return records;
  }
}
