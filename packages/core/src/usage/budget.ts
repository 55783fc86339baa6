import type { TenantLimits } from "../tenant";
import type { UsageRecord } from "./usage";

/** A credit budget that is spent: which one, how much, and when it starts again. */
export interface SpentBudget {
  period: "day" | "month";
  budget: number;
  spent: number;
  /** The next UTC day or month (ISO-8601), when the budget is whole again. */
  resetsAt: string;
  /** Whole seconds from now until resetsAt (for a Retry-After header). */
  retryAfterSeconds: number;
}

/** The UTC days a budget check reads: from the month's first (or today's) to today. */
export function budgetRange(limits: Pick<TenantLimits, "creditsPerDay" | "creditsPerMonth">, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const from = limits.creditsPerMonth !== undefined ? `${today.slice(0, 8)}01` : today;
  return { from, to: today };
}

/**
 * Whether a tenant's credits per day or per month (UTC) are spent, from the credits PixVerse reported
 * for its finished jobs: the first budget that is, or undefined. Jobs are counted by the day they were
 * created; jobs still running are not counted yet (PixVerse charges them when they finish), so the
 * budget can be passed by the cost of the jobs already accepted.
 */
export function spentBudget(
  limits: Pick<TenantLimits, "creditsPerDay" | "creditsPerMonth">,
  records: readonly UsageRecord[],
  now: Date,
): SpentBudget | undefined {
  const today = now.toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const sum = (match: (day: string) => boolean) =>
    records.filter((record) => match(record.day)).reduce((total, record) => total + record.credits, 0);
  const nextDay = new Date(`${today}T00:00:00.000Z`);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  const nextMonth = new Date(`${month}-01T00:00:00.000Z`);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const checks = [
    {
      period: "day" as const,
      budget: limits.creditsPerDay,
      spent: sum((day) => day === today),
      resetsAt: nextDay,
    },
    {
      period: "month" as const,
      budget: limits.creditsPerMonth,
      spent: sum((day) => day.startsWith(month)),
      resetsAt: nextMonth,
    },
  ];
  const spent = checks.find((check) => check.budget !== undefined && check.spent >= check.budget);
  if (spent?.budget === undefined) return undefined;
  return {
    period: spent.period,
    budget: spent.budget,
    spent: spent.spent,
    resetsAt: spent.resetsAt.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((spent.resetsAt.getTime() - now.getTime()) / 1000)),
  };
}
