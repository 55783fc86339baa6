export { type DynamoDbLocal, freePort, startDynamoDbLocal } from "./dynamodb-local";
export { type S3SqsEmulator, startS3SqsEmulator } from "./fauxqs";
