import type { JobStatus } from "./status";

/** Same Idempotency-Key, different request body (HTTP 409). */
export class IdempotencyConflictError extends Error {
  override readonly name = "IdempotencyConflictError";
  constructor(readonly existingJobId: string) {
    super("this Idempotency-Key was already used with a different request body");
  }
}

/** A list cursor that pixpipe did not issue (HTTP 400). */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
  constructor() {
    super("cursor is not valid; pass the nextCursor of a previous page unchanged");
  }
}

/** A transition the state machine does not allow at all: a programming error, never a race. */
export class InvalidTransitionError extends Error {
  override readonly name = "InvalidTransitionError";
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    super(`a job cannot move from ${from} to ${to}`);
  }
}

/** A repository call that breaks the job invariants (e.g. dropping a live job from the due index). */
export class JobWriteRejectedError extends Error {
  override readonly name = "JobWriteRejectedError";
}

/** A PixVerse generation id that is already linked to another job. */
export class PixverseIdConflictError extends Error {
  override readonly name = "PixverseIdConflictError";
  constructor(
    readonly pixverseId: string,
    readonly linkedJobId: string,
  ) {
    super(`PixVerse generation ${pixverseId} already belongs to job ${linkedJobId}`);
  }
}

/** A write's companion item that had to be new already exists (e.g. a generation slot another job holds). */
export class CompanionConflictError extends Error {
  override readonly name = "CompanionConflictError";
  constructor(readonly key: { pk: string; sk: string }) {
    super(`${key.pk} ${key.sk} already exists`);
  }
}
