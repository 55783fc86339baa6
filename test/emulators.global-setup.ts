import { startDynamoDbLocal, startS3SqsEmulator } from "../packages/local/src/emulators";

/**
 * One DynamoDB Local and one fauxqs for the whole test run. Test files isolate themselves by
 * creating their own tables, buckets and queues with unique names.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const [dynamo, s3sqs] = await Promise.all([startDynamoDbLocal(), startS3SqsEmulator()]);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ENDPOINT_URL_S3 = s3sqs.endpoint;
  process.env.AWS_ENDPOINT_URL_SQS = s3sqs.endpoint;
  return async () => {
    await Promise.all([dynamo.stop(), s3sqs.stop()]);
  };
}
