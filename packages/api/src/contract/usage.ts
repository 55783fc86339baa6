import { z } from "@hono/zod-openapi";
import { tenantIdSchema } from "@pixpipe/core/tenant";
import { MAX_USAGE_DAYS, USAGE_GROUPINGS, usageDaySchema, usageRangeIssues } from "@pixpipe/core/usage";

const UsageDaySchema = usageDaySchema.meta({ description: "A UTC day, YYYY-MM-DD.", example: "2026-03-01" });

export const UsageQuerySchema = z
  .object({
    from: UsageDaySchema.optional().openapi({ description: "First day (default: 29 days before to)." }),
    to: UsageDaySchema.optional().openapi({ description: "Last day, included (default: today, UTC)." }),
    groupBy: z.enum(USAGE_GROUPINGS).default("day").openapi({
      description: "day: every day of the range; type: per job type; tenant: per tenant (for every tenant).",
    }),
    tenantId: tenantIdSchema.optional().openapi({
      description:
        "Admin keys only (another tenant than the key's): this tenant. An admin key that names none gets " +
        "every tenant together; any other key always gets its own tenant.",
    }),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from === undefined || query.to === undefined) return;
    for (const issue of usageRangeIssues({ from: query.from, to: query.to })) {
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    }
  });

const JobCountsSchema = z
  .object({
    created: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  })
  .openapi("UsageJobCounts", { description: "Jobs created in the period, and how many of them ended so." });

const FiguresSchema = {
  jobs: JobCountsSchema,
  credits: z.number().openapi({ description: "PixVerse credits the jobs spent, as PixVerse reported them." }),
};

export const UsageReportSchema = z
  .object({
    tenantId: tenantIdSchema.nullable().openapi({ description: "null: every tenant together." }),
    from: UsageDaySchema,
    to: UsageDaySchema,
    groupBy: z.enum(USAGE_GROUPINGS),
    groups: z.array(
      z.object({
        key: z.string().openapi({ description: "The day, job type or tenant id.", example: "2026-03-01" }),
        ...FiguresSchema,
      }),
    ),
    totals: z.object(FiguresSchema),
  })
  .openapi("UsageReport", {
    description:
      `Usage of at most ${MAX_USAGE_DAYS} days. A job counts on the UTC day it was created, its outcome and ` +
      "credits too. By day every day of the range is listed; by type and tenant those with usage.",
  });

export type UsageQueryParams = z.infer<typeof UsageQuerySchema>;
export type UsageReport = z.infer<typeof UsageReportSchema>;
