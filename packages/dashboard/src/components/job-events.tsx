import type { Job } from "@pixpipe/client";
import { formatDateTime, labelOfStage, labelOfStatus } from "../format";
import type { ObservedChange } from "../job-timeline";

/**
 * The job's changes of status and progress as this page saw them, oldest first (the API answers
 * the page's long poll at each one), and an event the pipeline could not send. Not a live region:
 * the status badge already announces each change.
 */
export function JobEvents({ job, observed }: { job: Job; observed: readonly ObservedChange[] }) {
  return (
    <>
      <ol class="events">
        {observed.map((change) => (
          <li key={change.at}>
            <time dateTime={change.at} class="event-time">
              {formatDateTime(change.at)}
            </time>
            <span class="event-what">
              {labelOfStatus(change.status)}
              {change.stage && change.stage !== change.status && <>: {labelOfStage(change.stage)}</>}
              {change.reason && change.attempts ? <>, attempt {change.attempts}</> : null}
            </span>
            {change.reason && <span class="event-reason">{change.reason}</span>}
          </li>
        ))}
      </ol>
      <p class="hint">Seen by this page since it opened: the API keeps a job's latest state only.</p>
      {job.eventError && (
        <p class="notice error">The job's event could not be sent to the event queue: {job.eventError}</p>
      )}
    </>
  );
}
