import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll } from "vitest";
import type { AwsClients } from "../aws";
import { createTestTable } from "../test-support/test-table";
import { describeUsageRepositoryContract } from "../test-support/usage-repository-contract";
import { DynamoUsageRepository } from "./dynamo-usage-repository";

const opened: AwsClients[] = [];
afterAll(() => {
  for (const clients of opened) clients.destroy();
});

// The writer's side as the lifecycle runs it: the increment's update, sent as it is.
describeUsageRepositoryContract("DynamoDB", async () => {
  const { clients, tableName } = await createTestTable("usage");
  opened.push(clients);
  return {
    usage: new DynamoUsageRepository(clients.dynamo, tableName),
    add: async (increment) => {
      await clients.dynamo.send(new UpdateCommand({ TableName: tableName, ...increment.update }));
    },
  };
});
