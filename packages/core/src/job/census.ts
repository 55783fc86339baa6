import type { JobRecord } from "./job";
import type { JobStatus } from "./status";

/** The statuses of a job that is not finished: what the poller keeps moving. */
export const ACTIVE_STATUSES = ["queued", "generating", "archiving"] as const satisfies readonly JobStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/** Non-terminal jobs per status: how many there are, and when the oldest of them was created (ISO-8601). */
export type ActiveJobCensus = Record<ActiveStatus, { count: number; oldestCreatedAt: string | null }>;

const isActive = (status: JobStatus): status is ActiveStatus =>
  (ACTIVE_STATUSES as readonly JobStatus[]).includes(status);

/** Counts the active jobs among `jobs` (terminal ones are left out): the rule every repository applies. */
export function takeActiveJobCensus(
  jobs: Iterable<Pick<JobRecord, "status" | "createdAt">>,
): ActiveJobCensus {
  const census = Object.fromEntries(
    ACTIVE_STATUSES.map((status) => [status, { count: 0, oldestCreatedAt: null }]),
  ) as ActiveJobCensus;
  for (const { status, createdAt } of jobs) {
    if (!isActive(status)) continue;
    const entry = census[status];
    entry.count++;
    if (entry.oldestCreatedAt === null || createdAt < entry.oldestCreatedAt)
      entry.oldestCreatedAt = createdAt;
  }
  return census;
}
