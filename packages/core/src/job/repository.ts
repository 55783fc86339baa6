import type { ItemKey } from "../table";
import type { ActiveJobCensus } from "./census";
import type { JobRecord, NewJob } from "./job";
import type { JobListFilter } from "./list";
import type { CompanionWrites, TransitionInput, UpdateInput } from "./rules";

export interface CreateJobOptions {
  idempotencyKey?: string;
  /** `requestHash(body)`: same key + same hash returns the existing job. */
  requestHash: string;
  now?: Date;
  /** Written with the job or not at all (e.g. its usage counters). */
  companions?: CompanionWrites;
}

export interface ListJobsOptions extends JobListFilter {
  /** 1..MAX_LIST_LIMIT */
  limit: number;
  cursor?: string | null;
}

/**
 * Where jobs are kept. Every adapter applies the same rules (rules.ts, idempotency.ts,
 * list.ts) and passes the same contract suite; only the JobLifecycle writes through it.
 */
export interface JobRepository {
  /** Stores a new job, or returns the job an earlier request with the same idempotency key created. */
  create(job: NewJob, options: CreateJobOptions): Promise<{ job: JobRecord; created: boolean }>;
  /** Tenant-scoped: another tenant's job is null. */
  get(tenantId: string, id: string): Promise<JobRecord | null>;
  getById(id: string): Promise<JobRecord | null>;
  /**
   * Newest first, narrowed by the filter (list.ts); a page may hold fewer jobs than its limit when the
   * type filter stopped at MAX_LIST_EXAMINED, with a cursor to carry on. Throws InvalidCursorError for
   * a cursor it did not issue.
   */
  list(tenantId: string, options: ListJobsOptions): Promise<{ jobs: JobRecord[]; nextCursor: string | null }>;
  /**
   * Moves the job to `to` if its status is one of `from`: the updated job, or null when it is not
   * (duplicate, late or out-of-order event) or does not exist. Throws InvalidTransitionError for a
   * pair the state machine forbids. Setting `pixverseId` links it for findByPixverseId first. The
   * input's companions commit with it or not at all; a companion item that had to be new and exists
   * already is a CompanionConflictError (nothing written).
   */
  transition(id: string, input: TransitionInput): Promise<JobRecord | null>;
  /** Changes fields without changing status, if the job is in `expectStatus`; else null. */
  update(id: string, input: UpdateInput): Promise<JobRecord | null>;
  /** The job a PixVerse generation (video or image id) belongs to, read consistently, for webhooks. */
  findByPixverseId(pixverseId: string): Promise<JobRecord | null>;
  /** Jobs whose nextCheckAt <= now, oldest first. */
  listDue(now: Date, limit: number): Promise<JobRecord[]>;
  /**
   * Every non-terminal job counted by status, with the oldest one's creation time (the poller's gauges).
   * Reads all of them: once per poller tick, never per request.
   */
  activeJobCensus(): Promise<ActiveJobCensus>;
  /** A tenant's queued jobs, oldest first (the scheduler's view). */
  oldestQueued(tenantId: string, limit: number): Promise<JobRecord[]>;
  /** Writes a marker item (`at` = when), replacing any before it. */
  putMarker(key: ItemKey, at: string): Promise<void>;
  /** Deletes a marker unless it was put at or after `notAfter` (a put that raced the decision wins). */
  clearMarker(key: ItemKey, olderThan: string): Promise<void>;
  /** The companion items under one partition key (e.g. every generation slot held), read consistently. */
  readItems(pk: string): Promise<{ key: ItemKey; item: Record<string, unknown> }[]>;
}
