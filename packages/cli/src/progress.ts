import type { Job } from "@pixpipe/client";
import ora, { type Ora } from "ora";
import pc from "picocolors";
import { describeState, elapsedSince } from "./format";

/**
 * The live view of one job: a spinner with its status, stage, reason and elapsed time on a terminal;
 * one plain line per change otherwise (logs, pipes, CI). Elapsed time counts from the job's creation.
 */
export interface JobProgressView {
  update(job: Job): void;
  /** A line of its own (an upload, a notice), above the spinner. */
  note(line: string): void;
  /** Clears the spinner so that a prompt can use the terminal; the next update draws it again. */
  pause(): void;
  /** The job ended: the spinner becomes a final line. */
  finish(job: Job): void;
}

export function createProgressView(stream: NodeJS.WriteStream, fancy: boolean): JobProgressView {
  return fancy ? new SpinnerView(stream) : new PlainView(stream);
}

class SpinnerView implements JobProgressView {
  private readonly spinner: Ora;
  private job: Job | undefined;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream) {
    // Ora hides the cursor and restores it on exit; it owns SIGINT only when asked (it is not here).
    this.spinner = ora({ stream, isEnabled: true, discardStdin: false });
    this.ticker = setInterval(() => this.render(), 100);
    this.ticker.unref();
  }

  private text(job: Job) {
    return `${describeState(job)} ${pc.dim(`${elapsedSince(job.createdAt)} · job ${job.id}`)}`;
  }

  private render() {
    if (this.job && this.spinner.isSpinning) this.spinner.text = this.text(this.job);
  }

  update(job: Job) {
    this.job = job;
    if (!this.spinner.isSpinning) this.spinner.start(this.text(job));
    else this.render();
  }

  note(line: string) {
    if (this.spinner.isSpinning) {
      this.spinner.clear();
      this.stream.write(`${line}\n`);
      this.spinner.render();
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  pause() {
    if (this.spinner.isSpinning) this.spinner.stop();
  }

  finish(job: Job) {
    clearInterval(this.ticker);
    this.job = job;
    const text = this.text(job);
    if (job.status === "succeeded") this.spinner.succeed(text);
    else if (job.status === "failed") this.spinner.fail(text);
    else this.spinner.warn(text);
  }
}

class PlainView implements JobProgressView {
  private last: string | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(job: Job) {
    const state = describeState(job, true);
    if (state === this.last) return;
    this.last = state;
    this.stream.write(`${new Date().toISOString()} job ${job.id} ${state} +${elapsedSince(job.createdAt)}\n`);
  }

  note(line: string) {
    this.stream.write(`${line}\n`);
  }

  pause() {}

  finish(job: Job) {
    this.update(job);
  }
}
