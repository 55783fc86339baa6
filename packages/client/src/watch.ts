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

/** A pause that an abort ends early with the signal's reason (in Node.js and in browsers alike). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** What a watcher compares: a value changes when any of its fields does (status, progress, output...). */
const fingerprint = (value: unknown) => JSON.stringify(value);

/**
 * Yields what `read` returns, the current value first and then each change, until `isDone` holds for
 * it (returned then); polls, pausing longer while nothing changes (see Backoff). Reading a job, a
 * page of jobs, anything whose changes are worth watching.
 */
export async function* pollChanges<T>(
  read: (signal: AbortSignal | undefined) => Promise<T>,
  options: WatchOptions & { isDone?: (value: T) => boolean } = {},
): AsyncGenerator<T, T> {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const isDone = options.isDone ?? (() => false);
  let pauseMs = backoff.initialMs;
  let value = await read(options.signal);
  let seen = fingerprint(value);
  yield value;
  while (!isDone(value)) {
    await sleep(pauseMs, options.signal);
    value = await read(options.signal);
    const now = fingerprint(value);
    if (now === seen) {
      pauseMs = Math.min(pauseMs * backoff.factor, backoff.maxMs);
      continue;
    }
    seen = now;
    pauseMs = backoff.initialMs;
    yield value;
  }
  return value;
}

/**
 * Yields each state of a job, the current one first, until it is terminal, and returns the terminal
 * job. The API has no long-poll yet (`GET /v1/jobs/{id}?wait=N` in ARCHITECTURE §2), so this polls,
 * pausing longer while nothing changes. With long-poll, `read` takes the wait and the pause goes.
 */
export function watchJob(
  read: (signal: AbortSignal | undefined) => Promise<Job>,
  options: WatchOptions = {},
): AsyncGenerator<Job, Job> {
  return pollChanges(read, { ...options, isDone: isTerminal });
}
