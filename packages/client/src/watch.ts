import { setTimeout as sleep } from "node:timers/promises";
import { isTerminal, type Job } from "./types";

export interface Backoff {
  /** First pause between two reads, and the pause again after each change. Default 500 ms. */
  initialMs: number;
  /** Longest pause while nothing changes. Default 5 s. */
  maxMs: number;
  /** Growth of the pause while nothing changes. Default 1.5. */
  factor: number;
}

export interface WatchOptions {
  /** Stops watching (the job itself goes on); the generator then throws an AbortError. */
  signal?: AbortSignal;
  backoff?: Partial<Backoff>;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 5000, factor: 1.5 };

/** What a watcher compares: a job changes when any of its fields does (status, progress, output...). */
const fingerprint = (job: Job) => JSON.stringify(job);

/**
 * Yields each state of a job, the current one first, until it is terminal, and returns the terminal
 * job. The API has no long-poll yet (`GET /v1/jobs/{id}?wait=N` in ARCHITECTURE §2), so this polls,
 * pausing longer while nothing changes. With long-poll, `read` takes the wait and the pause goes.
 */
export async function* watchJob(
  read: (signal: AbortSignal | undefined) => Promise<Job>,
  options: WatchOptions = {},
): AsyncGenerator<Job, Job> {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  let pauseMs = backoff.initialMs;
  let job = await read(options.signal);
  let seen = fingerprint(job);
  yield job;
  while (!isTerminal(job)) {
    await sleep(pauseMs, undefined, { signal: options.signal });
    job = await read(options.signal);
    const now = fingerprint(job);
    if (now === seen) {
      pauseMs = Math.min(pauseMs * backoff.factor, backoff.maxMs);
      continue;
    }
    seen = now;
    pauseMs = backoff.initialMs;
    yield job;
  }
  return job;
}
