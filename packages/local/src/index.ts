export {
  type DynamoDbLocal,
  freePort,
  type S3SqsEmulator,
  startDynamoDbLocal,
  startS3SqsEmulator,
} from "./emulators";
export { type LocalOnlyOptions, localHandlers, loopbackWebhooksAllowed } from "./handlers";
export {
  fromApiGatewayResult,
  type HttpApiHandler,
  type HttpResponse,
  type LambdaHttpServer,
  type LambdaHttpServerOptions,
  startLambdaHttpServer,
  toApiGatewayEvent,
} from "./http";
export {
  createLambdaContext,
  DEFAULT_FUNCTION_TIMEOUT_MS,
  functionArn,
  invokeLambda,
  type LambdaFunctionConfig,
  LambdaTimeoutError,
  LOCAL_ACCOUNT_ID,
  type Log,
  UnsupportedHandlerError,
} from "./lambda";
export { type LocalData, type LocalDataOptions, prepareLocalData } from "./local-data";
export { type ShutdownOptions, stopChildrenOnExit } from "./process-group";
export {
  createPipelineResources,
  LOCAL_RESOURCE_NAMES,
  type PipelineResourceNames,
  type PipelineResourceOptions,
  type PipelineResources,
  type QueueResource,
} from "./resources";
export {
  DEFAULT_STATE_DIR,
  LOCAL_FUNCTIONS,
  LOCAL_TENANT_ID,
  type LocalHandlerLoaders,
  type LocalRuntime,
  type LocalRuntimeInfo,
  type LocalRuntimeOptions,
  type PixverseTarget,
  type ScheduleEvent,
  startLocalRuntime,
} from "./runtime";
export {
  asyncInvokeFailureRecord,
  encodeS3EventKey,
  type S3NotificationOptions,
  type S3Notifications,
  type S3ObjectCreated,
  type S3ObjectCreatedEventName,
  startS3Notifications,
  toS3EventRecord,
} from "./s3-notifications";
export { type Schedule, type ScheduleOptions, startSchedule } from "./schedule";
export {
  createSqsEventSource,
  type SqsEventSource,
  type SqsEventSourceOptions,
  succeededRecords,
  toSqsRecord,
} from "./sqs-event-source";
