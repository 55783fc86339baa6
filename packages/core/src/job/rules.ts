import * as z from "zod";
import type { ItemKey } from "../table";
import { InvalidTransitionError, JobWriteRejectedError } from "./errors";
import { type JobRecord, jobRecordSchema, type NewJob } from "./job";
import { canTransition, isTerminal, type JobStatus } from "./status";

// The rules every job write obeys, as plain functions: each repository adapter applies them the same
// way (DynamoDB as a conditional UpdateItem, the in-memory one to a copy of the record).

/** Fields a write may set; status, identity and timestamps belong to the repository. */
export type MutableJobFields = Pick<
  JobRecord,
  | "traceId"
  | "earlierGenerations"
  | "pixverseId"
  | "credits"
  | "resultUrl"
  | "output"
  | "error"
  | "attempts"
  | "nextCheckAt"
  | "eventPending"
  | "eventError"
  | "stage"
  | "reason"
  | "slots"
  | "claimedUntil"
  | "notBefore"
  | "submitUnanswered"
  | "media"
>;
// Checked at run time too: whatever a caller passes is validated before it is stored.
const mutableFieldsSchema = jobRecordSchema
  .pick({
    traceId: true,
    earlierGenerations: true,
    pixverseId: true,
    credits: true,
    resultUrl: true,
    output: true,
    error: true,
    attempts: true,
    nextCheckAt: true,
    eventPending: true,
    eventError: true,
    stage: true,
    reason: true,
    slots: true,
    claimedUntil: true,
    notBefore: true,
    submitUnanswered: true,
    media: true,
  })
  .partial()
  .strict();
const removableFieldSchema = z.enum([
  "pixverseId",
  "credits",
  "resultUrl",
  "error",
  "nextCheckAt",
  "eventPending",
  "stage",
  "reason",
  "slots",
  "claimedUntil",
  "notBefore",
  "submitUnanswered",
]);
export type RemovableJobField = z.infer<typeof removableFieldSchema>;

/** An item of the table written in the same transaction as a job, named by its key. */
export interface CompanionItem {
  key: ItemKey;
  item: Record<string, unknown>;
}

/**
 * Writes that commit with the job's own write or not at all: the outbox and counters of the job's
 * change. `claim` items must not exist yet (a generation slot: taking one another job holds fails the
 * whole write with CompanionConflictError); `release` items are deleted; `add` adds to counters;
 * `put` writes items as they are. One operation per item (DynamoDB's rule for a transaction).
 */
export interface CompanionWrites {
  claim?: readonly CompanionItem[];
  release?: readonly ItemKey[];
  add?: readonly { key: ItemKey; values: Readonly<Record<string, number>> }[];
  put?: readonly CompanionItem[];
}

interface WriteFields {
  /**
   * The job as the writer read it. A transactional write (one with companions) then commits only if
   * the job is still at that version and answers the job as written without reading it back; if the
   * job moved since, the write is made as without it.
   */
  base?: JobRecord;
  set?: Partial<MutableJobFields>;
  remove?: readonly RemovableJobField[];
  /** Also require this `version` (optimistic lock against a concurrent writer in the same status). */
  expectVersion?: number;
  now?: Date;
  companions?: CompanionWrites;
  /**
   * false for bookkeeping the job's user cannot see (its event's delivery, when the poller looks next):
   * updatedAt stays the time of the job's last visible change.
   */
  touch?: boolean;
}

export interface TransitionInput extends WriteFields {
  /** Allowed current statuses; the write happens only if the job is in one of them. */
  from: readonly JobStatus[];
  to: JobStatus;
  /**
   * Items made from the job exactly as this write leaves it, put in the same transaction: the outbox
   * of what the change announces (a webhook delivery carries the event of the very state committed).
   */
  outbox?: Outbox;
}

/** Builds a transition's outbox items from the job as written. */
export type Outbox = (written: JobRecord) => readonly CompanionItem[];

export interface UpdateInput extends WriteFields {
  /** The write happens only if the job is (still) in this status. */
  expectStatus: JobStatus;
}

/** A validated write: the job must be in one of `from` (and at `expectVersion`); it ends in `to`. */
export interface JobWritePlan {
  from: readonly JobStatus[];
  to: JobStatus;
  set: Partial<MutableJobFields>;
  remove: RemovableJobField[];
  expectVersion?: number;
  /** ISO-8601: when the write happens (the new updatedAt, unless `touch` is false). */
  now: string;
  /** Whether updatedAt moves to `now`. */
  touch: boolean;
  companions?: CompanionWrites;
  outbox?: Outbox;
  base?: JobRecord;
}

/**
 * The due-index rules: a non-terminal job always keeps a nextCheckAt (so the poller re-drives it
 * whatever dies); a terminal job keeps one only while its event is pending. `entering` is true when
 * the write moves the job into `status`.
 */
function applyDueRules(status: JobStatus, input: WriteFields, now: string, entering: boolean) {
  const set = mutableFieldsSchema.parse(input.set ?? {});
  const remove = new Set(removableFieldSchema.array().parse(input.remove ?? []));
  if (!isTerminal(status)) {
    if (remove.has("nextCheckAt"))
      throw new JobWriteRejectedError(`a ${status} job must keep its nextCheckAt`);
  } else {
    if (entering) {
      // Progress, slots and claims belong to jobs that are not terminal.
      for (const field of PROGRESS_FIELDS) {
        delete set[field];
        remove.add(field);
      }
    }
    if (set.eventPending === true) {
      set.nextCheckAt ??= now;
      remove.delete("nextCheckAt");
    } else if (entering || set.eventPending === false || remove.has("eventPending")) {
      delete set.eventPending;
      delete set.nextCheckAt;
      remove.add("eventPending");
      remove.add("nextCheckAt");
    }
  }
  for (const field of Object.keys(set) as (keyof MutableJobFields)[]) {
    if (set[field] === undefined) delete set[field];
  }
  return { set, remove: [...remove].filter((field) => !(field in set)) };
}

const PROGRESS_FIELDS = ["stage", "reason", "slots", "claimedUntil", "notBefore"] as const;

/** A status change, checked against the state machine (InvalidTransitionError for a forbidden pair). */
export function planTransition(input: TransitionInput): JobWritePlan {
  if (input.from.length === 0) throw new JobWriteRejectedError("transition needs at least one source status");
  for (const from of input.from) {
    if (!canTransition(from, input.to)) throw new InvalidTransitionError(from, input.to);
  }
  const now = (input.now ?? new Date()).toISOString();
  return withVersion(input, {
    from: input.from,
    to: input.to,
    now,
    touch: true,
    ...applyDueRules(input.to, input, now, true),
    ...(input.outbox ? { outbox: input.outbox } : {}),
  });
}

/** A plan's companions with its outbox items, made from the job as the plan leaves it, put too. */
export function companionsWithOutbox(plan: JobWritePlan, written: JobRecord): CompanionWrites | undefined {
  const outbox = plan.outbox?.(written) ?? [];
  if (outbox.length === 0) return plan.companions;
  return { ...plan.companions, put: [...(plan.companions?.put ?? []), ...outbox] };
}

/** Changed fields without a status change. */
export function planUpdate(input: UpdateInput): JobWritePlan {
  const now = (input.now ?? new Date()).toISOString();
  const status = input.expectStatus;
  return withVersion(input, {
    from: [status],
    to: status,
    now,
    touch: input.touch ?? true,
    ...applyDueRules(status, input, now, false),
  });
}

function withVersion(input: WriteFields, plan: JobWritePlan): JobWritePlan {
  return {
    ...plan,
    ...(input.expectVersion === undefined ? {} : { expectVersion: input.expectVersion }),
    ...(input.base ? { base: input.base } : {}),
    ...(hasCompanions(input.companions) ? { companions: input.companions } : {}),
  };
}

export function hasCompanions(companions: CompanionWrites | undefined): companions is CompanionWrites {
  return (
    !!companions &&
    [companions.claim, companions.release, companions.add, companions.put].some(
      (list) => (list?.length ?? 0) > 0,
    )
  );
}

/** The key of a companion item as one string, for in-memory maps and messages. */
export function itemKeyString(key: ItemKey): string {
  return `${key.pk}\u0000${key.sk}`;
}

/** Whether the stored job meets the plan's condition (its status, and its version if one is expected). */
export function planApplies(job: JobRecord, plan: JobWritePlan): boolean {
  return (
    plan.from.includes(job.status) && (plan.expectVersion === undefined || job.version === plan.expectVersion)
  );
}

/** The job after a write whose condition held: fields set and removed, status, version and updatedAt. */
export function applyPlan(job: JobRecord, plan: JobWritePlan): JobRecord {
  const next: Record<string, unknown> = { ...job, ...structuredClone(plan.set) };
  for (const field of plan.remove) delete next[field];
  return jobRecordSchema.parse({
    ...next,
    status: plan.to,
    version: job.version + 1,
    updatedAt: plan.touch ? plan.now : job.updatedAt,
  });
}

/** The stored form of a new job: version 1, and due at once if it is queued or owes its event. */
export function newJobRecord(job: NewJob, now: Date): JobRecord {
  const at = now.toISOString();
  const status = job.status ?? "queued";
  const dueAt = status === "queued" || job.eventPending ? (job.nextCheckAt ?? at) : undefined;
  const queued =
    status === "queued"
      ? {
          stage: job.stage ?? "queued",
          ...(job.slots ? { slots: job.slots } : {}),
          ...(job.claimedUntil ? { claimedUntil: job.claimedUntil } : {}),
        }
      : {};
  return jobRecordSchema.parse({
    id: job.id,
    tenantId: job.tenantId,
    type: job.type,
    status,
    input: job.input,
    metadata: job.metadata,
    createdAt: at,
    updatedAt: at,
    version: 1,
    traceId: job.traceId,
    attempts: 0,
    ...(job.error ? { error: job.error } : {}),
    ...(dueAt ? { nextCheckAt: dueAt } : {}),
    ...(job.eventPending ? { eventPending: true } : {}),
    ...(job.warnings?.length ? { warnings: job.warnings } : {}),
    ...(job.retry ? { retry: job.retry } : {}),
    ...(job.webhook ? { webhook: job.webhook } : {}),
    ...queued,
  } satisfies JobRecord);
}

/** Whether the poller should look at the job at `now`. */
export function isDue(job: Pick<JobRecord, "nextCheckAt">, now: Date): boolean {
  return job.nextCheckAt !== undefined && job.nextCheckAt <= now.toISOString();
}

/** Due work oldest first. */
export function byNextCheck(a: Pick<JobRecord, "nextCheckAt">, b: Pick<JobRecord, "nextCheckAt">): number {
  const x = a.nextCheckAt ?? "";
  const y = b.nextCheckAt ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}
