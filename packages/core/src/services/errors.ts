import type { InputIssue } from "../job/input";
import type { SpentBudget } from "../usage";
import { describeIssues } from "../validation";

/** The job request is invalid; nothing was stored or sent to PixVerse (HTTP 400, every problem listed). */
export class JobValidationError extends Error {
  override readonly name = "JobValidationError";
  constructor(readonly issues: readonly InputIssue[]) {
    super(`the job request is invalid: ${describeIssues(issues)}`);
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

/** An admin disabling the tenant of its own key would lock itself out (HTTP 409). */
export class OwnTenantDisableError extends Error {
  override readonly name = "OwnTenantDisableError";
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} is the caller's own and cannot be disabled with its key`);
  }
}

/** A usage query whose range is wrong (HTTP 400, every problem listed). */
export class UsageQueryError extends Error {
  override readonly name = "UsageQueryError";
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(`the usage query is invalid: ${describeIssues(issues)}`);
  }
}

/** A tenant's credit budget for the day or month (UTC) is spent: no new job until it resets (HTTP 429). */
export class QuotaExceededError extends Error {
  override readonly name = "QuotaExceededError";
  constructor(readonly spent: SpentBudget) {
    super(
      `the tenant's credits per ${spent.period} are spent (${spent.spent} of ${spent.budget}); the budget resets at ${spent.resetsAt}`,
    );
  }
}
