import type { UsageQuery } from "@pixpipe/client";
import type { CliContext } from "../context";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { formatTable } from "../format";

const GROUPINGS = ["day", "type", "tenant"] as const;

/** `pixpipe usage [--from --to --group-by --tenant]`: jobs by status and credits, with totals. */
export async function usage(
  cli: CliContext,
  flags: { from?: string; to?: string; groupBy: string; tenant?: string },
): Promise<ExitCode> {
  if (!GROUPINGS.includes(flags.groupBy as (typeof GROUPINGS)[number])) {
    throw new UsageError(`--group-by is one of ${GROUPINGS.join(", ")}`);
  }
  const query: UsageQuery = {
    groupBy: flags.groupBy as (typeof GROUPINGS)[number],
    ...(flags.from ? { from: flags.from } : {}),
    ...(flags.to ? { to: flags.to } : {}),
    ...(flags.tenant ? { tenantId: flags.tenant } : {}),
  };
  const report = await (await cli.client()).usage(query);
  if (cli.json) {
    cli.printJson(report);
    return EXIT.ok;
  }
  cli.print(
    `${report.tenantId === null ? "every tenant" : `tenant ${report.tenantId}`}, ${report.from} to ${report.to} (UTC)`,
  );
  const figures = (key: string, { jobs, credits }: typeof report.totals) => [
    key,
    ...[jobs.created, jobs.succeeded, jobs.failed, jobs.cancelled, credits].map(String),
  ];
  const header = [report.groupBy.toUpperCase(), "CREATED", "SUCCEEDED", "FAILED", "CANCELLED", "CREDITS"];
  const rows = [...report.groups.map((group) => figures(group.key, group)), figures("total", report.totals)];
  for (const line of formatTable(header, rows)) cli.print(line);
  return EXIT.ok;
}
