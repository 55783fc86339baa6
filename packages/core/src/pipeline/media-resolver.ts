import type { JobRepository } from "../job";
import type { InputIssue } from "../job/input";
import {
  JOB_TYPE_SPECS,
  type MediaKind,
  type MediaRef,
  type MediaSlot,
  type ResolvedMedia,
} from "../job/input";
import { MEDIA_LIMIT_BYTES } from "../limits";
import {
  assertPublicHostResolves,
  MediaFetchError,
  mediaMismatch,
  type PublicUrlFetcher,
  readLimited,
  SNIFF_BYTES,
} from "../media";
import type { MediaStore } from "../storage";
import type { PixverseApi } from "./ports";

/** Where a tenant's uploaded media may live: its presigned uploads and its S3-trigger drop folder. */
export function tenantMediaPrefixes(tenantId: string): string[] {
  return [`uploads/${tenantId}/`, `incoming/${tenantId}/`];
}

export interface MediaResolverDeps {
  store: MediaStore;
  /** Read only: the earlier jobs that `{ "job": id }` references name. */
  jobs: Pick<JobRepository, "get">;
  pixverse: PixverseApi;
  fetcher: PublicUrlFetcher;
  /** Whether `url` references may resolve to private addresses (local development only). */
  allowPrivateNetworks: boolean;
}

/**
 * Turns a job's media references into PixVerse ids: `upload` (an object in the media bucket) and
 * `url` (fetched by pixpipe under the SSRF rules) are uploaded to PixVerse; `job` reuses the PixVerse
 * video of an earlier succeeded job of the same tenant.
 */
export class MediaResolver {
  constructor(private readonly deps: MediaResolverDeps) {}

  /** Problems that make media unusable, found before a job is accepted; paths are the slots'. */
  async check(tenantId: string, slots: readonly MediaSlot[]): Promise<InputIssue[]> {
    const issues = await Promise.all(
      slots.map(async (slot): Promise<InputIssue | undefined> => {
        const problem = await this.problemWith(tenantId, slot);
        return problem ? { path: slot.path, message: problem } : undefined;
      }),
    );
    return issues.filter((issue): issue is InputIssue => issue !== undefined);
  }

  /** What one media reference is on PixVerse: uploaded now, or an earlier job's video. */
  resolveSlot(tenantId: string, slot: MediaSlot): Promise<ResolvedMedia[string]> {
    const ref = slot.ref;
    if ("job" in ref) return this.sourceVideo(tenantId, ref.job);
    return this.upload(slot.kind, ref, tenantId);
  }

  private async problemWith(tenantId: string, slot: MediaSlot): Promise<string | undefined> {
    const ref = slot.ref;
    try {
      if ("job" in ref) {
        if (slot.kind !== "video") return "a job reference can only stand for a video";
        await this.sourceVideo(tenantId, ref.job);
      } else if ("upload" in ref) {
        const size = await this.uploadedSize(tenantId, ref.upload);
        if (size > MEDIA_LIMIT_BYTES[slot.kind]) {
          return `the upload is ${size} bytes; PixVerse accepts ${slot.kind}s up to ${MEDIA_LIMIT_BYTES[slot.kind]} bytes`;
        }
        // Known by its bytes at the door: a text file named .png is refused now, not by PixVerse later.
        const mismatch = mediaMismatch(await this.deps.store.readHead(ref.upload, SNIFF_BYTES), slot.kind);
        if (mismatch) return `upload ${ref.upload}: ${mismatch}`;
      } else {
        const url = this.deps.fetcher.checkUrl(ref.url);
        if (!this.deps.allowPrivateNetworks) await this.refusePrivateHost(url);
      }
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * A host that resolves to a private address is refused at the door (SSRF). One that does not resolve
   * at all is not: DNS can fail for a moment, so the job is accepted and fails fast if it stays so.
   */
  private async refusePrivateHost(url: URL): Promise<void> {
    try {
      await assertPublicHostResolves(url.hostname);
    } catch (error) {
      if (
        (error as { code?: string }).code === "ENOTFOUND" ||
        (error as { code?: string }).code === "EAI_AGAIN"
      )
        return;
      throw error;
    }
  }

  private async sourceVideo(tenantId: string, jobId: string): Promise<{ sourceVideoId: string }> {
    const source = await this.deps.jobs.get(tenantId, jobId);
    if (!source) throw new MediaFetchError(`job ${jobId} does not exist`, "invalid_reference");
    if (
      source.status !== "succeeded" ||
      !source.pixverseId ||
      !JOB_TYPE_SPECS[source.type].result.reusableAsSource
    ) {
      throw new MediaFetchError(
        `job ${jobId} has no finished video to reuse (it is ${source.status})`,
        "invalid_reference",
      );
    }
    return { sourceVideoId: source.pixverseId };
  }

  private async uploadedSize(tenantId: string, key: string): Promise<number> {
    this.assertTenantKey(tenantId, key);
    const object = await this.deps.store.stat(key);
    if (!object)
      throw new MediaFetchError(
        `no uploaded object ${key}; upload it first (POST /v1/uploads)`,
        "invalid_reference",
      );
    return object.size;
  }

  private assertTenantKey(tenantId: string, key: string): void {
    if (key.includes("..") || !tenantMediaPrefixes(tenantId).some((prefix) => key.startsWith(prefix))) {
      throw new MediaFetchError(`upload ${key} is not one of this tenant's uploads`, "invalid_reference");
    }
  }

  private async upload(
    kind: MediaKind,
    ref: Exclude<MediaRef, { job: string }>,
    tenantId: string,
  ): Promise<{ imgId: string } | { mediaId: string }> {
    const limit = MEDIA_LIMIT_BYTES[kind];
    const file =
      "upload" in ref
        ? await this.readUpload(tenantId, ref.upload, limit)
        : await this.readUrl(ref.url, limit);
    const mismatch = mediaMismatch(file.data, kind);
    if (mismatch) {
      const source = "upload" in ref ? `upload ${ref.upload}` : `${new URL(ref.url).host}`;
      throw new MediaFetchError(`${source}: ${mismatch}`, "wrong_type");
    }
    if (kind === "image") {
      const { imgId } = await this.deps.pixverse.uploadImage({ file });
      return { imgId };
    }
    const { mediaId, mediaType } = await this.deps.pixverse.uploadMedia({ file });
    // PixVerse's own verdict, when it gives one (its answer may leave the type out).
    if (mediaType !== undefined && mediaType !== kind) {
      throw new MediaFetchError(
        `PixVerse recognised the file as ${mediaType}, but ${kind} is needed here`,
        "wrong_type",
      );
    }
    return { mediaId };
  }

  private async readUpload(tenantId: string, key: string, limit: number) {
    this.assertTenantKey(tenantId, key);
    const { data, contentType } = await this.deps.store.read(key, limit);
    return { data, filename: key.split("/").pop() ?? "upload", contentType };
  }

  private async readUrl(url: string, limit: number) {
    const fetched = await this.deps.fetcher.fetch(url, limit);
    const data = await readLimited(fetched.body, limit);
    const filename = new URL(fetched.finalUrl).pathname.split("/").pop() || "media";
    return { data, filename, contentType: fetched.contentType ?? "application/octet-stream" };
  }
}
