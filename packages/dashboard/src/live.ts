import {
  type Backoff,
  type Job,
  type JobList,
  type ListJobsQuery,
  type PixpipeClient,
  pollChanges,
  sleep,
  type WebhookDelivery,
} from "@pixpipe/client";
import { nextDeliveryRead } from "./deliveries-view";

/*
 * How the dashboard follows changes, in one place: a job by long polls (GET /v1/jobs/{id}?wait=25,
 * answered at each change), a page of jobs by polling with backoff (quick after a change, slower
 * while nothing moves), which is all the API offers for lists, and a job's webhook deliveries at
 * each change of the job and when a pending one's next attempt is due (deliveries-view.ts).
 */

const LIST_BACKOFF: Partial<Backoff> = { initialMs: 1000, maxMs: 10_000 };
/** After a failed read (network, 5xx): retry, waiting longer each time up to this. */
const MAX_RETRY_MS = 30_000;

export interface Follow<T> {
  onChange(value: T): void;
  /** A read failed; following goes on (the next change clears it). */
  onError(error: unknown): void;
}

/** Runs `changes` again after each failure (backing off), until it ends or `signal` aborts. */
async function follow<T>(
  changes: () => AsyncGenerator<T, T>,
  handlers: Follow<T>,
  signal: AbortSignal,
): Promise<void> {
  let retryMs = 1000;
  while (!signal.aborted) {
    try {
      for await (const value of changes()) {
        retryMs = 1000;
        handlers.onChange(value);
      }
      return;
    } catch (error) {
      if (signal.aborted) return;
      handlers.onError(error);
      await sleep(retryMs, signal).catch(() => {});
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }
}

/** Follows one job until it is terminal or `signal` aborts. */
export function followJob(client: PixpipeClient, id: string, handlers: Follow<Job>, signal: AbortSignal) {
  return follow(() => client.watchJob(id, { signal }), handlers, signal);
}

/** Follows the first page of a job list until `signal` aborts. */
export function followJobList(
  client: PixpipeClient,
  query: ListJobsQuery,
  handlers: Follow<JobList>,
  signal: AbortSignal,
) {
  return follow(
    () => pollChanges((s) => client.listJobs(query, { signal: s }), { signal, backoff: LIST_BACKOFF }),
    handlers,
    signal,
  );
}

/** Each read of a job's deliveries: now, then when a pending one's next attempt is due, until none is. */
async function* deliveryReads(
  client: PixpipeClient,
  jobId: string,
  signal: AbortSignal,
): AsyncGenerator<WebhookDelivery[], WebhookDelivery[]> {
  let lateReads = 0;
  for (;;) {
    const deliveries = await client.deliveries(jobId, { signal });
    yield deliveries;
    const next = nextDeliveryRead(deliveries, Date.now(), lateReads);
    if (!next) return deliveries;
    lateReads = next.late ? lateReads + 1 : 0;
    await sleep(next.inMs, signal);
  }
}

/** Follows a job's webhook deliveries until none is pending or `signal` aborts. */
export function followDeliveries(
  client: PixpipeClient,
  jobId: string,
  handlers: Follow<WebhookDelivery[]>,
  signal: AbortSignal,
) {
  return follow(() => deliveryReads(client, jobId, signal), handlers, signal);
}
