// A job's status timeline, from its fields and the changes the page saw (pure: the component renders it).
import type { Job, JobStatus } from "@pixpipe/client";
import { formatDateTime, formatRelative } from "./format";

/** A status change the job page saw happen, with when it saw it (the job records only its latest). */
export interface ObservedChange {
  status: JobStatus;
  at: string;
}

/** What the API says about a job in progress (`progress`, when the API sends it). */
interface Progress {
  stage?: string;
  reason?: string;
  attempts?: number;
  nextAttemptAt?: string;
}

/** The job's `progress` when present and well-formed; the API's document does not have it yet. */
function progressOf(job: Job): Progress | undefined {
  const progress: unknown = (job as { progress?: unknown }).progress;
  if (typeof progress !== "object" || progress === null) return undefined;
  const { stage, reason, attempts, nextAttemptAt } = progress as Record<string, unknown>;
  return {
    ...(typeof stage === "string" ? { stage } : {}),
    ...(typeof reason === "string" ? { reason } : {}),
    ...(typeof attempts === "number" ? { attempts } : {}),
    ...(typeof nextAttemptAt === "string" ? { nextAttemptAt } : {}),
  };
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
  if (generating && job.pixverse.videoId) generating.notes.push(`PixVerse video ${job.pixverse.videoId}.`);
  const archiving = steps[2];
  if (archiving && job.output) archiving.notes.push(`Copied to ${job.output.key}.`);

  const progress = progressOf(job);
  const current = terminal ? undefined : steps[currentIndex];
  if (current && progress) {
    if (progress.stage) current.notes.push(`Stage: ${progress.stage}.`);
    if (progress.attempts !== undefined) current.notes.push(`Attempt ${progress.attempts}.`);
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
