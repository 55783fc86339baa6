import type { JobStatus } from "@pixpipe/client";
import pc from "picocolors";
import type { CliContext } from "../context";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { endedError, followJob, reportInterrupted } from "../follow";
import { colorStatus, describeState, elapsedSince, formatBytes } from "../format";
import { firstItems } from "../pages";
import { defaultOutputPath, downloadOutput, printDownloaded } from "./run";

const STATUSES: JobStatus[] = ["queued", "generating", "archiving", "succeeded", "failed", "cancelled"];

export interface ListFlags {
  status?: string;
  limit: number;
  all?: boolean;
}

/** `pixpipe jobs list`: the newest jobs (one page by default, every page with --all). */
export async function listJobs(cli: CliContext, flags: ListFlags): Promise<ExitCode> {
  const status = flags.status;
  if (status !== undefined && !STATUSES.includes(status as JobStatus)) {
    throw new UsageError(`--status is one of ${STATUSES.join(", ")}`);
  }
  const client = await cli.client();
  const query = { limit: Math.min(flags.limit, 100), ...(status ? { status: status as JobStatus } : {}) };
  const jobs = await firstItems(client.jobs(query), flags.limit, flags.all);
  if (cli.json) {
    cli.printJson({ jobs });
    return EXIT.ok;
  }
  if (jobs.length === 0) {
    cli.print("no jobs");
    return EXIT.ok;
  }
  const rows = jobs.map((job) => [
    job.id,
    job.type,
    job.status,
    job.createdAt,
    `${elapsedSince(job.createdAt)} ago`,
  ]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  cli.print(
    pc.dim(["ID", "TYPE", "STATUS", "CREATED", "AGE"].map((h, i) => h.padEnd(widths[i] ?? 0)).join("  ")),
  );
  for (const [id, type, jobStatus, created, age] of rows) {
    const statusCell = colorStatus(jobStatus as JobStatus) + " ".repeat(widths[2]! - jobStatus!.length);
    cli.print(
      [id!.padEnd(widths[0]!), type!.padEnd(widths[1]!), statusCell, created!.padEnd(widths[3]!), age].join(
        "  ",
      ),
    );
  }
  return EXIT.ok;
}

/** `pixpipe jobs get <id>`. */
export async function getJob(cli: CliContext, id: string): Promise<ExitCode> {
  const job = await (await cli.client()).getJob(id);
  if (cli.json) {
    cli.printJson(job);
    return EXIT.ok;
  }
  const line = (label: string, value: string | undefined) => {
    if (value !== undefined) cli.print(`${pc.dim(label.padEnd(9))} ${value}`);
  };
  line("id", job.id);
  line("type", job.type);
  line("status", describeState(job));
  line("created", `${job.createdAt} (${elapsedSince(job.createdAt)} ago)`);
  line("updated", job.updatedAt);
  line(
    "pixverse",
    [
      job.pixverse.videoId && `video ${job.pixverse.videoId}`,
      `trace ${job.pixverse.traceId}`,
      job.pixverse.credits !== undefined && `${job.pixverse.credits} credits`,
    ]
      .filter(Boolean)
      .join(", "),
  );
  if (job.output) {
    line(
      "output",
      `s3://${job.output.bucket}/${job.output.key} (${job.output.contentType}, ${formatBytes(job.output.size)})`,
    );
    line("sha256", job.output.sha256);
  }
  if (job.error) line("error", `${job.error.code}: ${job.error.message}`);
  if (Object.keys(job.metadata).length > 0) line("metadata", JSON.stringify(job.metadata));
  line("input", JSON.stringify(job.input));
  return EXIT.ok;
}

/** `pixpipe jobs watch <id>`: live progress until the job ends; Ctrl-C only stops watching. */
export async function watchJob(cli: CliContext, id: string): Promise<ExitCode> {
  const client = await cli.client();
  const followed = await followJob(cli, client, await client.getJob(id), { onInterrupt: "leave" });
  if (followed.interrupted) {
    reportInterrupted(cli, followed);
    return EXIT.interrupted;
  }
  if (cli.json) cli.printJson(followed.job);
  const ended = endedError(followed.job);
  if (ended) throw ended;
  return EXIT.ok;
}

/** `pixpipe jobs cancel <id>`. */
export async function cancelJob(cli: CliContext, id: string): Promise<ExitCode> {
  const job = await (await cli.client()).cancelJob(id);
  if (cli.json) cli.printJson(job);
  else cli.print(`job ${job.id} ${colorStatus(job.status)}`);
  return EXIT.ok;
}

/** `pixpipe jobs download <id> [-o path]`: the archived video, verified against the job's SHA-256. */
export async function downloadJob(
  cli: CliContext,
  id: string,
  flags: { output?: string },
): Promise<ExitCode> {
  const client = await cli.client();
  const job = await client.getJob(id);
  const file = await downloadOutput(client, job, flags.output ?? defaultOutputPath(job));
  if (cli.json) cli.printJson({ job, file });
  else printDownloaded(cli, file);
  return EXIT.ok;
}
