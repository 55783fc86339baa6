import type { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { PixverseClient } from "../pixverse";

/** What the pipeline needs of PixVerse. */
export type PixverseApi = Pick<
  PixverseClient,
  | "uploadImage"
  | "uploadMedia"
  | "generate"
  | "generateImageTemplate"
  | "getVideoResult"
  | "getImageResult"
  | "selectMask"
  | "listTemplates"
  | "listRestyles"
  | "listTtsSpeakers"
  | "getBalance"
>;

/** Work for the archiver: the message on ArchiveQueue. */
export interface ArchiveQueue {
  /** Hands a copy to the archiver, after `delayMs` (a retry's backoff; SQS delays up to 15 minutes). */
  enqueue(jobId: string, options?: { delayMs?: number }): Promise<void>;
}

/** Structured logging (Powertools for AWS Lambda in every process; silenced in tests). */
export type Logger = Pick<PowertoolsLogger, "debug" | "info" | "warn" | "error">;

/** Time as the pipeline sees it, so that tests can move it by hand instead of waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      // The listener goes with the timer: a long poll sleeps ~27 times on its request's one signal.
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
