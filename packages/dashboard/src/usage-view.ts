// What the usage page shows, from the URL and the API's reports (pure: the page renders it).
import type { UsageQuery, UsageReport } from "@pixpipe/client";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The report the URL asks for: a range of UTC days and, for admin keys, a tenant (none: every one). */
export interface UsageSelection {
  from?: string;
  to?: string;
  tenantId?: string;
}

/** The selection in a URL query; a malformed day is dropped (the API's default applies). */
export function usageSelection(search: string): UsageSelection {
  const params = new URLSearchParams(search);
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? { [name]: value } : {};
  };
  const tenantId = params.get("tenant");
  return { ...day("from"), ...day("to"), ...(tenantId ? { tenantId } : {}) };
}

export function usageSearch(selection: UsageSelection): string {
  const params = new URLSearchParams();
  if (selection.from) params.set("from", selection.from);
  if (selection.to) params.set("to", selection.to);
  if (selection.tenantId) params.set("tenant", selection.tenantId);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The API query of one report of the selection. */
export const usageQuery = (selection: UsageSelection, groupBy: UsageQuery["groupBy"]): UsageQuery => ({
  ...selection,
  groupBy,
});

export interface CreditBar {
  day: string;
  credits: number;
  jobs: number;
  /** The bar's height as a share of the tallest (0..1). */
  share: number;
}

/** One bar per day of a by-day report, scaled to the day that spent the most. */
export function creditBars(report: UsageReport): CreditBar[] {
  const most = Math.max(0, ...report.groups.map((group) => group.credits));
  return report.groups.map((group) => ({
    day: group.key,
    credits: group.credits,
    jobs: group.jobs.created,
    share: most > 0 ? group.credits / most : 0,
  }));
}
