/**
 * The queue refused an event for a reason no retry can fix (its content or size): the lifecycle records
 * it on the job and stops retrying, where a transient failure is retried with backoff.
 */
export class EventRejectedError extends Error {
  override readonly name = "EventRejectedError";
}
