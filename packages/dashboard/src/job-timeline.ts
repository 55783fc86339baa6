// A job's status timeline, from its fields and the changes the page saw (pure: the component renders it).
import type { Job, JobStatus } from "@pixpipe/client";
import { formatDateTime, formatRelative, labelOfStage } from "./format";

type Progress = NonNullable<Job["progress"]>;

/**
 * A state of the job the page saw, with when it saw it: its status and, while it runs, its progress
 * (the job records only its latest state; GET /v1/jobs/{id}?wait answers at each change).
 */
export interface ObservedChange {
  status: JobStatus;
  at: string;
  stage?: Progress["stage"];
  attempts?: number;
  reason?: string;
}

const observedOf = (job: Job, at: string): ObservedChange => ({
  status: job.status,
  at,
  ...(job.progress
    ? {
        stage: job.progress.stage,
        attempts: job.progress.attempts,
        ...(job.progress.reason ? { reason: job.progress.reason } : {}),
      }
    : {}),
});

/** Two sightings of one state: the same status, stage and reason (attempts alone only count up). */
const sameState = (a: ObservedChange, b: ObservedChange) =>
  a.status === b.status && a.stage === b.stage && a.reason === b.reason;

/**
 * `seen` with the job's state added when it differs from the last one seen; the same state again
 * (another poll of PixVerse while generating) only brings the last one's attempts up to date.
 */
export function observe(seen: readonly ObservedChange[], job: Job, at: string): readonly ObservedChange[] {
  const next = observedOf(job, at);
  const last = seen.at(-1);
  if (!last || !sameState(last, next)) return [...seen, next];
  if (last.attempts === next.attempts) return seen;
  return [
    ...seen.slice(0, -1),
    { ...last, ...(next.attempts === undefined ? {} : { attempts: next.attempts }) },
  ];
}

export type StepState = "done" | "current" | "failed" | "pending";

export interface Step {
  status: JobStatus;
  state: StepState;
  /** When the job got there, where known. */
  at?: string;
  /** How that time is known. */
  atSource?: "recorded" | "seen";
  notes: string[];
}

const LIVE: readonly JobStatus[] = ["queued", "generating", "archiving"];

/** How far a job got before it ended: what its fields prove it reached. */
function reached(job: Job): number {
  if (job.output || job.error?.code === "archive_failed") return 2;
  if (job.pixverse.videoId) return 1;
  return 0;
}

/** The lifecycle as steps: what the job went through (as far as its fields and the page tell), what is left. */
export function timelineSteps(job: Job, observed: readonly ObservedChange[]): Step[] {
  const seenAt = (status: JobStatus) => observed.find((change) => change.status === status)?.at;
  const terminal = !LIVE.includes(job.status);
  const currentIndex = terminal ? reached(job) : LIVE.indexOf(job.status);
  const steps: Step[] = LIVE.map((status, index) => {
    const state: StepState =
      index < currentIndex || (terminal && index === currentIndex)
        ? "done"
        : index === currentIndex
          ? "current"
          : "pending";
    const at =
      status === "queued"
        ? job.createdAt
        : index === currentIndex && !terminal
          ? job.updatedAt
          : seenAt(status);
    return {
      status,
      state,
      ...(at
        ? { at, atSource: status === "queued" || (index === currentIndex && !terminal) ? "recorded" : "seen" }
        : {}),
      notes: [],
    };
  });
  const queued = steps[0];
  if (queued) queued.notes.push("Accepted by the API.");
  const generating = steps[1];
  if (generating) {
    // The generations the job retried after (PixVerse's status 8), before its current one.
    const of = job.generations.length;
    for (const [index, earlier] of job.generations.slice(0, -1).entries()) {
      const error = earlier.error ? ` (${earlier.error.code})` : "";
      generating.notes.push(
        `Generation ${index + 1} of ${of}: PixVerse video ${earlier.videoId ?? "?"} ${earlier.status}${error}.`,
      );
    }
    if (job.pixverse.videoId) generating.notes.push(`PixVerse video ${job.pixverse.videoId}.`);
  }
  const archiving = steps[2];
  if (archiving && job.output) archiving.notes.push(`Copied to ${job.output.key}.`);

  const { progress } = job;
  const current = terminal ? undefined : steps[currentIndex];
  if (current && progress) {
    current.notes.push(`Stage: ${labelOfStage(progress.stage)}.`);
    if (progress.attempts > 0) current.notes.push(`Attempt ${progress.attempts}.`);
    if (progress.reason) current.notes.push(progress.reason);
    if (progress.nextAttemptAt) {
      current.notes.push(
        `Next attempt ${formatRelative(progress.nextAttemptAt)} (${formatDateTime(progress.nextAttemptAt)}).`,
      );
    }
  }
  if (terminal) {
    const notes: string[] = [];
    if (job.error) {
      notes.push(`${job.error.code}: ${job.error.message}`);
      if (job.error.providerCode !== undefined) notes.push(`PixVerse error code ${job.error.providerCode}.`);
    }
    // Steps after the one reached were never taken.
    steps.splice(currentIndex + 1);
    steps.push({
      status: job.status,
      state: job.status === "succeeded" ? "done" : "failed",
      at: job.updatedAt,
      atSource: "recorded",
      notes,
    });
  } else {
    steps.push({ status: "succeeded", state: "pending", notes: [] });
  }
  return steps;
}
