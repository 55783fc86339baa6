import { randomUUID } from "node:crypto";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { createAwsClients } from "@pixpipe/core/aws";
import { afterAll, describe, expect, it } from "vitest";
import { createPipelineResources, type PipelineResourceNames } from "./resources";

const clients = createAwsClients();
afterAll(() => clients.destroy());

function uniqueNames(): PipelineResourceNames {
  const id = randomUUID().slice(0, 8);
  return {
    table: `res-table-${id}`,
    mediaBucket: `res-media-${id}`,
    archiveQueue: `res-archive-${id}`,
    archiveDlq: `res-archive-dlq-${id}`,
    eventsQueue: `res-events-${id}`,
    eventsDlq: `res-events-dlq-${id}`,
    webhookQueue: `res-webhooks-${id}`,
    webhookDlq: `res-webhooks-dlq-${id}`,
    intakeDlq: `res-intake-dlq-${id}`,
  };
}

describe("createPipelineResources", () => {
  it("creates the table, the bucket and the archive, events and webhook queues with redrive to their DLQs, and can run again", async () => {
    const names = uniqueNames();
    const options = { names, archiveVisibilityTimeoutSeconds: 120, maxReceiveCount: 3 };
    const resources = await createPipelineResources(clients, options);
    await expect(createPipelineResources(clients, options)).resolves.toEqual(resources);

    const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: names.table }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    await expect(
      clients.s3.send(new HeadBucketCommand({ Bucket: names.mediaBucket })),
    ).resolves.toBeDefined();

    const attributes = async (url: string) =>
      (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] })))
        .Attributes;
    const archive = await attributes(resources.archiveQueue.url);
    expect(archive?.VisibilityTimeout).toBe("120");
    expect(JSON.parse(archive?.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: resources.archiveDlq.arn,
      maxReceiveCount: 3,
    });
    const events = await attributes(resources.eventsQueue.url);
    expect(JSON.parse(events?.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: resources.eventsDlq.arn,
      maxReceiveCount: 3,
    });
    const webhooks = await attributes(resources.webhookQueue.url);
    expect(webhooks?.VisibilityTimeout).toBe("360");
    expect(JSON.parse(webhooks?.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: resources.webhookDlq.arn,
      maxReceiveCount: 3,
    });
    expect(resources).toMatchObject({
      tableName: names.table,
      mediaBucket: names.mediaBucket,
      archiveQueue: { name: names.archiveQueue, arn: expect.stringMatching(/^arn:aws:sqs:/) },
      eventsDlq: { name: names.eventsDlq },
      intakeDlq: { name: names.intakeDlq, url: expect.stringContaining(names.intakeDlq) },
    });
  });
});
