import * as z from "zod";
import { itemKeys } from "../table";

/** A UTC calendar day, YYYY-MM-DD (a real date). */
export const usageDaySchema = z.iso.date();

/** What the lifecycle counts per tenant, UTC day of the job's creation, and job type. */
export const JOB_COUNTERS = ["created", "succeeded", "failed", "cancelled"] as const;
export type JobCounter = (typeof JOB_COUNTERS)[number];

/** Amounts to add: job counts (whole numbers) and PixVerse credits. */
export type UsageCounts = { [K in JobCounter]?: number } & { credits?: number };

/** One counter item as read: every counter present (0 until first added to). */
export interface UsageRecord {
  tenantId: string;
  day: string;
  type: string;
  jobs: Record<JobCounter, number>;
  credits: number;
}

/** The day a job counts on: the UTC day it was created, also for its outcome and its credits. */
export const usageDayOf = (createdAt: string): string => new Date(createdAt).toISOString().slice(0, 10);

/** What an increment adds to, as DynamoDB's UpdateItem (and a transaction's Update) take it. */
export interface UsageUpdate {
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, number>;
}

export interface UsageIncrement {
  tenantId: string;
  day: string;
  type: string;
  /** Only the non-zero amounts. */
  counts: UsageCounts;
  /** `{ TableName, ...update }` adds the amounts atomically, creating the item if need be. */
  update: UsageUpdate;
}

const COUNTS: readonly (JobCounter | "credits")[] = [...JOB_COUNTERS, "credits"];

/**
 * What a job's write adds to its tenant's usage: the counter item of the job's tenant, creation day
 * and type, and the ADD expression for it. The one definition the writer (the job lifecycle) and the
 * reader (UsageRepository) share.
 */
export function usageIncrement(
  job: { tenantId: string; type: string; createdAt: string },
  counts: UsageCounts,
): UsageIncrement {
  const added = COUNTS.filter((name) => (counts[name] ?? 0) !== 0);
  for (const name of added) {
    const value = counts[name]!;
    const valid =
      name === "credits" ? Number.isFinite(value) && value > 0 : Number.isInteger(value) && value > 0;
    if (!valid)
      throw new RangeError(`${name} must be a positive ${name === "credits" ? "number" : "integer"}`);
  }
  if (added.length === 0) throw new RangeError("a usage increment adds to at least one counter");
  const day = usageDayOf(job.createdAt);
  return {
    tenantId: job.tenantId,
    day,
    type: job.type,
    counts: Object.fromEntries(added.map((name) => [name, counts[name]])),
    update: {
      Key: itemKeys.usage(job.tenantId, day, job.type),
      UpdateExpression: `ADD ${added.map((name) => `#${name} :${name}`).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(added.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(added.map((name) => [`:${name}`, counts[name]!])),
    },
  };
}

/** A counter item's sort key range for the days from..to (inclusive), every job type. */
export function usageSortKeyRange(range: UsageRange): { from: string; to: string } {
  const prefix = (day: string) => itemKeys.usage("", day, "").sk;
  // Job types are lowercase and '_'; '~' sorts after all of them.
  return { from: prefix(range.from), to: `${prefix(range.to)}~` };
}

const counterItemSchema = z.object({
  pk: z.string().startsWith("USAGE#"),
  sk: z.string().regex(/^DAY#\d{4}-\d{2}-\d{2}#.+$/),
  ...Object.fromEntries(COUNTS.map((name) => [name, z.number().nonnegative().default(0)])),
});

/** A counter item as stored (keys and counters) read back; absent counters are 0. */
export function usageRecordOf(item: Record<string, unknown>): UsageRecord {
  const parsed = counterItemSchema.parse(item) as { pk: string; sk: string } & Record<
    JobCounter | "credits",
    number
  >;
  const [, day, type] = parsed.sk.split("#") as [string, string, string];
  return {
    tenantId: parsed.pk.slice("USAGE#".length),
    day,
    type,
    jobs: Object.fromEntries(JOB_COUNTERS.map((name) => [name, parsed[name]])) as Record<JobCounter, number>,
    credits: parsed.credits,
  };
}

export interface UsageRange {
  from: string;
  to: string;
}

/** The longest range one usage report covers. */
export const MAX_USAGE_DAYS = 366;
const DAY_MS = 86_400_000;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Every day from..to, both included. */
export function eachDay(range: UsageRange): string[] {
  const days: string[] = [];
  for (let n = dayNumber(range.from); n <= dayNumber(range.to); n++) days.push(dayOfNumber(n));
  return days;
}

/** The range when none is asked for: the 30 days up to today (UTC). */
export function defaultUsageRange(now: Date, given: Partial<UsageRange> = {}): UsageRange {
  const to = given.to ?? now.toISOString().slice(0, 10);
  return { from: given.from ?? dayOfNumber(dayNumber(to) - 29), to };
}

/** What is wrong with a range (each day is already a valid YYYY-MM-DD): an empty list if nothing. */
export function usageRangeIssues(range: UsageRange): { path: string; message: string }[] {
  const span = dayNumber(range.to) - dayNumber(range.from) + 1;
  if (span < 1) return [{ path: "from", message: `must not be after to (${range.to})` }];
  if (span > MAX_USAGE_DAYS) {
    return [
      { path: "to", message: `the range may cover at most ${MAX_USAGE_DAYS} days; this one covers ${span}` },
    ];
  }
  return [];
}

export const USAGE_GROUPINGS = ["day", "type", "tenant"] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

export interface UsageFigures {
  jobs: Record<JobCounter, number>;
  credits: number;
}

export interface UsageReport extends UsageRange {
  /** The tenant reported on; null for every tenant together. */
  tenantId: string | null;
  groupBy: UsageGrouping;
  /** By day: every day of the range, oldest first. By type or tenant: those with usage, by name. */
  groups: (UsageFigures & { key: string })[];
  totals: UsageFigures;
}

const noFigures = (): UsageFigures => ({
  jobs: { created: 0, succeeded: 0, failed: 0, cancelled: 0 },
  credits: 0,
});

function add(into: UsageFigures, record: UsageFigures): void {
  for (const name of JOB_COUNTERS) into.jobs[name] += record.jobs[name];
  into.credits += record.credits;
}

/** Sums counter items into groups and totals. */
export function usageReport(
  records: readonly UsageRecord[],
  options: UsageRange & { groupBy: UsageGrouping; tenantId: string | null },
): UsageReport {
  const groups = new Map<string, UsageFigures>();
  if (options.groupBy === "day") for (const day of eachDay(options)) groups.set(day, noFigures());
  const totals = noFigures();
  for (const record of records) {
    const key =
      options.groupBy === "day" ? record.day : options.groupBy === "type" ? record.type : record.tenantId;
    const group = groups.get(key) ?? noFigures();
    groups.set(key, group);
    add(group, record);
    add(totals, record);
  }
  return {
    tenantId: options.tenantId,
    from: options.from,
    to: options.to,
    groupBy: options.groupBy,
    groups: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, figures]) => ({ key, ...figures })),
    totals,
  };
}
