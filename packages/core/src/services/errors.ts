import type { InputIssue } from "../job/input";

/** The job request is invalid; nothing was stored or sent to PixVerse (HTTP 400, every problem listed). */
export class JobValidationError extends Error {
  override readonly name = "JobValidationError";
  constructor(readonly issues: readonly InputIssue[]) {
    super(
      `the job request is invalid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`,
    );
  }
}

/** Cancel on a job that already ended (HTTP 409). */
export class JobNotCancellableError extends Error {
  override readonly name = "JobNotCancellableError";
  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`job ${jobId} is already ${status} and cannot be cancelled`);
  }
}

/** The job has no archived video (yet) to download (HTTP 409). */
export class JobHasNoOutputError extends Error {
  override readonly name = "JobHasNoOutputError";
  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`job ${jobId} is ${status} and has no archived video`);
  }
}
