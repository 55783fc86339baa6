import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, describe, expect, it } from "vitest";
import { createAwsClients } from "./clients";

const clients = createAwsClients();
afterAll(() => clients.destroy());

describe("createAwsClients", () => {
  it("reaches DynamoDB Local through AWS_ENDPOINT_URL_DYNAMODB", async () => {
    await expect(clients.dynamo.send(new ListTablesCommand({}))).resolves.toHaveProperty("TableNames");
  });

  it("reaches S3 on the emulator with path-style addressing", async () => {
    const bucket = `aws-clients-${Date.now()}`;
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "a.txt", Body: "hello" }));
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" }));
    expect(await object.Body?.transformToString()).toBe("hello");
  });

  it("sends SQS calls to the configured endpoint, not to the queue URL's unresolvable host", async () => {
    const { QueueUrl } = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: `aws-clients-${Date.now()}` }),
    );
    expect(QueueUrl).toMatch(/localhost/);
    await clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "ping" }));
    const received = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(received.Messages?.[0]?.Body).toBe("ping");
  });

  it("falls back to us-east-1 when no region is configured and honours an explicit region", async () => {
    const fallback = createAwsClients({ env: {} });
    const explicit = createAwsClients({ region: "eu-west-1" });
    try {
      expect(await fallback.sqs.config.region()).toBe("us-east-1");
      expect(await explicit.dynamo.config.region()).toBe("eu-west-1");
    } finally {
      fallback.destroy();
      explicit.destroy();
    }
  });
});
