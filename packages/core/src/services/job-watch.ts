import { isTerminal, type PublicJob } from "../job";
import { MAX_JOB_WAIT_MS } from "../limits";
import type { Clock } from "../pipeline";

/**
 * How often a waiting request reads the job again: soon at first (most changes that matter to a waiting
 * caller, the inline submit's, come early), then once a second. Each read is one consistent GetItem
 * of the job, about 26 reads over a full 25 s wait.
 */
export function watchDelayMs(readsSoFar: number): number {
  return Math.min(250 * 1.5 ** readsSoFar, 1_000);
}

/** What a wait waits for: any change of status or progress (GET ?wait), or the end (POST Prefer: wait). */
export type WatchUntil = "changed" | "finished";

const standing = (job: PublicJob) => JSON.stringify([job.status, job.progress]);

/**
 * Reads a job again and again until it has changed (or finished), the wait is over or the caller has
 * gone: the job as it is then, or null once it is gone.
 */
export async function watchJob(
  deps: { read: () => Promise<PublicJob | null>; clock: Clock },
  first: PublicJob,
  options: { waitMs: number; until: WatchUntil; signal?: AbortSignal },
): Promise<PublicJob | null> {
  const done = (job: PublicJob) =>
    isTerminal(job.status) || (options.until === "changed" && standing(job) !== standing(first));
  const deadline = deps.clock.now().getTime() + Math.min(options.waitMs, MAX_JOB_WAIT_MS);
  let job: PublicJob | null = first;
  for (let reads = 0; !done(job); reads++) {
    const left = deadline - deps.clock.now().getTime();
    if (left <= 0 || options.signal?.aborted) break;
    await deps.clock.sleep(Math.min(watchDelayMs(reads), left), options.signal);
    if (options.signal?.aborted) break;
    job = await deps.read();
    if (!job) return null;
  }
  return job;
}
