import { randomUUID } from "node:crypto";
import type { Job } from "@pixpipe/client";
import type { DownloadedFile, PixpipeNodeClient } from "@pixpipe/client/node";
import type { CliContext } from "../context";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { endedError, followJob, reportInterrupted } from "../follow";
import { formatBytes } from "../format";
import {
  buildJobRequest,
  checkMediaFlags,
  type InputFlags,
  isJobType,
  JOB_TYPE_NAMES,
  mediaResolver,
} from "../job-request";
import { createProgressView } from "../progress";

export interface RunFlags extends InputFlags {
  output?: string;
  download: boolean;
  idempotencyKey?: string;
}

/** The file name a job's output gets when -o is not given: `<job id>.mp4` (or .png, .jpg). */
export function defaultOutputPath(job: Job): string {
  const extension = { "image/png": ".png", "image/jpeg": ".jpg" }[job.output?.contentType ?? ""] ?? ".mp4";
  return `${job.id}${extension}`;
}

/** Downloads a succeeded job's output, verified against the SHA-256 the job recorded. */
export function downloadOutput(
  client: PixpipeNodeClient,
  job: Job,
  destination: string,
): Promise<DownloadedFile> {
  return client.downloadVideo(job.id, destination, { expectedSha256: job.output?.sha256 });
}

export function printDownloaded(cli: CliContext, file: DownloadedFile): void {
  cli.print(file.path);
  cli.print(`  size    ${file.size} bytes (${formatBytes(file.size)})`);
  cli.print(`  sha256  ${file.sha256}`);
}

/** `pixpipe run <type>`: upload local media, create the job, follow it, download the result. */
export async function run(cli: CliContext, type: string, flags: RunFlags): Promise<ExitCode> {
  if (!isJobType(type)) {
    throw new UsageError(`unknown job type "${type}"; one of: ${JOB_TYPE_NAMES.join(", ")}`);
  }
  checkMediaFlags(type, flags);
  const client = await cli.client();
  const view = createProgressView(cli.progressStream, cli.fancyProgress);

  // Ctrl-C before the API confirmed the job: say how to find it, since the request may have landed.
  const idempotencyKey = flags.idempotencyKey ?? `cli-${randomUUID()}`;
  const early = () => {
    cli.stderr.write(
      `\ninterrupted before the job was confirmed; if it was created, \`pixpipe jobs list\` shows it (idempotency key ${idempotencyKey})\n`,
    );
    process.exit(EXIT.interrupted);
  };
  process.once("SIGINT", early);
  let created: Job;
  try {
    const request = await buildJobRequest(
      type,
      flags,
      mediaResolver(client, (file) => view.note(`uploading ${file}`)),
    );
    created = await client.createJob(request, { idempotencyKey });
  } finally {
    process.off("SIGINT", early);
  }

  const followed = await followJob(cli, client, created, { onInterrupt: "ask", view });
  if (followed.interrupted) {
    reportInterrupted(cli, followed);
    return EXIT.interrupted;
  }
  const { job } = followed;
  const ended = endedError(job);
  if (ended) throw ended;

  if (!flags.download) {
    if (cli.json) cli.printJson({ job });
    else cli.print(`job ${job.id} succeeded; download it with: pixpipe jobs download ${job.id}`);
    return EXIT.ok;
  }
  const file = await downloadOutput(client, job, flags.output ?? defaultOutputPath(job));
  if (cli.json) cli.printJson({ job, file });
  else printDownloaded(cli, file);
  return EXIT.ok;
}
