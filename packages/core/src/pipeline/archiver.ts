import type { S3Client } from "@aws-sdk/client-s3";
import { ArchiveError, copyUrlToS3, outputKey } from "../archive";
import type { JobRecord, JobRepository } from "../job";
import { PIXVERSE_STATUS, PixverseError } from "../pixverse";
import { fetchGenerationResult } from "./generation-result";
import type { JobSteps } from "./job-steps";
import type { Logger, PixverseApi } from "./ports";

export interface ArchiverDeps {
  jobs: JobRepository;
  steps: JobSteps;
  pixverse: PixverseApi;
  s3: S3Client;
  bucket: string;
  maxBytes: number;
  logger: Logger;
}

/** A copy that may succeed if tried again: the archiver's caller (SQS) redelivers the message. */
export class ArchiveRetryError extends Error {
  override readonly name = "ArchiveRetryError";
}

const CONTENT_TYPES: Record<string, string> = { image_template: "image/png" };

/**
 * Copies a finished job's video from PixVerse into the media bucket and marks the job succeeded.
 * Safe to run twice for one job: only an `archiving` job is copied, the object key is fixed per
 * job, and the final transition is conditional.
 */
export class Archiver {
  constructor(private readonly deps: ArchiverDeps) {}

  async archive(jobId: string): Promise<void> {
    const job = await this.deps.jobs.getById(jobId);
    if (job?.status !== "archiving") {
      this.deps.logger.info("archive request for a job that is not archiving; ignored", {
        jobId,
        status: job?.status ?? "missing",
      });
      return;
    }
    const result = job.resultUrl ? await this.copy(job, job.resultUrl) : undefined;
    if (result === "retry") {
      throw new ArchiveRetryError(`archiving job ${jobId} failed; it will be retried`);
    }
    if (result) return;
    // No URL, or PixVerse's URL no longer serves the video (expired): copy from the URL PixVerse gives
    // now, once, even when it reads the same as the stored one (an expired link may be re-issued as is).
    const current = await this.currentResult(job);
    if (current?.status === PIXVERSE_STATUS.succeeded && current.url) {
      const refreshed =
        current.url === job.resultUrl
          ? job
          : await this.deps.jobs.update(job.id, {
              expectStatus: "archiving",
              set: { resultUrl: current.url },
            });
      if (!refreshed) return; // no longer archiving (cancelled meanwhile)
      const retried = await this.copy(refreshed, current.url, current);
      if (retried === "retry") {
        throw new ArchiveRetryError(`archiving job ${jobId} failed; it will be retried`);
      }
      if (retried) return;
    }
    await this.deps.steps.fail(
      job,
      {
        code: "archive_failed",
        message: "PixVerse's result URL no longer serves the video; it is kept on the job",
      },
      ["archiving"],
    );
  }

  /**
   * PixVerse's result for a job whose URL failed: undefined when PixVerse no longer knows the video.
   * Any other failure to ask is retried (SQS redelivers) rather than failing a finished video for good.
   */
  private async currentResult(job: JobRecord) {
    if (!job.videoId) return undefined;
    try {
      return await fetchGenerationResult(this.deps.pixverse, { type: job.type, videoId: job.videoId });
    } catch (error) {
      if (error instanceof PixverseError && error.kind === "not_found") return undefined;
      throw new ArchiveRetryError(
        `PixVerse's result for job ${job.id} could not be read; it will be retried`,
        {
          cause: error,
        },
      );
    }
  }

  /** true: done (succeeded or failed for good); "retry": try later; false: the source URL is gone. */
  private async copy(
    job: JobRecord,
    url: string,
    dimensions?: { outputWidth?: number; outputHeight?: number },
  ): Promise<boolean | "retry"> {
    const contentType = CONTENT_TYPES[job.type] ?? "video/mp4";
    try {
      const stored = await copyUrlToS3({
        s3: this.deps.s3,
        url,
        bucket: this.deps.bucket,
        key: outputKey(job.tenantId, job.id, contentType),
        contentType,
        maxBytes: this.deps.maxBytes,
      });
      const size = dimensions ?? (await this.freshResult(job));
      const succeeded = await this.deps.jobs.transition(job.id, {
        from: ["archiving"],
        to: "succeeded",
        set: {
          output: {
            bucket: stored.bucket,
            key: stored.key,
            size: stored.size,
            contentType: stored.contentType,
            sha256: stored.sha256,
            ...(size?.outputWidth ? { width: size.outputWidth } : {}),
            ...(size?.outputHeight ? { height: size.outputHeight } : {}),
          },
          ...this.deps.steps.pendingEvent(),
        },
      });
      if (succeeded) {
        this.deps.logger.info("job archived", { jobId: job.id, key: stored.key, size: stored.size });
        await this.deps.steps.publishEvent(succeeded);
      }
      return true;
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      this.deps.logger.warn("archive copy failed", {
        jobId: job.id,
        code: error.code,
        retryable: error.retryable,
      });
      if (error.retryable) return "retry";
      if (error.code === "source_status") return false;
      await this.deps.steps.fail(job, { code: "archive_failed", message: error.message }, ["archiving"]);
      return true;
    }
  }

  /** PixVerse's current view of the result (dimensions, a fresh URL); undefined when it cannot say. */
  private async freshResult(job: JobRecord) {
    if (!job.videoId) return undefined;
    try {
      return await fetchGenerationResult(this.deps.pixverse, { type: job.type, videoId: job.videoId });
    } catch (error) {
      this.deps.logger.warn("could not read the PixVerse result", { jobId: job.id, error: String(error) });
      return undefined;
    }
  }
}
