import { InMemoryItems, type ItemKey } from "../table";
import { type ActiveJobCensus, takeActiveJobCensus } from "./census";
import { CompanionConflictError, PixverseIdConflictError } from "./errors";
import { type IdempotencyRecord, jobForIdempotencyKey, newIdempotencyRecord } from "./idempotency";
import type { JobRecord, NewJob } from "./job";
import { assertListLimit, decodeListCursor, jobIdRange, listPage, MAX_LIST_EXAMINED } from "./list";
import type { CreateJobOptions, JobRepository, ListJobsOptions } from "./repository";
import {
  applyPlan,
  byNextCheck,
  type CompanionWrites,
  companionsWithOutbox,
  isDue,
  type JobWritePlan,
  newJobRecord,
  planApplies,
  planTransition,
  planUpdate,
  type TransitionInput,
  type UpdateInput,
} from "./rules";

/**
 * Jobs in this process's memory, for fast tests of everything above the repository. The rules are the
 * DynamoDB adapter's own (rules.ts); the shared contract suite keeps the two from drifting. Records are
 * copied in and out, so a caller can never change what is stored without a write.
 */
export class InMemoryJobRepository implements JobRepository {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly generations = new Map<string, string>();

  /** `items` holds the table's other items (slots, markers, counters), shared with other in-memory adapters. */
  constructor(private readonly items: InMemoryItems = new InMemoryItems()) {}

  async create(job: NewJob, options: CreateJobOptions): Promise<{ job: JobRecord; created: boolean }> {
    const now = options.now ?? new Date();
    const record = newJobRecord(job, now);
    if (this.jobs.has(record.id)) throw new Error(`job id ${record.id} already exists`);
    const scoped =
      options.idempotencyKey === undefined ? undefined : `${job.tenantId}\u0000${options.idempotencyKey}`;
    if (scoped !== undefined) {
      const existing = jobForIdempotencyKey(this.idempotency.get(scoped), options.requestHash, now);
      if (existing) return { job: this.read(existing)!, created: false };
    }
    this.applyCompanions(options.companions);
    if (scoped !== undefined) {
      this.idempotency.set(scoped, newIdempotencyRecord(record.id, options.requestHash, now));
    }
    this.jobs.set(record.id, record);
    return { job: structuredClone(record), created: true };
  }

  async get(tenantId: string, id: string): Promise<JobRecord | null> {
    const job = this.read(id);
    return job?.tenantId === tenantId ? job : null;
  }

  async getById(id: string): Promise<JobRecord | null> {
    return this.read(id);
  }

  async list(
    tenantId: string,
    options: ListJobsOptions,
  ): Promise<{ jobs: JobRecord[]; nextCursor: string | null }> {
    assertListLimit(options.limit);
    const range = jobIdRange(options, options.cursor ? decodeListCursor(options.cursor) : undefined);
    if (!range) return { jobs: [], nextCursor: null };
    // What DynamoDB's key condition reads (tenant, status, id range), newest first.
    const candidates = [...this.jobs.values()]
      .filter(
        (job) =>
          job.tenantId === tenantId &&
          (!options.status || job.status === options.status) &&
          job.id >= range.from &&
          job.id <= range.to &&
          (range.startAfter === undefined || job.id < range.startAfter),
      )
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const page =
      options.type === undefined
        ? listPage(candidates.slice(0, options.limit + 1), options.limit)
        : this.typePage(candidates, options.type, options.limit);
    return { ...page, jobs: page.jobs.map((job) => structuredClone(job)) };
  }

  /** The type filter reads like DynamoDB's FilterExpression: at most MAX_LIST_EXAMINED jobs looked at. */
  private typePage(candidates: JobRecord[], type: string, limit: number) {
    const examined = candidates.slice(0, MAX_LIST_EXAMINED);
    const stoppedAt = examined.length === MAX_LIST_EXAMINED ? examined.at(-1)!.id : undefined;
    return listPage(
      examined.filter((job) => job.type === type),
      limit,
      stoppedAt,
    );
  }

  async transition(id: string, input: TransitionInput): Promise<JobRecord | null> {
    return this.write(id, planTransition(input));
  }

  async update(id: string, input: UpdateInput): Promise<JobRecord | null> {
    return this.write(id, planUpdate(input));
  }

  async findByPixverseId(pixverseId: string): Promise<JobRecord | null> {
    const jobId = this.generations.get(pixverseId);
    return jobId ? this.read(jobId) : null;
  }

  async listDue(now: Date, limit: number): Promise<JobRecord[]> {
    return [...this.jobs.values()]
      .filter((job) => isDue(job, now))
      .sort(byNextCheck)
      .slice(0, limit)
      .map((job) => structuredClone(job));
  }

  async activeJobCensus(): Promise<ActiveJobCensus> {
    return takeActiveJobCensus(this.jobs.values());
  }

  async oldestQueued(tenantId: string, limit: number): Promise<JobRecord[]> {
    return [...this.jobs.values()]
      .filter((job) => job.tenantId === tenantId && job.status === "queued")
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((job) => structuredClone(job));
  }

  async putMarker(key: ItemKey, at: string): Promise<void> {
    this.items.put(key, { at });
  }

  async clearMarker(key: ItemKey, olderThan: string): Promise<void> {
    const marker = this.items.get(key);
    if (marker && String(marker.item.at) < olderThan) this.items.delete(key);
  }

  async readItems(pk: string): Promise<{ key: ItemKey; item: Record<string, unknown> }[]> {
    return this.items.query(pk);
  }

  private write(id: string, plan: JobWritePlan): JobRecord | null {
    const pixverseId = plan.set.pixverseId;
    // As in DynamoDB, the pointer is linked before (and whether or not) the job write succeeds.
    if (pixverseId !== undefined) {
      const linked = this.generations.get(pixverseId);
      if (linked !== undefined && linked !== id) throw new PixverseIdConflictError(pixverseId, linked);
      this.generations.set(pixverseId, id);
    }
    const job = this.jobs.get(id);
    if (!job || !planApplies(job, plan)) return null;
    const next = applyPlan(job, plan);
    this.applyCompanions(companionsWithOutbox(plan, next));
    this.jobs.set(id, next);
    return structuredClone(next);
  }

  /** All of them or none: every claimed item is checked before anything changes. */
  private applyCompanions(companions: CompanionWrites | undefined): void {
    if (!companions) return;
    for (const { key } of companions.claim ?? []) {
      if (this.items.has(key)) throw new CompanionConflictError(key);
    }
    for (const entry of [...(companions.claim ?? []), ...(companions.put ?? [])])
      this.items.put(entry.key, entry.item);
    for (const key of companions.release ?? []) this.items.delete(key);
    for (const { key, values } of companions.add ?? []) this.items.add(key, values);
  }

  private read(id: string): JobRecord | null {
    const job = this.jobs.get(id);
    return job ? structuredClone(job) : null;
  }
}
