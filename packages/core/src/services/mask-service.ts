import type { MediaRef } from "../job/input";
import type { MediaResolver, PixverseApi } from "../pipeline";
import type { MaskSelection } from "../pixverse";
import type { Caller } from "./caller";
import { JobValidationError } from "./errors";

export interface MaskServiceDeps {
  media: Pick<MediaResolver, "check" | "resolveSlot">;
  pixverse: Pick<PixverseApi, "selectMask">;
}

/** Swap step 1 (POST /v1/masks): synchronous and billed by PixVerse. */
export class MaskService {
  constructor(private readonly deps: MaskServiceDeps) {}

  /** The keyframe of a video and the masks to pick from, for a later `swap` or `modify` job. */
  async selectMasks(
    caller: Caller,
    request: { video: MediaRef; keyframe_id?: number },
  ): Promise<MaskSelection> {
    const slot = { path: "video", ref: request.video, kind: "video" as const };
    const issues = await this.deps.media.check(caller.tenantId, [slot]);
    if (issues.length > 0) throw new JobValidationError(issues);
    const video = await this.deps.media.resolveSlot(caller.tenantId, slot);
    return this.deps.pixverse.selectMask({
      ...("sourceVideoId" in video ? { source_video_id: video.sourceVideoId } : {}),
      ...("mediaId" in video ? { video_media_id: video.mediaId } : {}),
      ...(request.keyframe_id !== undefined ? { keyframe_id: request.keyframe_id } : {}),
    });
  }
}
