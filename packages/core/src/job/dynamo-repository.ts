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
import { dueShardOf, dueShards, GSI, itemKeys } from "../table";
import { PixverseIdConflictError } from "./errors";
import { epochSeconds, jobForIdempotencyKey, newIdempotencyRecord } from "./idempotency";
import { type JobRecord, jobRecordSchema, type NewJob } from "./job";
import { assertListLimit, decodeListCursor, encodeListCursor } from "./list-cursor";
import type { CreateJobOptions, JobRepository, ListJobsOptions } from "./repository";
import {
  byNextCheck,
  type JobWritePlan,
  newJobRecord,
  planTransition,
  planUpdate,
  type TransitionInput,
  type UpdateInput,
} from "./rules";
import type { JobStatus } from "./status";

type Item = Record<string, NativeAttributeValue>;

const idempotencyItemSchema = z.object({
  jobId: z.string(),
  requestHash: z.string(),
  expiresAt: z.number(),
});
const generationPointerSchema = z.object({ jobId: z.string() });

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

/**
 * Jobs in the pixpipe table (table/definition.ts). The rules are shared with every adapter (rules.ts);
 * this class only turns their plans into items, queries and conditional writes.
 */
export class DynamoJobRepository implements JobRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: NewJob, options: CreateJobOptions): Promise<{ job: JobRecord; created: boolean }> {
    const now = options.now ?? new Date();
    const record = newJobRecord(job, now);
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
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...idempotencyKey, ...newIdempotencyRecord(record.id, options.requestHash, now) },
                  // An expired key may still be there: TTL deletes lazily.
                  ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
                  ExpressionAttributeValues: { ":now": epochSeconds(now) },
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
          const existing = await this.existingForKey(idempotencyKey, options.requestHash, now);
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
    hash: string,
    now: Date,
  ): Promise<JobRecord | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    const jobId = jobForIdempotencyKey(Item ? idempotencyItemSchema.parse(Item) : undefined, hash, now);
    if (!jobId) return null;
    const job = await this.getById(jobId);
    if (!job) throw new Error(`idempotency key points at missing job ${jobId}`);
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
    assertListLimit(limit);
    const after = options.cursor ? decodeListCursor(options.cursor) : undefined;
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
    const nextCursor = items.length > limit ? encodeListCursor(jobs[jobs.length - 1]!.id) : null;
    return { jobs, nextCursor };
  }

  async transition(id: string, input: TransitionInput): Promise<JobRecord | null> {
    return this.write(id, planTransition(input));
  }

  async update(id: string, input: UpdateInput): Promise<JobRecord | null> {
    return this.write(id, planUpdate(input));
  }

  private async write(id: string, plan: JobWritePlan): Promise<JobRecord | null> {
    if (plan.set.pixverseId !== undefined) await this.linkGeneration(id, plan.set.pixverseId);

    const set: Item = { ...plan.set, updatedAt: plan.now };
    if (!plan.from.includes(plan.to)) {
      set.status = plan.to;
      set[GSI.byTenantStatus.sortKey] = statusSortKey(plan.to, id);
    }
    const names: Record<string, string> = { "#status": "status", "#version": "version" };
    const values: Item = { ":one": 1 };
    const assignments = ["#version = #version + :one"];
    for (const [field, value] of Object.entries(set)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      assignments.push(`#${field} = :${field}`);
    }
    for (const field of plan.remove) names[`#${field}`] = field;
    plan.from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    let condition = `#status IN (${plan.from.map((_, i) => `:from${i}`).join(", ")})`;
    if (plan.expectVersion !== undefined) {
      condition += " AND #version = :expectVersion";
      values[":expectVersion"] = plan.expectVersion;
    }
    try {
      const { Attributes } = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKeys.job(id),
          UpdateExpression:
            `SET ${assignments.join(", ")}` +
            (plan.remove.length > 0 ? ` REMOVE ${plan.remove.map((field) => `#${field}`).join(", ")}` : ""),
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
   * Writes the generation -> job pointer before the job records the PixVerse id, so a webhook for a
   * generation pixpipe knows about always finds its job. A pointer left by a write that then lost its
   * race is harmless: it names the right job, whose status guards everything else.
   */
  private async linkGeneration(jobId: string, pixverseId: string): Promise<void> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKeys.generation(pixverseId), jobId },
          ConditionExpression: "attribute_not_exists(pk) OR jobId = :jobId",
          ExpressionAttributeValues: { ":jobId": jobId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const linked = await this.generationPointer(pixverseId);
      throw new PixverseIdConflictError(pixverseId, linked ?? "unknown");
    }
  }

  private async generationPointer(pixverseId: string): Promise<string | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKeys.generation(pixverseId),
        ConsistentRead: true,
      }),
    );
    return Item ? generationPointerSchema.parse(Item).jobId : null;
  }

  async findByPixverseId(pixverseId: string): Promise<JobRecord | null> {
    const jobId = await this.generationPointer(pixverseId);
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
      .sort(byNextCheck)
      .slice(0, limit);
  }

  async countGenerating(): Promise<number> {
    // Every generating job is in the due index (rules.ts), which holds only live work, so this reads
    // in-flight jobs, not the table.
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
