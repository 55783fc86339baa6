export {
  buildJobEvent,
  type EventJob,
  isJobEventStatus,
  JOB_EVENT_TYPES,
  type JobCloudEvent,
  type JobEventStatus,
  type JobEventType,
} from "./job-event";
export { type JobEventPublisher, SqsJobEventPublisher } from "./sqs-publisher";
