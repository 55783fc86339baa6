import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { dueShardOf, dueShards, epochSeconds, GSI, itemKeys } from "../table";
import {
  IdempotencyConflictError,
  InvalidCursorError,
  InvalidTransitionError,
  JobWriteRejectedError,
  VideoIdConflictError,
} from "./errors";
import { type JobRecord, jobIdSchema, jobRecordSchema, type NewJob } from "./job";
import { canTransition, isTerminal, type JobStatus } from "./status";

/** How long an Idempotency-Key is remembered; a reuse after that creates a new job. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
export const MAX_LIST_LIMIT = 100;

/** Fields a transition or update may set; status, identity and timestamps belong to the repository. */
export type MutableJobFields = Pick<
  JobRecord,
  "videoId" | "credits" | "resultUrl" | "output" | "error" | "attempts" | "nextCheckAt" | "eventPending"
>;
// Checked at run time too: whatever a caller passes is validated before it is stored.
const mutableFieldsSchema = jobRecordSchema
  .pick({
    videoId: true,
    credits: true,
    resultUrl: true,
    output: true,
    error: true,
    attempts: true,
    nextCheckAt: true,
    eventPending: true,
  })
  .partial()
  .strict();
const removableFieldSchema = z.enum(["resultUrl", "error", "nextCheckAt", "eventPending"]);
export type RemovableJobField = z.infer<typeof removableFieldSchema>;

export interface CreateJobOptions {
  idempotencyKey?: string;
  /** `requestHash(body)`: same key + same hash returns the existing job. */
  requestHash: string;
  now?: Date;
}

export interface ListJobsOptions {
  status?: JobStatus;
  /** 1..MAX_LIST_LIMIT */
  limit: number;
  cursor?: string | null;
}

interface WriteCommon {
  set?: Partial<MutableJobFields>;
  remove?: readonly RemovableJobField[];
  /** Also require this `version` (optimistic lock against a concurrent writer in the same status). */
  expectVersion?: number;
  now?: Date;
}

export interface TransitionInput extends WriteCommon {
  /** Allowed current statuses; the write happens only if the job is in one of them. */
  from: readonly JobStatus[];
  to: JobStatus;
}

export interface UpdateInput extends WriteCommon {
  /** The write happens only if the job is (still) in this status. */
  expectStatus: JobStatus;
}

export interface JobRepository {
  /** Stores a new job, or returns the job an earlier request with the same idempotency key created. */
  create(job: NewJob, options: CreateJobOptions): Promise<{ job: JobRecord; created: boolean }>;
  /** Tenant-scoped: another tenant's job is null. */
  get(tenantId: string, id: string): Promise<JobRecord | null>;
  getById(id: string): Promise<JobRecord | null>;
  /** Newest first; throws InvalidCursorError for a cursor it did not issue. */
  list(tenantId: string, options: ListJobsOptions): Promise<{ jobs: JobRecord[]; nextCursor: string | null }>;
  /**
   * Moves the job to `to` if its status is one of `from`: the updated job, or null when it is not
   * (duplicate, late or out-of-order event) or does not exist. Throws InvalidTransitionError for a
   * pair the state machine forbids. Setting `videoId` links it for findByVideoId first.
   */
  transition(id: string, input: TransitionInput): Promise<JobRecord | null>;
  /** Changes fields without changing status, if the job is in `expectStatus`; else null. */
  update(id: string, input: UpdateInput): Promise<JobRecord | null>;
  /** The job PixVerse knows under this video id (strongly consistent), for webhooks. */
  findByVideoId(videoId: string): Promise<JobRecord | null>;
  /** Jobs whose nextCheckAt <= now, oldest first, across all due shards. */
  listDue(now: Date, limit: number): Promise<JobRecord[]>;
  /** Jobs in `generating` (PixVerse generations in flight). Reads only the due index. */
  countGenerating(): Promise<number>;
}

type Item = Record<string, NativeAttributeValue>;

const idempotencyItemSchema = z.object({
  jobId: z.string(),
  requestHash: z.string(),
  expiresAt: z.number(),
});
const videoPointerSchema = z.object({ jobId: z.string() });

const TRANSACTION_CONFLICT_RETRIES = 5;

/** Index attributes of a job item, derived from its id, tenant and status. */
function indexAttributes(job: { id: string; tenantId: string; status: JobStatus }) {
  return {
    [GSI.byTenant.partitionKey]: job.tenantId,
    [GSI.byTenant.sortKey]: job.id,
    [GSI.byTenantStatus.sortKey]: statusSortKey(job.status, job.id),
    [GSI.due.partitionKey]: dueShardOf(job.id),
  };
}

function statusSortKey(status: JobStatus, id: string): string {
  return `${status}#${id}`;
}

function encodeCursor(lastJobId: string): string {
  return Buffer.from(JSON.stringify({ after: lastJobId })).toString("base64url");
}

function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return z.object({ after: jobIdSchema }).strict().parse(decoded).after;
  } catch {
    throw new InvalidCursorError();
  }
}

/**
 * The due-index rules every write obeys: a non-terminal job always keeps a nextCheckAt (so the
 * poller re-drives it whatever dies); a terminal job keeps one only while its event is pending.
 * `entering` is true when the write moves the job into `status`.
 */
function applyDueRules(status: JobStatus, input: WriteCommon, now: string, entering: boolean): WriteCommon {
  const set = mutableFieldsSchema.parse(input.set ?? {});
  const remove = new Set(removableFieldSchema.array().parse(input.remove ?? []));
  if (!isTerminal(status)) {
    if (remove.has("nextCheckAt"))
      throw new JobWriteRejectedError(`a ${status} job must keep its nextCheckAt`);
  } else if (set.eventPending === true) {
    set.nextCheckAt ??= now;
    remove.delete("nextCheckAt");
  } else if (entering || set.eventPending === false || remove.has("eventPending")) {
    delete set.eventPending;
    delete set.nextCheckAt;
    remove.add("eventPending");
    remove.add("nextCheckAt");
  }
  return { ...input, set, remove: [...remove] };
}

export class DynamoJobRepository implements JobRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: NewJob, options: CreateJobOptions): Promise<{ job: JobRecord; created: boolean }> {
    const now = (options.now ?? new Date()).toISOString();
    const status = job.status ?? "queued";
    const dueAt = status === "queued" || job.eventPending ? (job.nextCheckAt ?? now) : undefined;
    const record = jobRecordSchema.parse({
      id: job.id,
      tenantId: job.tenantId,
      type: job.type,
      status,
      input: job.input,
      metadata: job.metadata,
      createdAt: now,
      updatedAt: now,
      version: 1,
      traceId: job.traceId,
      attempts: 0,
      ...(job.error ? { error: job.error } : {}),
      ...(dueAt ? { nextCheckAt: dueAt } : {}),
      ...(job.eventPending ? { eventPending: true } : {}),
    } satisfies JobRecord);
    const put = {
      TableName: this.tableName,
      Item: { ...itemKeys.job(record.id), ...indexAttributes(record), ...record },
      ConditionExpression: "attribute_not_exists(pk)",
    };

    if (options.idempotencyKey === undefined) {
      await this.dynamo.send(new PutCommand(put));
      return { job: record, created: true };
    }

    const idempotencyKey = itemKeys.idempotency(job.tenantId, options.idempotencyKey);
    const nowSeconds = epochSeconds(options.now ?? new Date());
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...idempotencyKey,
                    jobId: record.id,
                    requestHash: options.requestHash,
                    expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
                  },
                  // An expired key may still be there: TTL deletes lazily.
                  ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
                  ExpressionAttributeValues: { ":now": nowSeconds },
                },
              },
            ],
          }),
        );
        return { job: record, created: true };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [jobReason, keyReason] = error.CancellationReasons ?? [];
        if (jobReason?.Code === "ConditionalCheckFailed") {
          throw new Error(`job id ${record.id} already exists`);
        }
        const conflicted = error.CancellationReasons?.some((reason) => reason.Code === "TransactionConflict");
        if (keyReason?.Code === "ConditionalCheckFailed") {
          const existing = await this.existingForKey(idempotencyKey, nowSeconds, options.requestHash);
          if (existing) return { job: existing, created: false };
        } else if (!conflicted) {
          throw error;
        }
        // A concurrent request with the same key is mid-write, or its key just expired: try again.
        if (attempt >= TRANSACTION_CONFLICT_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
      }
    }
  }

  /** The job an unexpired idempotency key points at; null if the key is gone or expired. */
  private async existingForKey(
    key: { pk: string; sk: string },
    nowSeconds: number,
    hash: string,
  ): Promise<JobRecord | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (!Item) return null;
    const stored = idempotencyItemSchema.parse(Item);
    if (stored.expiresAt <= nowSeconds) return null;
    if (stored.requestHash !== hash) throw new IdempotencyConflictError(stored.jobId);
    const job = await this.getById(stored.jobId);
    if (!job) throw new Error(`idempotency key points at missing job ${stored.jobId}`);
    return job;
  }

  async get(tenantId: string, id: string): Promise<JobRecord | null> {
    const job = await this.getById(id);
    return job?.tenantId === tenantId ? job : null;
  }

  async getById(id: string): Promise<JobRecord | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: itemKeys.job(id), ConsistentRead: true }),
    );
    return Item ? jobRecordSchema.parse(Item) : null;
  }

  async list(
    tenantId: string,
    options: ListJobsOptions,
  ): Promise<{ jobs: JobRecord[]; nextCursor: string | null }> {
    const { status, limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
    }
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const base: QueryCommandInput = status
      ? {
          TableName: this.tableName,
          IndexName: GSI.byTenantStatus.name,
          KeyConditionExpression: "#pk = :tenant AND begins_with(#sk, :status)",
          ExpressionAttributeNames: {
            "#pk": GSI.byTenantStatus.partitionKey,
            "#sk": GSI.byTenantStatus.sortKey,
          },
          ExpressionAttributeValues: { ":tenant": tenantId, ":status": `${status}#` },
        }
      : {
          TableName: this.tableName,
          IndexName: GSI.byTenant.name,
          KeyConditionExpression: "#pk = :tenant",
          ExpressionAttributeNames: { "#pk": GSI.byTenant.partitionKey },
          ExpressionAttributeValues: { ":tenant": tenantId },
        };
    let startKey: Item | undefined = after
      ? {
          ...itemKeys.job(after),
          [GSI.byTenant.partitionKey]: tenantId,
          ...(status
            ? { [GSI.byTenantStatus.sortKey]: statusSortKey(status, after) }
            : { [GSI.byTenant.sortKey]: after }),
        }
      : undefined;

    // One item more than asked says whether another page exists, so the last page has no cursor.
    const items: Item[] = [];
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          ...base,
          ScanIndexForward: false,
          Limit: limit + 1 - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);

    const jobs = items.slice(0, limit).map((item) => jobRecordSchema.parse(item));
    const nextCursor = items.length > limit ? encodeCursor(jobs[jobs.length - 1]!.id) : null;
    return { jobs, nextCursor };
  }

  async transition(id: string, input: TransitionInput): Promise<JobRecord | null> {
    for (const from of input.from) {
      if (!canTransition(from, input.to)) throw new InvalidTransitionError(from, input.to);
    }
    if (input.from.length === 0)
      throw new JobWriteRejectedError("transition needs at least one source status");
    const now = (input.now ?? new Date()).toISOString();
    const fromValues = Object.fromEntries(input.from.map((status, i) => [`:from${i}`, status]));
    return this.write(id, applyDueRules(input.to, input, now, true), now, {
      condition: `#status IN (${Object.keys(fromValues).join(", ")})`,
      values: fromValues,
      newStatus: input.to,
    });
  }

  async update(id: string, input: UpdateInput): Promise<JobRecord | null> {
    const now = (input.now ?? new Date()).toISOString();
    return this.write(id, applyDueRules(input.expectStatus, input, now, false), now, {
      condition: "#status = :expectStatus",
      values: { ":expectStatus": input.expectStatus },
    });
  }

  private async write(
    id: string,
    input: WriteCommon,
    now: string,
    guard: { condition: string; values: Item; newStatus?: JobStatus },
  ): Promise<JobRecord | null> {
    const set: Item = Object.fromEntries(
      Object.entries(input.set ?? {}).filter(([, value]) => value !== undefined),
    );
    if (typeof set.videoId === "string") await this.linkVideo(id, set.videoId);

    set.updatedAt = now;
    if (guard.newStatus) {
      set.status = guard.newStatus;
      set[GSI.byTenantStatus.sortKey] = statusSortKey(guard.newStatus, id);
    }
    const names: Record<string, string> = { "#status": "status", "#version": "version" };
    const values: Item = { ...guard.values, ":one": 1 };
    const assignments = ["#version = #version + :one"];
    for (const [field, value] of Object.entries(set)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      assignments.push(`#${field} = :${field}`);
    }
    const removals = (input.remove ?? []).filter((field) => !(field in set));
    for (const field of removals) names[`#${field}`] = field;

    let condition = guard.condition;
    if (input.expectVersion !== undefined) {
      condition += " AND #version = :expectVersion";
      values[":expectVersion"] = input.expectVersion;
    }
    try {
      const { Attributes } = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKeys.job(id),
          UpdateExpression:
            `SET ${assignments.join(", ")}` +
            (removals.length > 0 ? ` REMOVE ${removals.map((field) => `#${field}`).join(", ")}` : ""),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return jobRecordSchema.parse(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  /**
   * Writes the videoId -> job pointer before the job records the videoId, so a webhook for a video
   * pixpipe knows about always finds its job. A pointer left by a write that then lost its race is
   * harmless: it names the right job, whose status guards everything else.
   */
  private async linkVideo(jobId: string, videoId: string): Promise<void> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKeys.video(videoId), jobId },
          ConditionExpression: "attribute_not_exists(pk) OR jobId = :jobId",
          ExpressionAttributeValues: { ":jobId": jobId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const linked = await this.videoPointer(videoId);
      throw new VideoIdConflictError(videoId, linked ?? "unknown");
    }
  }

  private async videoPointer(videoId: string): Promise<string | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: itemKeys.video(videoId), ConsistentRead: true }),
    );
    return Item ? videoPointerSchema.parse(Item).jobId : null;
  }

  async findByVideoId(videoId: string): Promise<JobRecord | null> {
    const jobId = await this.videoPointer(videoId);
    return jobId ? this.getById(jobId) : null;
  }

  async listDue(now: Date, limit: number): Promise<JobRecord[]> {
    const pages = await Promise.all(
      dueShards.map((shard) =>
        this.dynamo.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: GSI.due.name,
            KeyConditionExpression: "#shard = :shard AND #at <= :now",
            ExpressionAttributeNames: { "#shard": GSI.due.partitionKey, "#at": GSI.due.sortKey },
            ExpressionAttributeValues: { ":shard": shard, ":now": now.toISOString() },
            ScanIndexForward: true,
            // Each shard may hold all of the oldest `limit` jobs.
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .map((item) => jobRecordSchema.parse(item))
      .sort((a, b) => (a.nextCheckAt! < b.nextCheckAt! ? -1 : a.nextCheckAt! > b.nextCheckAt! ? 1 : 0))
      .slice(0, limit);
  }

  async countGenerating(): Promise<number> {
    // Every generating job is in the due index (applyDueRules), which holds only live work, so this
    // reads in-flight jobs, not the table.
    const counts = await Promise.all(
      dueShards.map(async (shard) => {
        let count = 0;
        let startKey: Item | undefined;
        do {
          const page = await this.dynamo.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: GSI.due.name,
              KeyConditionExpression: "#shard = :shard",
              FilterExpression: "#status = :generating",
              ExpressionAttributeNames: { "#shard": GSI.due.partitionKey, "#status": "status" },
              ExpressionAttributeValues: { ":shard": shard, ":generating": "generating" },
              Select: "COUNT",
              ExclusiveStartKey: startKey,
            }),
          );
          count += page.Count ?? 0;
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        return count;
      }),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }
}
