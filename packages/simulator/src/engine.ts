import { createHash } from "node:crypto";
import { BodyReader } from "./body";
import { maskSelectionCredits, restyles, systemSpeakers, templates } from "./catalog";
import { ErrCode, invalidParam, PixverseError } from "./errors";
import { FaultInjector } from "./faults";
import { bufferBody, type MediaBody, sha256Of, solidPng, tinyMp4, videoBody } from "./media";
import type { ImageInfo, MediaInfo } from "./sniff";
import { Timers } from "./timers";
import { type UsageQuery, usageItems } from "./usage";
import {
  type GenerationOperation,
  type GenerationPlan,
  type Lookups,
  maskSelectionRequest,
  planners,
} from "./validation";
import { WebhookDispatcher } from "./webhooks";
import { type WireValue, wireId } from "./wire";

export interface EngineConfig {
  apiKey: string;
  webhookSecret: string;
  webhookUrl: string | undefined;
  generationMs: number;
  largeIds: boolean;
  timeFactor: number;
  credits: number;
  concurrencyLimit: number;
  outputBytes: number | undefined;
  faultSeed: number;
}

/** 1 succeeded, 6 deleted, 7 moderation failed, 8 generation failed. */
export type TerminalStatus = 1 | 6 | 7 | 8;
export type GenerationStatus = 5 | TerminalStatus;

interface Generation {
  id: string;
  kind: "video" | "image";
  operation: GenerationOperation;
  traceId: string;
  plan: GenerationPlan;
  request: Record<string, unknown>;
  /** fields of the request no validation read: accepted, but of no effect in the simulator */
  ignoredFields: string[];
  submitResp: Record<string, unknown>;
  status: GenerationStatus;
  createdAt: Date;
  modifiedAt: Date;
  finishedAt?: Date;
  charged: { monthly: number; package: number };
  refunded: boolean;
  replays: number;
  body?: MediaBody;
  outputBytes?: number;
  timer?: NodeJS.Timeout;
}

interface Upload {
  id: string;
  kind: "image" | "video" | "audio";
  source: "file" | "url";
  url: string;
  /** SHA-256 (hex) of the bytes received (files only), so a test can tell which upload carried which file */
  sha256?: string;
  /** what the container says (files only) */
  durationSeconds?: number;
}

/** A custom lip-sync voice made from an uploaded audio. */
export interface CustomVoice {
  speakerId: string;
  name: string;
  audioMediaId: string;
}

interface MediaEntry {
  body: MediaBody;
  /** the generation's operation, for download faults; "upload" and "mask_selection" otherwise */
  operation: string;
  /** when the URL became valid (epoch ms), for expiry faults */
  since: number;
}

export interface LedgerGeneration {
  id: string;
  kind: "video" | "image";
  operation: GenerationOperation;
  traceId: string;
  status: GenerationStatus;
  /** credits charged, net of refunds */
  credits: number;
  /** credits charged at submit (before any refund) */
  creditsCharged: number;
  refunded: boolean;
  /** submits that reused this generation's trace id and got its id back */
  replays: number;
  /** the request body as received (ids above 2^53 as digit strings) */
  request: Record<string, unknown>;
  /** request fields the simulator accepted without reading them (what PixVerse presumably ignores) */
  ignoredFields: string[];
  createdAt: string;
  finishedAt?: string;
  url?: string;
  size?: number;
}

export interface Ledger {
  balance: { accountId: string; creditMonthly: number; creditPackage: number };
  creditsSpent: number;
  generations: LedgerGeneration[];
  uploads: Upload[];
  maskSelections: {
    sourceKey: string;
    keyframeId: number;
    maskIds: string[];
    credits: number;
    createdAt: string;
  }[];
  customVoices: CustomVoice[];
  /** requests received per operation (including refused ones) */
  requests: Record<string, number>;
  /** generations in status 5 now, and the most there have been at once since the start (or a reset) */
  inFlight: number;
  peakInFlight: number;
}

/** One request as the simulator received it (control.requests()). */
export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  operation: string;
  traceId?: string;
  query: Record<string, string>;
  /** JSON bodies as parsed (ids above 2^53 as digit strings); multipart: each field, files by name and size */
  body?: unknown;
  /** the ErrCode answered (0 = success); undefined while in flight or when a fault answered instead */
  errCode?: number;
}

/** The request log keeps the most recent requests only, so a long local run stays small. */
const REQUEST_LOG_SIZE = 1000;

const ACCOUNT_ID = "123452341";
const FIRST_ID = 343252978602905n;
const FIRST_LARGE_ID = 627410861853514292n;

const sha256Hex = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The simulated PixVerse account: uploads, generations, credits, limits, webhooks and faults. */
export class Engine {
  readonly timers = new Timers();
  readonly faults: FaultInjector;
  readonly webhooks: WebhookDispatcher;
  config: EngineConfig;
  baseUrl = "";

  private nextId: bigint;
  private generations = new Map<string, Generation>();
  private byTrace = new Map<string, string>();
  private uploads = new Map<string, Upload>();
  private media = new Map<string, MediaEntry>();
  private masks = new Map<string, Map<number, string[]>>();
  private maskLog: Ledger["maskSelections"] = [];
  private voices = new Map<string, CustomVoice>();
  private requests: Record<string, number> = {};
  private requestLog: RecordedRequest[] = [];
  private credits = { monthly: 0, package: 0 };
  private spent = 0;
  private inFlight = 0;
  private peakInFlight = 0;

  constructor(private readonly initial: EngineConfig) {
    this.config = { ...initial };
    this.nextId = initial.largeIds ? FIRST_LARGE_ID : FIRST_ID;
    this.credits.monthly = initial.credits;
    this.faults = new FaultInjector(initial.faultSeed);
    this.registerCatalogMedia();
    this.webhooks = new WebhookDispatcher({
      secret: () => this.config.webhookSecret,
      url: () => this.config.webhookUrl,
      timeFactor: initial.timeFactor,
      faults: this.faults,
      timers: this.timers,
    });
  }

  private issueId(): string {
    const id = this.nextId;
    this.nextId += 1n;
    return id.toString();
  }

  countRequest(operation: string) {
    this.requests[operation] = (this.requests[operation] ?? 0) + 1;
  }

  /** Starts a request's log entry; the caller fills in body and errCode as they become known. */
  recordRequest(entry: Omit<RecordedRequest, "at">): RecordedRequest {
    const recorded = { at: new Date().toISOString(), ...entry };
    this.requestLog.push(recorded);
    if (this.requestLog.length > REQUEST_LOG_SIZE) this.requestLog.shift();
    return recorded;
  }

  recordedRequests(): RecordedRequest[] {
    return this.requestLog.map((entry) => structuredClone(entry));
  }

  private readonly lookups: Lookups = {
    hasImage: (id) => this.uploads.get(id)?.kind === "image",
    media: (id) => {
      const upload = this.uploads.get(id);
      if (!upload || upload.kind === "image") return undefined;
      return upload.durationSeconds === undefined
        ? { type: upload.kind }
        : { type: upload.kind, durationSeconds: upload.durationSeconds };
    },
    video: (id) => {
      const gen = this.generations.get(id);
      if (gen?.kind !== "video") return undefined;
      const { duration, quality, width, height } = gen.plan;
      return { status: gen.status, duration, quality, width, height };
    },
    masks: (sourceKey, keyframeId) => this.masks.get(sourceKey)?.get(keyframeId),
    allMasks: (sourceKey) => [...(this.masks.get(sourceKey)?.values() ?? [])].flat(),
    hasSpeaker: (id) =>
      this.voices.has(id) || systemSpeakers.some((s) => s.speaker_id.toLowerCase() === id.toLowerCase()),
  };

  // --- generations ---------------------------------------------------------------------------

  /** A generation submit. A trace id already used by this key returns the original answer. */
  submit(traceId: string, operation: GenerationOperation, body: WireValue): Record<string, unknown> {
    const replayOf = this.byTrace.get(traceId);
    if (replayOf) {
      const original = this.generations.get(replayOf) as Generation;
      original.replays += 1;
      return original.submitResp;
    }
    const reader = BodyReader.from(body);
    const plan = planners[operation](reader, this.lookups);
    if (this.inFlight >= this.config.concurrencyLimit) throw new PixverseError(ErrCode.concurrencyLimit);
    const charged = this.charge(plan.credits);
    const id = this.issueId();
    const idField = plan.kind === "video" ? "video_id" : "image_id";
    const submitResp: Record<string, unknown> = { [idField]: wireId(id) };
    if (plan.creditsField) submitResp[plan.creditsField] = plan.credits;
    const now = new Date();
    const gen: Generation = {
      id,
      kind: plan.kind,
      operation,
      traceId,
      plan,
      request: reader.toRecord(),
      ignoredFields: reader.unreadFields(),
      submitResp,
      status: 5,
      createdAt: now,
      modifiedAt: now,
      charged,
      refunded: false,
      replays: 0,
    };
    gen.timer = this.timers.after(this.config.generationMs, () => {
      const forced = this.faults.draw("outcome", { operations: [operation] });
      this.complete(gen, forced?.status ?? 1);
    });
    this.generations.set(id, gen);
    this.byTrace.set(traceId, id);
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    return submitResp;
  }

  private charge(credits: number): { monthly: number; package: number } {
    if (this.credits.monthly + this.credits.package < credits)
      throw new PixverseError(ErrCode.insufficientBalance);
    const monthly = Math.min(credits, this.credits.monthly);
    const pkg = credits - monthly;
    this.credits.monthly -= monthly;
    this.credits.package -= pkg;
    this.spent += credits;
    return { monthly, package: pkg };
  }

  private refund(gen: Generation) {
    this.credits.monthly += gen.charged.monthly;
    this.credits.package += gen.charged.package;
    this.spent -= gen.charged.monthly + gen.charged.package;
    gen.refunded = true;
  }

  private netCredits(gen: Generation) {
    return gen.refunded ? 0 : gen.plan.credits;
  }

  /**
   * Ends a generation: success gets media at its URL; failures, and a generation that ends deleted (6), are
   * refunded (nothing was delivered); videos fire the webhook.
   */
  private complete(gen: Generation, status: TerminalStatus, outputBytes?: number) {
    this.timers.cancel(gen.timer);
    const now = new Date();
    gen.status = status;
    this.inFlight -= 1;
    gen.finishedAt = now;
    gen.modifiedAt = now;
    if (status === 1) {
      gen.outputBytes = outputBytes ?? (gen.kind === "video" ? this.config.outputBytes : undefined);
      gen.body =
        gen.kind === "video"
          ? videoBody(gen.id, gen.plan.duration, gen.outputBytes)
          : bufferBody("image/png", solidPng(gen.plan.width, gen.plan.height, colourOf(gen.id)));
      this.media.set(this.fileName(gen), { body: gen.body, operation: gen.operation, since: now.getTime() });
    } else {
      this.refund(gen);
    }
    if (gen.kind === "video") {
      const result = this.videoResultOf(gen);
      this.webhooks.deliver({
        videoId: gen.id,
        traceId: gen.traceId,
        operation: gen.operation,
        body: JSON.stringify({
          id: gen.id,
          status: result.status,
          url: result.url,
          size: result.size,
          has_audio: result.has_audio,
          credits: result.credits,
        }),
      });
    }
  }

  /** Forces a generation's outcome now (control API). */
  finish(id: string, status: TerminalStatus, options: { outputBytes?: number } = {}) {
    const gen = this.generations.get(id);
    if (!gen) throw new Error(`generation ${id} does not exist`);
    if (gen.status !== 5) throw new Error(`generation ${id} has already finished with status ${gen.status}`);
    if (![1, 6, 7, 8].includes(status)) throw new Error("status must be 1, 6, 7 or 8");
    this.complete(gen, status, options.outputBytes);
  }

  /**
   * Deletes a finished video (status 1 -> 6, as PixVerse reports a video that is gone): its URL stops serving,
   * later requests that name it as a source answer 500064, and the credits stay spent.
   */
  deleteGeneration(id: string) {
    const gen = this.generations.get(id);
    if (!gen) throw new Error(`generation ${id} does not exist`);
    if (gen.status !== 1)
      throw new Error(`generation ${id} is in status ${gen.status}; only 1 can be deleted`);
    this.media.delete(this.fileName(gen));
    gen.status = 6;
    gen.modifiedAt = new Date();
  }

  private fileName(gen: Generation) {
    return `${gen.id}.${gen.kind === "video" ? "mp4" : "png"}`;
  }

  private urlOf(gen: Generation) {
    return gen.status === 1 ? `${this.baseUrl}/media/${this.fileName(gen)}` : "";
  }

  private videoResultOf(gen: Generation) {
    const { plan } = gen;
    return {
      id: wireId(gen.id),
      status: gen.status,
      url: this.urlOf(gen),
      prompt: plan.prompt ?? "",
      negative_prompt: plan.negativePrompt ?? "",
      seed: plan.seed ?? 0,
      style: plan.style ?? "",
      size: gen.body?.size ?? 0,
      resolution_ratio: Number.parseInt(plan.quality, 10),
      outputWidth: plan.width,
      outputHeight: plan.height,
      has_audio: plan.hasAudio,
      credits: this.netCredits(gen),
      create_time: timestamp(gen.createdAt),
      modify_time: timestamp(gen.modifiedAt),
      customer_paths: {},
    };
  }

  videoResult(id: string) {
    const gen = this.generations.get(id);
    if (gen?.kind !== "video") throw new PixverseError(ErrCode.notFound);
    return this.videoResultOf(gen);
  }

  imageResult(id: string) {
    const gen = this.generations.get(id);
    if (gen?.kind !== "image") throw new PixverseError(ErrCode.notFound);
    const { plan } = gen;
    const imageIds = gen.request.img_ids;
    return {
      image_id: wireId(gen.id),
      status: gen.status,
      url: this.urlOf(gen),
      prompt: plan.prompt ?? "",
      prompt_translate: "",
      seed: plan.seed ?? 0,
      template_id: plan.templateId ?? 0,
      size: gen.body?.size ?? 0,
      outputWidth: plan.width,
      outputHeight: plan.height,
      credits: this.netCredits(gen),
      create_time: timestamp(gen.createdAt),
      modify_time: timestamp(gen.modifiedAt),
      customer_paths: {
        customer_img_paths: [],
        gen_img_req_img_ids: Array.isArray(imageIds) ? imageIds.map((v) => wireId(String(v))) : [],
      },
    };
  }

  // --- synchronous operations ------------------------------------------------------------------

  maskSelection(body: WireValue) {
    const { sourceKey, keyframeId } = maskSelectionRequest(BodyReader.from(body), this.lookups);
    this.charge(maskSelectionCredits);
    const since = Date.now();
    const png = (name: string, colour: [number, number, number]) => {
      this.media.set(name, {
        body: bufferBody("image/png", solidPng(64, 36, colour)),
        operation: "mask_selection",
        since,
      });
      return `${this.baseUrl}/media/${name}`;
    };
    const keyframeUrl = png(`keyframes/${this.issueId()}.png`, [90, 90, 90]);
    const maskInfo = (["person", "object", "background"] as const).map((name, i) => {
      const maskId = this.issueId();
      return {
        mask_id: maskId,
        mask_name: name,
        mask_url: png(`masks/${maskId}.png`, [i * 100, 255 - i * 100, 128]),
      };
    });
    const byKeyframe = this.masks.get(sourceKey) ?? new Map<number, string[]>();
    byKeyframe.set(
      keyframeId,
      maskInfo.map((m) => m.mask_id),
    );
    this.masks.set(sourceKey, byKeyframe);
    this.maskLog.push({
      sourceKey,
      keyframeId,
      maskIds: maskInfo.map((m) => m.mask_id),
      credits: maskSelectionCredits,
      createdAt: new Date(since).toISOString(),
    });
    return {
      keyframe_id: keyframeId,
      keyframe_url: keyframeUrl,
      credits: maskSelectionCredits,
      mask_info: maskInfo,
    };
  }

  uploadImageFile(bytes: Buffer, info: ImageInfo) {
    const id = this.issueId();
    const name = `uploads/${id}.${info.format === "jpeg" ? "jpg" : info.format}`;
    this.media.set(name, {
      body: bufferBody(`image/${info.format}`, bytes),
      operation: "upload",
      since: Date.now(),
    });
    const url = `${this.baseUrl}/media/${name}`;
    return this.recordUpload({ id, kind: "image", source: "file", url, sha256: sha256Hex(bytes) });
  }

  uploadMediaFile(bytes: Buffer, info: MediaInfo) {
    const id = this.issueId();
    const name = `uploads/${id}.${info.extension}`;
    this.media.set(name, {
      body: bufferBody(info.contentType, bytes),
      operation: "upload",
      since: Date.now(),
    });
    const url = `${this.baseUrl}/media/${name}`;
    const upload: Upload = { id, kind: info.type, source: "file", url, sha256: sha256Hex(bytes) };
    if (info.durationSeconds !== undefined) upload.durationSeconds = info.durationSeconds;
    return this.recordUpload(upload);
  }

  /** URL uploads are recorded, never fetched. */
  uploadByUrl(kind: Upload["kind"], url: string) {
    return this.recordUpload({ id: this.issueId(), kind, source: "url", url });
  }

  private recordUpload(upload: Upload): Upload {
    this.uploads.set(upload.id, upload);
    return upload;
  }

  balance() {
    return {
      account_id: wireId(ACCOUNT_ID),
      credit_monthly: this.credits.monthly,
      credit_package: this.credits.package,
    };
  }

  /** PixVerse's voices then the account's custom ones, filtered by speaker_type (default all). */
  ttsList(pageNum: number, pageSize: number, speakerType: "system" | "custom" | "all" = "all") {
    const custom = [...this.voices.values()].map((v) => ({ speaker_id: v.speakerId, name: v.name }));
    const all = [
      ...(speakerType === "custom" ? [] : systemSpeakers),
      ...(speakerType === "system" ? [] : custom),
    ];
    return { total: all.length, data: all.slice((pageNum - 1) * pageSize, pageNum * pageSize) };
  }

  /** A custom voice from an uploaded audio (POST /openapi/v2/video/tts_speaker). */
  createVoice(body: WireValue) {
    const b = BodyReader.from(body);
    const name = b.string("name", { required: true, max: 100 }) as string;
    const audioId = b.id("audio_media_id", { required: true }) as string;
    const media = this.lookups.media(audioId);
    if (!media) throw invalidParam(`audio_media_id ${audioId} does not exist`);
    if (media.type !== "audio") throw invalidParam(`audio_media_id ${audioId} is not an audio file`);
    const speakerId = `custom_${this.issueId()}`;
    this.voices.set(speakerId, { speakerId, name, audioMediaId: audioId });
    return { speaker_id: speakerId };
  }

  deleteVoice(speakerId: string) {
    if (systemSpeakers.some((s) => s.speaker_id.toLowerCase() === speakerId.toLowerCase())) {
      throw invalidParam(`speaker ${speakerId} is one of PixVerse's voices and cannot be deleted`);
    }
    if (!this.voices.delete(speakerId)) throw new PixverseError(ErrCode.notFound);
    return {};
  }

  /** The usage history (POST /openapi/v2/account/billing/usage-detail), from the ledger. */
  usageDetail(query: UsageQuery) {
    const generations = [...this.generations.values()].map((gen) => ({
      id: gen.id,
      kind: gen.kind,
      operation: gen.operation,
      credits: gen.plan.credits,
      createdAt: gen.createdAt,
      refundedAt: gen.refunded ? gen.finishedAt : undefined,
    }));
    return usageItems(query, generations, this.maskLog);
  }

  restyleList(pageNum: number, pageSize: number) {
    const data = restyles.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((r) => ({
      restyle_id: r.restyle_id,
      restyle_name: r.name,
      cover_url: `${this.baseUrl}/media/restyles/${r.restyle_id}.png`,
    }));
    return { total: restyles.length, data };
  }

  templateList(type: number | undefined, page: number, pageSize: number, chinese: boolean) {
    const matching = templates.filter((tpl) => type === undefined || tpl.type === type);
    const items = matching.slice((page - 1) * pageSize, page * pageSize).map((tpl) => ({
      template_id: wireId(String(tpl.template_id)),
      template_type: tpl.type,
      display_name: chinese ? tpl.display_name_zh : tpl.display_name,
      display_prompt: tpl.display_prompt,
      preview_video_url: `${this.baseUrl}/media/templates/${tpl.template_id}.mp4`,
      image_count: tpl.images,
      activated: tpl.activated,
    }));
    return { total: matching.length, effect_items: items };
  }

  // --- media ----------------------------------------------------------------------------------

  mediaEntry(name: string): MediaEntry | undefined {
    return this.media.get(name);
  }

  async contentSha256(id: string): Promise<string> {
    const gen = this.generations.get(id);
    if (!gen?.body) throw new Error(`generation ${id} has no output`);
    return sha256Of(gen.body);
  }

  // --- control --------------------------------------------------------------------------------

  setCredits(credits: number | { monthly: number; package: number }) {
    this.credits = typeof credits === "number" ? { monthly: credits, package: 0 } : { ...credits };
  }

  ledger(): Ledger {
    return {
      balance: {
        accountId: ACCOUNT_ID,
        creditMonthly: this.credits.monthly,
        creditPackage: this.credits.package,
      },
      creditsSpent: this.spent,
      generations: [...this.generations.values()].map((gen) => ({
        id: gen.id,
        kind: gen.kind,
        operation: gen.operation,
        traceId: gen.traceId,
        status: gen.status,
        credits: this.netCredits(gen),
        creditsCharged: gen.plan.credits,
        refunded: gen.refunded,
        replays: gen.replays,
        request: gen.request,
        ignoredFields: [...gen.ignoredFields],
        createdAt: gen.createdAt.toISOString(),
        finishedAt: gen.finishedAt?.toISOString(),
        url: this.urlOf(gen) || undefined,
        size: gen.body?.size,
      })),
      uploads: [...this.uploads.values()].map((u) => ({ ...u })),
      maskSelections: this.maskLog.map((m) => ({ ...m, maskIds: [...m.maskIds] })),
      customVoices: [...this.voices.values()].map((v) => ({ ...v })),
      requests: { ...this.requests },
      inFlight: this.inFlight,
      peakInFlight: this.peakInFlight,
    };
  }

  /** Back to the starting state (ids keep increasing so nothing issued earlier is reissued). */
  reset() {
    this.timers.clearAll();
    this.webhooks.reset();
    this.faults.clear();
    this.config = { ...this.initial };
    this.credits = { monthly: this.initial.credits, package: 0 };
    this.spent = 0;
    this.inFlight = 0;
    this.peakInFlight = 0;
    this.generations.clear();
    this.byTrace.clear();
    this.uploads.clear();
    this.media.clear();
    this.masks.clear();
    this.maskLog = [];
    this.voices.clear();
    this.requests = {};
    this.requestLog = [];
    this.registerCatalogMedia();
  }

  /** Preview and cover media the catalogue answers link to. */
  private registerCatalogMedia() {
    for (const tpl of templates) {
      const body = bufferBody("video/mp4", tinyMp4(`template ${tpl.template_id}`));
      this.media.set(`templates/${tpl.template_id}.mp4`, { body, operation: "catalog", since: 0 });
    }
    for (const r of restyles) {
      const body = bufferBody("image/png", solidPng(64, 36, [r.restyle_id % 256, 80, 160]));
      this.media.set(`restyles/${r.restyle_id}.png`, { body, operation: "catalog", since: 0 });
    }
  }

  stop() {
    this.timers.clearAll();
    this.webhooks.reset();
  }
}

function colourOf(id: string): [number, number, number] {
  const n = Number(BigInt(id) % 16777216n);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
