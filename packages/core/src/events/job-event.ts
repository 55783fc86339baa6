/**
 * The fields of a job an event needs; the whole public job object travels as `data`. Structural, so
 * events do not depend on how jobs are stored.
 */
export interface EventJob {
  id: string;
  tenantId: string;
  status: string;
  /** ISO 8601; becomes the event's `time`, so a re-sent event is identical to the first. */
  updatedAt: string;
}

/**
 * One event type per status a job moves into. JobEvents carries the terminal ones; `cancelled` goes
 * beyond ARCHITECTURE §5 (which names succeeded and failed): a cancelled job is terminal too, and
 * consumers waiting on a job need to hear that it will never finish. `generating` and `archiving` are
 * sent only to per-job webhooks that ask for them.
 */
export const JOB_EVENT_TYPES = {
  generating: "pixpipe.job.generating",
  archiving: "pixpipe.job.archiving",
  succeeded: "pixpipe.job.succeeded",
  failed: "pixpipe.job.failed",
  cancelled: "pixpipe.job.cancelled",
} as const;
export type JobEventStatus = keyof typeof JOB_EVENT_TYPES;
export type JobEventType = (typeof JOB_EVENT_TYPES)[JobEventStatus];

/** A CloudEvents 1.0 event in structured JSON mode. */
export interface JobCloudEvent<J extends EventJob = EventJob> {
  specversion: "1.0";
  /** `{jobId}:{status}`: stable, so consumers can drop the duplicates at-least-once delivery brings. */
  id: string;
  type: JobEventType;
  source: string;
  /** The job id. */
  subject: string;
  time: string;
  datacontenttype: "application/json";
  data: J;
}

export function isJobEventStatus(status: string): status is JobEventStatus {
  return Object.hasOwn(JOB_EVENT_TYPES, status);
}

/** The event announcing the status a job moved into. Throws for a status no change announces (queued). */
export function buildJobEvent<J extends EventJob>(job: J, options: { source: string }): JobCloudEvent<J> {
  const { status } = job;
  if (!isJobEventStatus(status)) {
    throw new RangeError(`job ${job.id} is ${status}: no event announces that status`);
  }
  if (!options.source) throw new RangeError("a CloudEvents source must not be empty");
  return {
    specversion: "1.0",
    id: `${job.id}:${status}`,
    type: JOB_EVENT_TYPES[status],
    source: options.source,
    subject: job.id,
    time: job.updatedAt,
    datacontenttype: "application/json",
    data: job,
  };
}
