import type { Job } from "@pixpipe/client";
import { formatDateTime, labelOfStatus } from "../format";
import { type ObservedChange, type StepState, timelineSteps } from "../job-timeline";

const STATE_LABELS: Record<StepState, string> = {
  done: "done",
  current: "in progress",
  failed: "ended",
  pending: "not yet",
};

export function Timeline({ job, observed }: { job: Job; observed: readonly ObservedChange[] }) {
  return (
    <ol class="timeline">
      {timelineSteps(job, observed).map((step) => (
        <li
          key={step.status}
          class={`step step-${step.state}`}
          aria-current={step.state === "current" ? "step" : undefined}
        >
          <span class="step-title">
            {labelOfStatus(step.status)} <span class="visually-hidden">({STATE_LABELS[step.state]})</span>
          </span>
          {step.at && (
            <time dateTime={step.at} class="step-time">
              {step.atSource === "seen" ? "seen " : ""}
              {formatDateTime(step.at)}
            </time>
          )}
          {step.notes.map((note) => (
            <span key={note} class="step-note">
              {note}
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}
