import { createHash } from "node:crypto";
import { ArchiveError } from "../archive";
import type { PixverseApi } from "../pipeline";
import {
  type Balance,
  type GenerationResult,
  type ImageSubmitted,
  type MaskSelection,
  PIXVERSE_STATUS,
  PixverseError,
  type Restyles,
  type Templates,
  type TtsSpeakers,
  type UploadedImage,
  type UploadedMedia,
  type VideoSubmitted,
} from "../pixverse";

type Method = keyof PixverseApi;

export interface FakeGeneration {
  id: string;
  kind: "video" | "image";
  traceId: string;
  capability: string;
  body: Record<string, unknown>;
  status: number;
  url?: string;
  credits: number;
  /** Submits that reused the trace id and got this generation back (PixVerse does not generate again). */
  replays: number;
  outputWidth?: number;
  outputHeight?: number;
}

/**
 * A scripted PixVerse for fast tests of the pipeline's logic: it answers at once, keeps PixVerse's
 * trace-id replay rule (a reused Ai-trace-id returns the first generation), lets a test finish
 * generations and queue failures per method, and records every call. Its wire behaviour (envelopes,
 * lossless ids, error codes) is not modelled: that is the simulator's, in the emulator-backed tests.
 */
export class FakePixverse implements PixverseApi {
  readonly calls: { method: Method; args: unknown[] }[] = [];
  private readonly generations = new Map<string, FakeGeneration>();
  private readonly byTrace = new Map<string, FakeGeneration>();
  private readonly failures = new Map<Method, unknown[]>();
  /** The catalogues' ids, as PixVerse lists them (a test may add one, as PixVerse adds templates). */
  readonly catalogs = { voices: ["1", "2"], templates: ["315446315336768"], restyles: ["1001"] };
  /** Result URLs that no longer serve their bytes (PixVerse's links expire). */
  private readonly expired = new Set<string>();
  private nextId = 627_410_861_853_514_292n;

  /** The next calls of `method` throw these errors, one per call, in order. */
  failNext(method: Method, ...errors: unknown[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  /** Ends a generation as PixVerse would: 1 succeeded (with a result URL), 6 deleted, 7 moderation, 8 failed. */
  finish(
    id: string,
    status: 1 | 6 | 7 | 8,
    details: { credits?: number; width?: number; height?: number } = {},
  ): FakeGeneration {
    const generation = this.generations.get(id);
    if (!generation) throw new Error(`no generation ${id}`);
    generation.status = status;
    if (status === PIXVERSE_STATUS.succeeded) {
      generation.url = `https://media.pixverse.test/${id}.${generation.kind === "image" ? "png" : "mp4"}`;
      generation.outputWidth = details.width ?? 1280;
      generation.outputHeight = details.height ?? 720;
    }
    if (details.credits !== undefined) generation.credits = details.credits;
    return generation;
  }

  /**
   * The bytes behind a result URL, as the media store downloads them: a deterministic body per
   * generation, 403 once the URL expired, 404 for a URL PixVerse never issued.
   */
  readonly download = async (url: string): Promise<Uint8Array> => {
    const generation = [...this.generations.values()].find((candidate) => candidate.url === url);
    if (!generation)
      throw new ArchiveError("source_status", `${url} answered HTTP 404`, { retryable: false, status: 404 });
    if (this.expired.has(url))
      throw new ArchiveError("source_status", `${url} answered HTTP 403`, { retryable: false, status: 403 });
    return resultBytes(generation.id);
  };

  /** The generation's URL stops serving; with `reissue` PixVerse's result then names a fresh one. */
  expireUrl(id: string, options: { reissue: boolean }): void {
    const generation = this.generations.get(id);
    if (!generation?.url) throw new Error(`generation ${id} has no URL`);
    this.expired.add(generation.url);
    if (options.reissue) generation.url = `${generation.url.replace(/\?.*$/, "")}?v=${this.expired.size}`;
  }

  generation(id: string): FakeGeneration | undefined {
    return this.generations.get(id);
  }

  allGenerations(): FakeGeneration[] {
    return [...this.generations.values()];
  }

  callsOf(method: Method): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  async uploadImage(...args: Parameters<PixverseApi["uploadImage"]>): Promise<UploadedImage> {
    this.record("uploadImage", args);
    const id = this.issueId();
    return { imgId: id, imgUrl: `https://media.pixverse.test/upload/${id}.png` };
  }

  async uploadMedia(...args: Parameters<PixverseApi["uploadMedia"]>): Promise<UploadedMedia> {
    this.record("uploadMedia", args);
    const [source] = args;
    const type = "file" in source ? source.file.contentType : "";
    const mediaType = type.startsWith("audio/") ? "audio" : "video";
    const id = this.issueId();
    return { mediaId: id, mediaType, url: `https://media.pixverse.test/upload/${id}` };
  }

  async generate(...args: Parameters<PixverseApi["generate"]>): Promise<VideoSubmitted> {
    this.record("generate", args);
    const [capability, body, options] = args;
    const generation = this.submit("video", capability, body as Record<string, unknown>, options.traceId);
    return { videoId: generation.id, credits: generation.credits };
  }

  async generateImageTemplate(
    ...args: Parameters<PixverseApi["generateImageTemplate"]>
  ): Promise<ImageSubmitted> {
    this.record("generateImageTemplate", args);
    const [body, options] = args;
    const generation = this.submit(
      "image",
      "image_template",
      body as Record<string, unknown>,
      options.traceId,
    );
    return { imageId: generation.id, credits: generation.credits };
  }

  async getVideoResult(...args: Parameters<PixverseApi["getVideoResult"]>): Promise<GenerationResult> {
    this.record("getVideoResult", args);
    return this.result(args[0], "video");
  }

  async getImageResult(...args: Parameters<PixverseApi["getImageResult"]>): Promise<GenerationResult> {
    this.record("getImageResult", args);
    return this.result(args[0], "image");
  }

  async selectMask(...args: Parameters<PixverseApi["selectMask"]>): Promise<MaskSelection> {
    this.record("selectMask", args);
    const keyframeId = args[0].keyframe_id ?? 1;
    return {
      keyframeId,
      keyframeUrl: `https://media.pixverse.test/keyframes/${keyframeId}.png`,
      credits: 2,
      masks: [{ maskId: "1", maskName: "person", maskUrl: "https://media.pixverse.test/masks/1.png" }],
    };
  }

  async listTemplates(...args: Parameters<PixverseApi["listTemplates"]>): Promise<Templates> {
    this.record("listTemplates", args);
    const [query] = args;
    const templates = (query?.type === 2 ? [] : this.catalogs.templates).map((templateId) => ({
      templateId,
      displayName: "Kiss",
    }));
    return { total: templates.length, templates } as Templates;
  }

  async listRestyles(...args: Parameters<PixverseApi["listRestyles"]>): Promise<Restyles> {
    this.record("listRestyles", args);
    const restyles = this.catalogs.restyles.map((restyleId) => ({ restyleId, name: "Anime" }));
    return { total: restyles.length, restyles } as Restyles;
  }

  async listTtsSpeakers(...args: Parameters<PixverseApi["listTtsSpeakers"]>): Promise<TtsSpeakers> {
    this.record("listTtsSpeakers", args);
    const speakers = this.catalogs.voices.map((speakerId) => ({ speakerId, name: `Voice ${speakerId}` }));
    return { total: speakers.length, speakers };
  }

  async getBalance(...args: Parameters<PixverseApi["getBalance"]>): Promise<Balance> {
    this.record("getBalance", args);
    return { accountId: "627410861853514292", creditMonthly: 1_069_020, creditPackage: 3630 };
  }

  private record(method: Method, args: unknown[]): void {
    this.calls.push({ method, args });
    const queued = this.failures.get(method);
    const error = queued?.shift();
    if (error !== undefined) throw error;
  }

  private submit(
    kind: FakeGeneration["kind"],
    capability: string,
    body: Record<string, unknown>,
    traceId: string,
  ) {
    const replayed = this.byTrace.get(traceId);
    if (replayed) {
      replayed.replays++;
      return replayed;
    }
    const generation: FakeGeneration = {
      id: this.issueId(),
      kind,
      traceId,
      capability,
      body: structuredClone(body),
      status: PIXVERSE_STATUS.generating,
      credits: 20,
      replays: 0,
    };
    this.generations.set(generation.id, generation);
    this.byTrace.set(traceId, generation);
    return generation;
  }

  private result(id: string, kind: FakeGeneration["kind"]): GenerationResult {
    const generation = this.generations.get(id);
    if (!generation || generation.kind !== kind) throw pixverseError(500008, "not_found", `no ${kind} ${id}`);
    return {
      id,
      status: generation.status,
      credits: generation.credits,
      ...(generation.url ? { url: generation.url } : {}),
      ...(generation.outputWidth ? { outputWidth: generation.outputWidth } : {}),
      ...(generation.outputHeight ? { outputHeight: generation.outputHeight } : {}),
    };
  }

  private issueId(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }
}

/** An error as PixverseClient raises it for an ErrCode (see ERR_CODES for the kinds). */
export function pixverseError(code: number, kind: PixverseError["kind"], message = "refused"): PixverseError {
  return new PixverseError({
    kind,
    retryable: kind === "retryable",
    code,
    traceId: "fake",
    providerMessage: message,
  });
}

/** The bytes a FakePixverse result serves (and so what an archived copy must hold). */
export function resultBytes(id: string): Uint8Array {
  return createHash("sha256").update(`pixverse result ${id}`).digest();
}
