import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";

describe("test emulators", () => {
  it("serve DynamoDB and S3 on the loopback endpoints the global setup exported", async () => {
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const dynamo = new DynamoDBClient({});
    const s3 = new S3Client({});
    await expect(dynamo.send(new ListTablesCommand({}))).resolves.toHaveProperty("TableNames");
    await expect(s3.send(new ListBucketsCommand({}))).resolves.toHaveProperty("Buckets");
    dynamo.destroy();
    s3.destroy();
  });
});
