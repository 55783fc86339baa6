export { type AwsClientOptions, type AwsClients, createAwsClients, DEFAULT_REGION } from "./clients";
