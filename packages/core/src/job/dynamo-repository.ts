import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { dueShardOf, dueShards, GSI, type ItemKey, itemKeys, queryDueShards } from "../table";
import { type ActiveJobCensus, takeActiveJobCensus } from "./census";
import { CompanionConflictError, PixverseIdConflictError } from "./errors";
import { epochSeconds, jobForIdempotencyKey, newIdempotencyRecord } from "./idempotency";
import { type JobRecord, jobRecordSchema, type NewJob } from "./job";
import { assertListLimit, decodeListCursor, jobIdRange, listPage, MAX_LIST_EXAMINED } from "./list";
import type { CreateJobOptions, JobRepository, ListJobsOptions } from "./repository";
import {
  applyPlan,
  byNextCheck,
  type CompanionWrites,
  companionsWithOutbox,
  type JobWritePlan,
  newJobRecord,
  planApplies,
  planTransition,
  planUpdate,
  type TransitionInput,
  type UpdateInput,
} from "./rules";
import type { JobStatus } from "./status";

type Item = Record<string, NativeAttributeValue>;
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

const idempotencyItemSchema = z.object({
  jobId: z.string(),
  requestHash: z.string(),
  expiresAt: z.number(),
});
const generationPointerSchema = z.object({ jobId: z.string() });
const censusItemSchema = jobRecordSchema.pick({ status: true, createdAt: true });

const TRANSACTION_CONFLICT_RETRIES = 5;

/** The generation a write records, pointed at its job. */
interface GenerationLink {
  jobId: string;
  pixverseId: string;
}

const backOffFromConflict = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));

/** Why a transaction was cancelled: the index of each item whose condition failed, and whether any conflicted. */
function cancellation(error: TransactionCanceledException) {
  const reasons = error.CancellationReasons ?? [];
  return {
    failed: (index: number) => reasons[index]?.Code === "ConditionalCheckFailed",
    conflicted: reasons.some((reason) => reason.Code === "TransactionConflict"),
  };
}

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
    const companions = this.companionItems(options.companions);

    if (options.idempotencyKey === undefined && companions.items.length === 0) {
      await this.dynamo.send(new PutCommand(put));
      return { job: record, created: true };
    }

    const idempotencyKey =
      options.idempotencyKey === undefined
        ? undefined
        : itemKeys.idempotency(job.tenantId, options.idempotencyKey);
    const transactItems: TransactItem[] = [{ Put: put }];
    if (idempotencyKey) {
      transactItems.push({
        Put: {
          TableName: this.tableName,
          Item: { ...idempotencyKey, ...newIdempotencyRecord(record.id, options.requestHash, now) },
          // An expired key may still be there: TTL deletes lazily.
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
          ExpressionAttributeValues: { ":now": epochSeconds(now) },
        },
      });
    }
    const firstCompanion = transactItems.length;
    transactItems.push(...companions.items);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dynamo.send(new TransactWriteCommand({ TransactItems: transactItems }));
        return { job: record, created: true };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const { failed, conflicted } = cancellation(error);
        if (failed(0)) throw new Error(`job id ${record.id} already exists`);
        if (idempotencyKey && failed(1)) {
          const existing = await this.existingForKey(idempotencyKey, options.requestHash, now);
          if (existing) return { job: existing, created: false };
        } else {
          companions.throwConflict(failed, firstCompanion);
          if (!conflicted) throw error;
        }
        // A concurrent request with the same key is mid-write, or its key just expired: try again.
        if (attempt >= TRANSACTION_CONFLICT_RETRIES) throw error;
        await backOffFromConflict(attempt);
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
    const { status, type, limit } = options;
    assertListLimit(limit);
    const range = jobIdRange(options, options.cursor ? decodeListCursor(options.cursor) : undefined);
    if (!range) return { jobs: [], nextCursor: null };
    // Status and creation time are key ranges (ids are ULIDs); only the type is a filter.
    const index = status ? GSI.byTenantStatus : GSI.byTenant;
    const sortKey = (id: string) => (status ? statusSortKey(status, id) : id);
    const base: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: "#pk = :tenant AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: {
        "#pk": index.partitionKey,
        "#sk": index.sortKey,
        ...(type ? { "#type": "type" } : {}),
      },
      ExpressionAttributeValues: {
        ":tenant": tenantId,
        ":from": sortKey(range.from),
        ":to": sortKey(range.to),
        ...(type ? { ":type": type } : {}),
      },
      ...(type ? { FilterExpression: "#type = :type" } : {}),
      ScanIndexForward: false,
    };
    let startKey: Item | undefined = range.startAfter
      ? {
          ...itemKeys.job(range.startAfter),
          [index.partitionKey]: tenantId,
          [index.sortKey]: sortKey(range.startAfter),
        }
      : undefined;

    // One match more than asked says whether another page exists, so the last page has no cursor. A
    // filtered look reads at most MAX_LIST_EXAMINED jobs (DynamoDB's Limit counts those read).
    const matches: Item[] = [];
    let examined = 0;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          ...base,
          Limit: type ? MAX_LIST_EXAMINED - examined : limit + 1 - matches.length,
          ExclusiveStartKey: startKey,
        }),
      );
      matches.push(...(page.Items ?? []));
      examined += page.ScannedCount ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey && matches.length <= limit && examined < MAX_LIST_EXAMINED);

    // The last key read is the job item's own key: JOB#<id>.
    const stoppedAt =
      type && startKey && examined >= MAX_LIST_EXAMINED
        ? String(startKey.pk).slice("JOB#".length)
        : undefined;
    return listPage(
      matches.map((item) => jobRecordSchema.parse(item)),
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

  private async write(id: string, plan: JobWritePlan): Promise<JobRecord | null> {
    const link =
      plan.set.pixverseId === undefined ? undefined : { jobId: id, pixverseId: plan.set.pixverseId };
    if (plan.outbox) return this.writeWithOutbox(id, plan, link);
    const update = this.updateOf(id, plan);
    if (!plan.companions && !link) {
      try {
        const { Attributes } = await this.dynamo.send(
          new UpdateCommand({ ...update, ReturnValues: "ALL_NEW" }),
        );
        return jobRecordSchema.parse(Attributes);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      }
    }
    const companions = this.companionItems(plan.companions, link);
    // Pinned to the version the writer read, the job as written is known without reading it back
    // (a transaction answers nothing); once the job is found moved, the write is made as without it.
    let base = plan.base && planApplies(plan.base, plan) ? plan.base : undefined;
    for (let attempt = 0; ; attempt++) {
      const jobUpdate = base ? this.updateOf(id, { ...plan, expectVersion: base.version }) : update;
      try {
        await this.dynamo.send(
          new TransactWriteCommand({ TransactItems: [{ Update: jobUpdate }, ...companions.items] }),
        );
        return base ? applyPlan(base, plan) : this.getById(id);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const { failed, conflicted } = cancellation(error);
        await companions.throwLinkConflict(failed, 1);
        if (failed(0) && base) {
          base = undefined;
          continue;
        }
        if (failed(0)) return null;
        companions.throwConflict(failed, 1);
        if (!conflicted || attempt >= TRANSACTION_CONFLICT_RETRIES) throw error;
        await backOffFromConflict(attempt);
      }
    }
  }

  /**
   * A write whose outbox is made from the job as written: the job is read, the write planned on it and
   * made conditional on the version read, so the outbox holds exactly the state committed. A writer
   * that got in between (the version moved) only means reading again; a status that no longer allows
   * the write answers null, as any write does.
   */
  private async writeWithOutbox(
    id: string,
    plan: JobWritePlan,
    link: GenerationLink | undefined,
  ): Promise<JobRecord | null> {
    for (let attempt = 0; ; attempt++) {
      // The job as the writer read it, first; as stored once a write found it moved.
      const stored =
        attempt === 0 && plan.base && planApplies(plan.base, plan) ? plan.base : await this.getById(id);
      if (!stored || !planApplies(stored, plan)) return null;
      const written = applyPlan(stored, plan);
      const update = this.updateOf(id, { ...plan, expectVersion: stored.version });
      const companions = this.companionItems(companionsWithOutbox(plan, written), link);
      try {
        await this.dynamo.send(
          new TransactWriteCommand({ TransactItems: [{ Update: update }, ...companions.items] }),
        );
        return written;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const { failed, conflicted } = cancellation(error);
        await companions.throwLinkConflict(failed, 1);
        if (!failed(0)) companions.throwConflict(failed, 1);
        if ((!failed(0) && !conflicted) || attempt >= TRANSACTION_CONFLICT_RETRIES) throw error;
        await backOffFromConflict(attempt);
      }
    }
  }

  /** The job's own conditional UpdateItem for a plan: from its statuses (and version), to its status. */
  private updateOf(id: string, plan: JobWritePlan): UpdateCommandInput & { UpdateExpression: string } {
    const set: Item = { ...plan.set, ...(plan.touch ? { updatedAt: plan.now } : {}) };
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
    return {
      TableName: this.tableName,
      Key: itemKeys.job(id),
      UpdateExpression:
        `SET ${assignments.join(", ")}` +
        (plan.remove.length > 0 ? ` REMOVE ${plan.remove.map((field) => `#${field}`).join(", ")}` : ""),
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  /**
   * A write's companions as transaction items, with a way to turn a failed condition on one of them
   * (a claimed item that exists) into the CompanionConflictError naming it. A write that records a
   * PixVerse id commits the generation -> job pointer with it, so a webhook for a generation pixpipe
   * knows always finds its job; a pointer to another job is a PixverseIdConflictError.
   */
  private companionItems(companions: CompanionWrites | undefined, link?: GenerationLink) {
    const claims = companions?.claim ?? [];
    const items: TransactItem[] = [
      ...claims.map(
        ({ key, item }): TransactItem => ({
          Put: {
            TableName: this.tableName,
            Item: { ...item, ...key },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        }),
      ),
      ...(companions?.release ?? []).map(
        (key): TransactItem => ({ Delete: { TableName: this.tableName, Key: key } }),
      ),
      ...(companions?.add ?? []).map(({ key, values }): TransactItem => {
        const names = Object.keys(values);
        return {
          Update: {
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `ADD ${names.map((_, i) => `#a${i} :a${i}`).join(", ")}`,
            ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
            ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:a${i}`, values[name]])),
          },
        };
      }),
      ...(companions?.put ?? []).map(
        ({ key, item }): TransactItem => ({ Put: { TableName: this.tableName, Item: { ...item, ...key } } }),
      ),
    ];
    const linkIndex = items.length;
    if (link) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...itemKeys.generation(link.pixverseId), jobId: link.jobId },
          ConditionExpression: "attribute_not_exists(pk) OR jobId = :jobId",
          ExpressionAttributeValues: { ":jobId": link.jobId },
        },
      });
    }
    return {
      items,
      throwLinkConflict: async (failed: (index: number) => boolean, offset: number): Promise<void> => {
        if (!link || !failed(offset + linkIndex)) return;
        const linked = await this.generationPointer(link.pixverseId);
        throw new PixverseIdConflictError(link.pixverseId, linked ?? "unknown");
      },
      throwConflict(failed: (index: number) => boolean, offset: number): void {
        const index = claims.findIndex((_, i) => failed(offset + i));
        if (index >= 0) throw new CompanionConflictError(claims[index]!.key);
      },
    };
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
    const items = await queryDueShards(this.dynamo, this.tableName, dueShards, now, limit);
    return items
      .map((item) => jobRecordSchema.parse(item))
      .sort(byNextCheck)
      .slice(0, limit);
  }

  /**
   * Every job in the due index (each non-terminal job is in it, and terminal ones with an unsent
   * event), every page of every shard, projected to the two attributes counted. The projection saves
   * transfer, not cost: a query is billed for the whole items it reads, 1 read unit per 8 KB.
   */
  async activeJobCensus(): Promise<ActiveJobCensus> {
    const shardJobs = await Promise.all(
      dueShards.map(async (shard) => {
        const jobs: { status: JobStatus; createdAt: string }[] = [];
        let startKey: Item | undefined;
        do {
          const page = await this.dynamo.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: GSI.due.name,
              KeyConditionExpression: "#shard = :shard",
              ProjectionExpression: "#status, createdAt",
              ExpressionAttributeNames: { "#shard": GSI.due.partitionKey, "#status": "status" },
              ExpressionAttributeValues: { ":shard": shard },
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of page.Items ?? []) jobs.push(censusItemSchema.parse(item));
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        return jobs;
      }),
    );
    return takeActiveJobCensus(shardJobs.flat());
  }

  async oldestQueued(tenantId: string, limit: number): Promise<JobRecord[]> {
    const { Items } = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI.byTenantStatus.name,
        KeyConditionExpression: "#pk = :tenant AND begins_with(#sk, :queued)",
        ExpressionAttributeNames: {
          "#pk": GSI.byTenantStatus.partitionKey,
          "#sk": GSI.byTenantStatus.sortKey,
        },
        ExpressionAttributeValues: { ":tenant": tenantId, ":queued": "queued#" },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => jobRecordSchema.parse(item));
  }

  async putMarker(key: ItemKey, at: string): Promise<void> {
    await this.dynamo.send(new PutCommand({ TableName: this.tableName, Item: { ...key, at } }));
  }

  async clearMarker(key: ItemKey, olderThan: string): Promise<void> {
    try {
      await this.dynamo.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: "#at < :olderThan",
          ExpressionAttributeNames: { "#at": "at" },
          ExpressionAttributeValues: { ":olderThan": olderThan },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async readItems(pk: string): Promise<{ key: ItemKey; item: Record<string, unknown> }[]> {
    const entries: { key: ItemKey; item: Record<string, unknown> }[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": pk },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const { pk: itemPk, sk, ...item } of page.Items ?? []) {
        entries.push({ key: { pk: String(itemPk), sk: String(sk) }, item });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
