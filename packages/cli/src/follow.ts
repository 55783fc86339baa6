import { select } from "@inquirer/prompts";
import type { Job, PixpipeClient } from "@pixpipe/client";
import type { CliContext } from "./context";
import { JobEndedError } from "./errors";
import { createProgressView, type JobProgressView } from "./progress";

/** What the user chose after Ctrl-C. */
type InterruptChoice = "leave" | "cancel" | "resume";

export interface Followed {
  job: Job;
  /** Set when Ctrl-C ended the watch: the job was left running, or cancelled on request. */
  interrupted?: "leave" | "cancel";
}

export interface FollowOptions {
  /** `ask`: Ctrl-C on a terminal asks whether to cancel the job (pixpipe run); `leave`: just stop watching. */
  onInterrupt: "ask" | "leave";
  view?: JobProgressView;
}

/**
 * Shows a job's progress until it is terminal. Ctrl-C stops watching (the job goes on at the API),
 * then, for `ask` on a terminal, offers to leave the job running, cancel it, or keep watching.
 */
export async function followJob(
  cli: CliContext,
  client: PixpipeClient,
  start: Job,
  options: FollowOptions,
): Promise<Followed> {
  const view = options.view ?? createProgressView(cli.progressStream, cli.fancyProgress);
  let job = start;
  view.update(job);
  for (;;) {
    const interrupt = new AbortController();
    const onSigint = () => interrupt.abort();
    process.once("SIGINT", onSigint);
    try {
      for await (const state of client.watchJob(job.id, { signal: interrupt.signal })) {
        job = state;
        view.update(job);
      }
      view.finish(job);
      return { job };
    } catch (error) {
      // Whatever the watch was doing when Ctrl-C came (a pause, a request) ends with an abort.
      if (!interrupt.signal.aborted) throw error;
    } finally {
      process.off("SIGINT", onSigint);
    }

    view.pause();
    const choice = options.onInterrupt === "ask" && cli.interactive ? await ask(cli, job) : "leave";
    if (choice === "resume") continue;
    if (choice === "cancel") {
      job = await client.cancelJob(job.id);
      view.finish(job);
      return { job, interrupted: "cancel" };
    }
    return { job, interrupted: "leave" };
  }
}

async function ask(cli: CliContext, job: Job): Promise<InterruptChoice> {
  try {
    return await select<InterruptChoice>(
      {
        message: `Job ${job.id} is ${job.status}. Stop here?`,
        choices: [
          { name: "Leave it running and exit", value: "leave" },
          { name: "Cancel the job", value: "cancel" },
          { name: "Keep watching", value: "resume" },
        ],
      },
      { output: cli.progressStream },
    );
  } catch (error) {
    // A second Ctrl-C at the question: leave the job alone.
    if (error instanceof Error && error.name === "ExitPromptError") return "leave";
    throw error;
  }
}

/** A terminal job that did not succeed, as the error the command exits with. */
export function endedError(job: Job): JobEndedError | undefined {
  if (job.status === "failed") {
    return new JobEndedError(
      job.id,
      "failed",
      job.error?.code ?? "failed",
      job.error?.message ?? "the job failed",
    );
  }
  if (job.status === "cancelled")
    return new JobEndedError(job.id, "cancelled", "cancelled", "the job was cancelled");
  return undefined;
}

/** The lines (or JSON) printed when Ctrl-C left a job or cancelled it. */
export function reportInterrupted(cli: CliContext, followed: Followed): void {
  const { job } = followed;
  if (cli.json) {
    cli.printJson({ interrupted: followed.interrupted, job });
    return;
  }
  if (followed.interrupted === "cancel") cli.print(`cancelled job ${job.id}`);
  else cli.print(`job ${job.id} keeps running (${job.status}); follow it with: pixpipe jobs watch ${job.id}`);
}
