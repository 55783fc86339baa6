import { ArchiveError, outputKey } from "../archive";
import type { JobRecord, JobRepository } from "../job";
import { JOB_TYPE_SPECS } from "../job/input";
import { METRICS, type Metrics } from "../metrics";
import { type GenerationResult, PIXVERSE_STATUS, PixverseError } from "../pixverse";
import type { MediaStore } from "../storage";
import { readGenerationResult } from "./generation";
import type { JobLifecycle } from "./job-lifecycle";
import { jobLogKeys } from "./job-log";
import type { Logger, PixverseApi } from "./ports";

export interface ArchiverDeps {
  /** Read only: the job an archive request names. */
  jobs: Pick<JobRepository, "getById">;
  lifecycle: JobLifecycle;
  pixverse: PixverseApi;
  store: MediaStore;
  maxBytes: number;
  /** Copies tried (first and retries) before the job fails archive_failed. */
  maxAttempts: number;
  logger: Logger;
  metrics: Metrics;
}

type Dimensions = Pick<GenerationResult, "outputWidth" | "outputHeight">;

/** What one copy attempt came to: done (succeeded or failed for good), worth another try, or no source. */
type CopyResult = "done" | { retry: string } | "source_gone";

/**
 * Copies a finished job's result from PixVerse into the media bucket, then asks the lifecycle to mark
 * it succeeded (or failed). A copy that may work later is handed out again after a short backoff
 * (the lifecycle re-queues it), not after the queue's visibility timeout. Safe to run twice for one
 * job: only an `archiving` job is copied, the object key is fixed per job, and the lifecycle's write is
 * conditional.
 */
export class Archiver {
  constructor(private readonly deps: ArchiverDeps) {}

  async archive(jobId: string): Promise<void> {
    const job = await this.deps.jobs.getById(jobId);
    if (job?.status !== "archiving") {
      this.deps.logger.info("archive request for a job that is not archiving; ignored", {
        ...(job ? jobLogKeys(job) : { jobId }),
        status: job?.status ?? "missing",
      });
      return;
    }
    const outcome = await this.copyCurrent(job);
    if (outcome === "done") return;
    if (outcome !== "source_gone") {
      if (job.attempts + 1 < this.deps.maxAttempts) {
        await this.deps.lifecycle.retryArchive(job, outcome.retry);
        return;
      }
      await this.deps.lifecycle.fail(
        job,
        {
          code: "archive_failed",
          message: `${outcome.retry} (after ${this.deps.maxAttempts} attempts); PixVerse's URL is kept on the job`,
        },
        ["archiving"],
      );
      return;
    }
    await this.deps.lifecycle.fail(
      job,
      {
        code: "archive_failed",
        message: "PixVerse's result URL no longer serves the video; it is kept on the job",
      },
      ["archiving"],
    );
  }

  /**
   * Copies from the stored URL; when that no longer serves the result (expired), from the URL PixVerse
   * gives now, once, even when it reads the same (an expired link may be re-issued as is).
   */
  private async copyCurrent(job: JobRecord): Promise<CopyResult> {
    const first = job.resultUrl ? await this.copy(job, job.resultUrl) : "source_gone";
    if (first !== "source_gone") return first;
    let current: GenerationResult | undefined;
    try {
      current = await this.currentResult(job);
    } catch (error) {
      return {
        retry: `PixVerse's result could not be read: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (current?.status !== PIXVERSE_STATUS.succeeded || !current.url) return "source_gone";
    const refreshed =
      current.url === job.resultUrl ? job : await this.deps.lifecycle.refreshResultUrl(job, current.url);
    if (!refreshed) return "done"; // no longer archiving (cancelled meanwhile)
    return this.copy(refreshed, current.url, current);
  }

  /**
   * PixVerse's result for a job whose URL failed: undefined when PixVerse no longer knows it. Any other
   * failure to ask throws: the copy is retried rather than a finished video failed for good.
   */
  private async currentResult(job: JobRecord): Promise<GenerationResult | undefined> {
    if (!job.pixverseId) return undefined;
    try {
      return await readGenerationResult(this.deps.pixverse, { type: job.type, pixverseId: job.pixverseId });
    } catch (error) {
      if (error instanceof PixverseError && error.kind === "not_found") return undefined;
      throw error;
    }
  }

  private async copy(job: JobRecord, url: string, dimensions?: Dimensions): Promise<CopyResult> {
    const { contentType } = JOB_TYPE_SPECS[job.type].result;
    try {
      const started = performance.now();
      const stored = await this.deps.store.archiveFromUrl({
        url,
        key: outputKey(job.tenantId, job.id, contentType),
        contentType,
        maxBytes: this.deps.maxBytes,
      });
      this.measureCopy(stored.size, performance.now() - started);
      const size = dimensions ?? (await this.freshResult(job));
      await this.deps.lifecycle.archived(job, {
        bucket: stored.bucket,
        key: stored.key,
        size: stored.size,
        contentType: stored.contentType,
        sha256: stored.sha256,
        ...(size?.outputWidth ? { width: size.outputWidth } : {}),
        ...(size?.outputHeight ? { height: size.outputHeight } : {}),
      });
      return "done";
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      this.deps.metrics.count(METRICS.archivesFailed, { Reason: error.code });
      this.deps.logger.warn("archive copy failed", {
        ...jobLogKeys(job),
        code: error.code,
        retryable: error.retryable,
      });
      if (error.retryable) return { retry: `the copy into S3 failed: ${error.message}` };
      if (error.code === "source_status") return "source_gone";
      await this.deps.lifecycle.fail(job, { code: "archive_failed", message: error.message }, ["archiving"]);
      return "done";
    }
  }

  private measureCopy(bytes: number, milliseconds: number): void {
    this.deps.metrics.observe(METRICS.archiveBytes, {}, bytes);
    // A copy too quick to time says nothing about throughput.
    if (milliseconds > 0)
      this.deps.metrics.observe(METRICS.archiveThroughput, {}, (bytes * 1000) / milliseconds);
  }

  /** PixVerse's current view of the result (its dimensions); undefined when it cannot say. */
  private async freshResult(job: JobRecord): Promise<Dimensions | undefined> {
    if (!job.pixverseId) return undefined;
    try {
      return await readGenerationResult(this.deps.pixverse, { type: job.type, pixverseId: job.pixverseId });
    } catch (error) {
      this.deps.logger.warn("could not read the PixVerse result", {
        ...jobLogKeys(job),
        error: String(error),
      });
      return undefined;
    }
  }
}
