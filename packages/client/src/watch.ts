import { PixpipeApiError } from "./errors";
import { isTerminal, type Job } from "./types";

/** The longest long poll the API holds (GET /v1/jobs/{id}?wait=N, POST Prefer: wait=N). */
export const MAX_WAIT_SECONDS = 25;

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
  /**
   * How long each read may wait for a change (a long poll), in seconds: MAX_WAIT_SECONDS by default;
   * 0 polls with `backoff` instead.
   */
  waitSeconds?: number;
  /** Pauses between reads when they do not wait (waitSeconds 0, or an API that does not long-poll). */
  backoff?: Partial<Backoff>;
}

/** One read of the watched value; `waitSeconds` asks the API to hold the answer until a change. */
export type ReadChange<T> = (request: { waitSeconds?: number; signal?: AbortSignal }) => Promise<T>;

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

/** A 400 naming `wait`: an API from before the long poll, which refuses unknown query parameters. */
const refusesWait = (error: unknown) =>
  error instanceof PixpipeApiError &&
  error.status === 400 &&
  (error.details ?? []).some((problem) => problem.path === "wait");

/**
 * Yields what `read` returns, the current value first (or `initial`, when the caller has it) and then
 * each change, until `isDone` holds for it (returned then). With `waitSeconds`, each read is a long
 * poll that the API answers on a change, so reads follow one another at once; an answer that comes
 * back early without a change (an API or proxy that does not hold requests) and reads without a wait
 * are paced by `backoff`, longer while nothing changes. An API that refuses `wait` is polled.
 */
export async function* watchChanges<T>(
  read: ReadChange<T>,
  options: WatchOptions & { isDone?: (value: T) => boolean; initial?: T } = {},
): AsyncGenerator<T, T> {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const isDone = options.isDone ?? (() => false);
  const { signal } = options;
  let waitSeconds = Math.min(options.waitSeconds ?? MAX_WAIT_SECONDS, MAX_WAIT_SECONDS);
  let value = options.initial ?? (await read({ signal }));
  let seen = fingerprint(value);
  yield value;
  let pauseMs = waitSeconds > 0 ? 0 : backoff.initialMs;
  while (!isDone(value)) {
    if (pauseMs > 0) await sleep(pauseMs, signal);
    const startedAt = Date.now();
    try {
      value = await read(waitSeconds > 0 ? { waitSeconds, signal } : { signal });
    } catch (error) {
      if (waitSeconds === 0 || !refusesWait(error)) throw error;
      waitSeconds = 0;
      pauseMs = backoff.initialMs;
      continue;
    }
    const now = fingerprint(value);
    if (now !== seen) {
      seen = now;
      pauseMs = waitSeconds > 0 ? 0 : backoff.initialMs;
      yield value;
      continue;
    }
    // Unchanged: a long poll that was held (about its wait) goes again at once; anything else waits.
    const held = waitSeconds > 0 && Date.now() - startedAt >= (waitSeconds * 1000) / 2;
    pauseMs = held ? 0 : Math.min(Math.max(pauseMs * backoff.factor, backoff.initialMs), backoff.maxMs);
  }
  return value;
}

/**
 * Yields what `read` returns, the current value first and then each change, until `isDone` holds for
 * it (returned then); polls, pausing longer while nothing changes (see Backoff). For values the API
 * cannot long-poll (a page of jobs, anything whose changes are worth watching).
 */
export function pollChanges<T>(
  read: (signal: AbortSignal | undefined) => Promise<T>,
  options: Omit<WatchOptions, "waitSeconds"> & { isDone?: (value: T) => boolean } = {},
): AsyncGenerator<T, T> {
  return watchChanges(({ signal }) => read(signal), { ...options, waitSeconds: 0 });
}

/**
 * Yields each state of a job, the current one first (`initial`, when the caller has it), until it is
 * terminal, and returns the terminal job: long polls (GET /v1/jobs/{id}?wait=25), each answered as
 * soon as the job's status or progress changes.
 */
export function watchJob(
  read: ReadChange<Job>,
  options: WatchOptions & { initial?: Job } = {},
): AsyncGenerator<Job, Job> {
  return watchChanges(read, { ...options, isDone: isTerminal });
}
