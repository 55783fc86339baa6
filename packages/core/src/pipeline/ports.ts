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
  enqueue(jobId: string): Promise<void>;
}

/** Structured logging (Powertools for AWS Lambda in every process; silenced in tests). */
export type Logger = Pick<PowertoolsLogger, "debug" | "info" | "warn" | "error">;
