import {
  type Backoff,
  isTerminal,
  type Job,
  type JobList,
  type ListJobsQuery,
  type PixpipeClient,
  pollChanges,
  sleep,
} from "@pixpipe/client";

/*
 * How the dashboard follows changes, in one place. Today: polling with backoff (quick after a
 * change, slower while nothing moves). When the API gains long-poll (GET /v1/jobs/{id}?wait=N),
 * only this module changes.
 */

const JOB_BACKOFF: Partial<Backoff> = { initialMs: 500, maxMs: 5000 };
const LIST_BACKOFF: Partial<Backoff> = { initialMs: 1000, maxMs: 10_000 };
/** After a failed read (network, 5xx): retry, waiting longer each time up to this. */
const MAX_RETRY_MS = 30_000;

export interface Follow<T> {
  onChange(value: T): void;
  /** A read failed; following goes on (the next change clears it). */
  onError(error: unknown): void;
}

async function follow<T>(
  read: (signal: AbortSignal | undefined) => Promise<T>,
  handlers: Follow<T>,
  options: { signal: AbortSignal; backoff: Partial<Backoff>; isDone?: (value: T) => boolean },
): Promise<void> {
  let retryMs = 1000;
  while (!options.signal.aborted) {
    try {
      const changes = pollChanges(read, options);
      for await (const value of changes) {
        retryMs = 1000;
        handlers.onChange(value);
      }
      return;
    } catch (error) {
      if (options.signal.aborted) return;
      handlers.onError(error);
      await sleep(retryMs, options.signal).catch(() => {});
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }
}

/** Follows one job until it is terminal or `signal` aborts. */
export function followJob(client: PixpipeClient, id: string, handlers: Follow<Job>, signal: AbortSignal) {
  return follow((s) => client.getJob(id, { signal: s }), handlers, {
    signal,
    backoff: JOB_BACKOFF,
    isDone: isTerminal,
  });
}

/** Follows the first page of a job list until `signal` aborts. */
export function followJobList(
  client: PixpipeClient,
  query: ListJobsQuery,
  handlers: Follow<JobList>,
  signal: AbortSignal,
) {
  return follow((s) => client.listJobs(query, { signal: s }), handlers, { signal, backoff: LIST_BACKOFF });
}
