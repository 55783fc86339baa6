import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface AwsClientOptions {
  /** Defaults to AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1. */
  region?: string;
  /** Attempts per call including the first (SDK standard retry mode). Default 3. */
  maxAttempts?: number;
  /** Overrides for AWS_ENDPOINT_URL_DYNAMODB / _S3 / _SQS (the SDK reads those itself otherwise). */
  endpoints?: { dynamodb?: string; s3?: string; sqs?: string };
  env?: NodeJS.ProcessEnv;
}

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  /** Closes the clients' keep-alive sockets (tests, local runtime shutdown). */
  destroy(): void;
}

export const DEFAULT_REGION = "us-east-1";

/**
 * The one place AWS clients are built, so the same code talks to the emulators (AWS_ENDPOINT_URL_*)
 * and to AWS. Build once per process (Lambda module scope) and share.
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const env = options.env ?? process.env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
  const maxAttempts = options.maxAttempts ?? 3;
  // A dead endpoint should fail fast enough to retry within a Lambda invocation.
  const connectionTimeout = 3_000;

  const dynamoBase = new DynamoDBClient({
    region,
    maxAttempts,
    endpoint: options.endpoints?.dynamodb,
    requestHandler: { connectionTimeout, requestTimeout: 10_000 },
  });
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });

  const s3Endpoint = options.endpoints?.s3 ?? env.AWS_ENDPOINT_URL_S3;
  const s3 = new S3Client({
    region,
    maxAttempts,
    endpoint: options.endpoints?.s3,
    // Emulators are addressed by host:port; bucket subdomains would not resolve there. AWS keeps
    // virtual-hosted style.
    forcePathStyle: s3Endpoint !== undefined,
    // No request timeout: archive uploads stream large parts.
    requestHandler: { connectionTimeout },
  });

  // With an endpoint override SQS would otherwise send to the QueueUrl's host, which for fauxqs
  // (sqs.<region>.localhost) does not resolve.
  const sqsEndpoint = options.endpoints?.sqs ?? env.AWS_ENDPOINT_URL_SQS;
  const sqs = new SQSClient({
    region,
    maxAttempts,
    endpoint: sqsEndpoint,
    useQueueUrlAsEndpoint: false,
    // Long polls wait up to 20 s.
    requestHandler: { connectionTimeout, requestTimeout: 30_000 },
  });

  return {
    dynamo,
    s3,
    sqs,
    destroy() {
      dynamo.destroy();
      dynamoBase.destroy();
      s3.destroy();
      sqs.destroy();
    },
  };
}
