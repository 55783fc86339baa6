import { PixverseIdConflictError } from "./errors";
import { type IdempotencyRecord, jobForIdempotencyKey, newIdempotencyRecord } from "./idempotency";
import type { JobRecord, NewJob } from "./job";
import { assertListLimit, decodeListCursor, encodeListCursor } from "./list-cursor";
import type { CreateJobOptions, JobRepository, ListJobsOptions } from "./repository";
import {
  applyPlan,
  byNextCheck,
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

  async create(job: NewJob, options: CreateJobOptions): Promise<{ job: JobRecord; created: boolean }> {
    const now = options.now ?? new Date();
    const record = newJobRecord(job, now);
    if (this.jobs.has(record.id)) throw new Error(`job id ${record.id} already exists`);
    if (options.idempotencyKey !== undefined) {
      const scoped = `${job.tenantId}\u0000${options.idempotencyKey}`;
      const existing = jobForIdempotencyKey(this.idempotency.get(scoped), options.requestHash, now);
      if (existing) return { job: this.read(existing)!, created: false };
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
    const after = options.cursor ? decodeListCursor(options.cursor) : undefined;
    const matching = [...this.jobs.values()]
      .filter((job) => job.tenantId === tenantId && (!options.status || job.status === options.status))
      .filter((job) => after === undefined || job.id < after)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const jobs = matching.slice(0, options.limit).map((job) => structuredClone(job));
    const nextCursor = matching.length > options.limit ? encodeListCursor(jobs.at(-1)!.id) : null;
    return { jobs, nextCursor };
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

  async countGenerating(): Promise<number> {
    return [...this.jobs.values()].filter((job) => job.status === "generating").length;
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
    this.jobs.set(id, next);
    return structuredClone(next);
  }

  private read(id: string): JobRecord | null {
    const job = this.jobs.get(id);
    return job ? structuredClone(job) : null;
  }
}
