export { budgetRange, type SpentBudget, spentBudget } from "./budget";
export { DynamoUsageRepository } from "./dynamo-usage-repository";
export { InMemoryUsageRepository } from "./memory-usage-repository";
export type { UsageRepository } from "./repository";
export {
  defaultUsageRange,
  eachDay,
  JOB_COUNTERS,
  type JobCounter,
  MAX_USAGE_DAYS,
  USAGE_GROUPINGS,
  type UsageCounts,
  type UsageFigures,
  type UsageGrouping,
  type UsageIncrement,
  type UsageRange,
  type UsageRecord,
  type UsageReport,
  type UsageUpdate,
  usageDayOf,
  usageDaySchema,
  usageIncrement,
  usageRangeIssues,
  usageReport,
} from "./usage";
