export { EventRejectedError } from "./errors";
export {
  buildJobEvent,
  type EventJob,
  isJobEventStatus,
  JOB_EVENT_TYPES,
  type JobCloudEvent,
  type JobEventStatus,
  type JobEventType,
} from "./job-event";
export { SQS_MAX_MESSAGE_BYTES, sqsSafeJson } from "./sqs-body";
export { type JobEventPublisher, SqsJobEventPublisher } from "./sqs-publisher";
