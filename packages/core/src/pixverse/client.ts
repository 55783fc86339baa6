import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { text as readText } from "node:stream/consumers";
import * as z from "zod";
import { encodeMultipart, HttpClient, type HttpRequest } from "../http";
import { METRICS, type Metrics } from "../metrics";
import { describeIssues, issuesOf } from "../validation";
import {
  type ImageTemplateBody,
  imageTemplateBody,
  type MaskSelectionBody,
  maskSelectionBody,
  VIDEO_CAPABILITIES,
  type VideoCapability,
  type VideoCapabilityBody,
} from "./capabilities";
import {
  errorFromBadResponse,
  errorFromErrCode,
  errorFromHttpStatus,
  errorFromTransport,
  PixverseError,
  pixverseErrCode,
} from "./errors";
import { pixverseId } from "./ids";
import { parsePixverseJson, stringifyPixverseJson } from "./json";
import {
  type CustomVoiceBody,
  customVoiceBody,
  type TtsSpeakerQuery,
  ttsSpeakerQuery,
  type UsageDetailQuery,
  usageDetailQuery,
} from "./queries";
import {
  acknowledged,
  type Balance,
  balance,
  type GenerationResult,
  type ImageSubmitted,
  imageResult,
  imageSubmitted,
  type MaskSelection,
  maskSelection,
  type Restyles,
  readEnvelope,
  restyles,
  type Templates,
  type TtsSpeakers,
  templates,
  ttsSpeakers,
  type UploadedImage,
  type UploadedMedia,
  type UsageDetail,
  uploadedImage,
  uploadedMedia,
  usageDetail,
  type VideoSubmitted,
  type VoiceCreated,
  videoResult,
  videoSubmitted,
  voiceCreated,
} from "./responses";

export interface PixverseClientOptions {
  /** e.g. https://app-api.pixverse.ai (paths /openapi/v2/... are appended) */
  baseUrl: string;
  apiKey: string;
  /** TCP/TLS connect timeout; default 10 s */
  connectTimeoutMs?: number;
  /** time to the response headers, and between body chunks; default 60 s */
  requestTimeoutMs?: number;
  /** connections kept to PixVerse; default 16 */
  maxConnections?: number;
  /** Where each request is counted and timed, by endpoint (PixverseCalls, PixverseErrors, PixverseCallDuration). */
  metrics?: Metrics;
}

/** A file to upload. Streams are read into memory first (PixVerse takes at most 100 MB). */
export type UploadFile = {
  data: Buffer | Uint8Array | Readable | Blob;
  filename: string;
  contentType: string;
};
export type UploadSource = { file: UploadFile } | { url: string };

export interface GenerateOptions {
  /**
   * The Ai-trace-id of this submit, fixed before the first attempt and reused on every retry of the same
   * submit: PixVerse generates nothing new for a trace id it has seen (no double billing).
   */
  traceId: string;
}

/** PixVerse's largest accepted upload (Mimic source videos); anything bigger is refused before sending. */
export const UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

interface Call<T> {
  method: "GET" | "POST" | "DELETE";
  /**
   * The endpoint: a path template whose `{name}` segments are filled from `params`. Metrics name the
   * endpoint by the template, so they never carry an id.
   */
  path: string;
  params?: Record<string, string>;
  schema: z.ZodType<T>;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: FormData;
  traceId?: string;
  headers?: Record<string, string>;
}

/**
 * The PixVerse Platform API over one pool of kept-alive connections. Every call carries API-KEY and an Ai-trace-id
 * (fresh, except generation submits, whose trace id the caller owns). Failures are PixverseErrors that say
 * whether repeating the call can help; the client itself never retries.
 */
export class PixverseClient {
  private readonly http: HttpClient;
  private readonly origin: string;
  private readonly prefix: string;

  constructor(private readonly options: PixverseClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.prefix = base.pathname.replace(/\/+$/, "");
    const requestTimeout = options.requestTimeoutMs ?? 60_000;
    this.http = new HttpClient({
      maxConnectionsPerOrigin: options.maxConnections ?? 16,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      headersTimeoutMs: requestTimeout,
      bodyTimeoutMs: requestTimeout,
    });
  }

  /** Closes the pool's connections (waits for requests in flight). */
  close(): Promise<void> {
    return this.http.close();
  }

  uploadImage(source: UploadSource): Promise<UploadedImage> {
    return this.upload(
      "/openapi/v2/image/upload",
      { file: "image", url: "image_url" },
      source,
      uploadedImage,
    );
  }

  /** Video or audio; PixVerse detects which and says so in `mediaType`. */
  uploadMedia(source: UploadSource): Promise<UploadedMedia> {
    return this.upload("/openapi/v2/media/upload", { file: "file", url: "file_url" }, source, uploadedMedia);
  }

  /** Submits a video generation; the body is checked against the capability's rules before anything is sent. */
  async generate<C extends VideoCapability>(
    capability: C,
    body: VideoCapabilityBody<C>,
    { traceId }: GenerateOptions,
  ): Promise<VideoSubmitted> {
    const { path, body: schema } = VIDEO_CAPABILITIES[capability];
    const json = validBody(schema, body, capability, traceId);
    return this.call({ method: "POST", path, json, traceId, schema: videoSubmitted });
  }

  async generateImageTemplate(
    body: ImageTemplateBody,
    { traceId }: GenerateOptions,
  ): Promise<ImageSubmitted> {
    const json = validBody(imageTemplateBody, body, "image template", traceId);
    return this.call({
      method: "POST",
      path: "/openapi/v2/image/template/generate",
      json,
      traceId,
      schema: imageSubmitted,
    });
  }

  async getVideoResult(videoId: string): Promise<GenerationResult> {
    return this.call({
      method: "GET",
      path: "/openapi/v2/video/result/{id}",
      params: { id: idSegment(videoId) },
      schema: videoResult,
    });
  }

  async getImageResult(imageId: string): Promise<GenerationResult> {
    return this.call({
      method: "GET",
      path: "/openapi/v2/image/result/{id}",
      params: { id: idSegment(imageId) },
      schema: imageResult,
    });
  }

  /**
   * Swap step 1: masks of the video at a keyframe. Synchronous and billed; pass a traceId to make a retry of
   * the same selection recognisable to PixVerse.
   */
  async selectMask(body: MaskSelectionBody, options: Partial<GenerateOptions> = {}): Promise<MaskSelection> {
    const traceId = options.traceId ?? randomUUID();
    const json = validBody(maskSelectionBody, body, "mask selection", traceId);
    return this.call({
      method: "POST",
      path: "/openapi/v2/video/mask/selection",
      json,
      traceId,
      schema: maskSelection,
    });
  }

  /**
   * The lip-sync voices: PixVerse's own and the account's custom ones. Asks GET /openapi/v2/video/tts_speaker,
   * the path of the newest official page (catalogued by heshaojian/pixverse-api-kit, operation-catalog.md
   * "resource.tts-speakers", 2026); where that path does not exist (HTTP 404), the older
   * /openapi/v2/video/lip_sync/tts_list that the official MCP uses (PixVerseAI/PixVerse-MCP
   * src/pixverse_mcp/client/pixverse.py get_lip_sync_tts_list), which lists PixVerse's voices only.
   */
  async listTtsSpeakers(query: TtsSpeakerQuery = {}): Promise<TtsSpeakers> {
    const traceId = randomUUID();
    const params = validBody(ttsSpeakerQuery, query, "speaker list", traceId) as z.output<
      typeof ttsSpeakerQuery
    >;
    try {
      return await this.call({
        method: "GET",
        path: "/openapi/v2/video/tts_speaker",
        query: params,
        traceId,
        schema: ttsSpeakers,
      });
    } catch (error) {
      const pathMissing =
        error instanceof PixverseError && error.httpStatus === 404 && error.code === undefined;
      if (!pathMissing || params.speaker_type === "custom") throw error;
      const { page_num, page_size } = params;
      return this.call({
        method: "GET",
        path: "/openapi/v2/video/lip_sync/tts_list",
        query: { page_num, page_size },
        schema: ttsSpeakers,
      });
    }
  }

  /** A custom voice from uploaded audio (`uploadMedia`); its speakerId works as `lip_sync_tts_speaker_id`. */
  async createCustomVoice(voice: CustomVoiceBody): Promise<VoiceCreated> {
    const traceId = randomUUID();
    const json = validBody(customVoiceBody, voice, "custom voice", traceId);
    return this.call({
      method: "POST",
      path: "/openapi/v2/video/tts_speaker",
      json,
      traceId,
      schema: voiceCreated,
    });
  }

  async deleteCustomVoice(speakerId: string): Promise<void> {
    if (!/^[\w-]{1,128}$/.test(speakerId)) throw new TypeError(`not a speaker id: ${speakerId}`);
    await this.call({
      method: "DELETE",
      path: "/openapi/v2/video/tts_speaker/{speakerId}",
      params: { speakerId },
      schema: acknowledged,
    });
  }

  listRestyles(page: { page?: number; pageSize?: number } = {}): Promise<Restyles> {
    const query = { page_num: page.page, page_size: page.pageSize };
    return this.call({ method: "GET", path: "/openapi/v2/video/restyle/list", query, schema: restyles });
  }

  /**
   * type 1 = video effects, 2 = image effects; pageSize 10, 20, 50 or 100 (PixVerse refuses others with a
   * request error); language e.g. "en" or "zh-CN".
   */
  listTemplates(
    options: { type?: 1 | 2; page?: number; pageSize?: number; language?: string } = {},
  ): Promise<Templates> {
    return this.call({
      method: "GET",
      path: "/openapi/v2/video/effects/templates/list",
      query: { type: options.type, page: options.page, pageSize: options.pageSize },
      headers: options.language ? { "accept-language": options.language } : {},
      schema: templates,
    });
  }

  getBalance(): Promise<Balance> {
    return this.call({ method: "GET", path: "/openapi/v2/account/balance", schema: balance });
  }

  /**
   * The account's credit deductions and refunds, at most 30 days per query, a page at a time (pass the answer's
   * nextCursor to read on). POST /openapi/v2/account/billing/usage-detail, as heshaojian/pixverse-api-kit
   * catalogues it from the official "usage deduction query" page; the fields of an item are not documented
   * anywhere pixpipe could read, so items come back as PixVerse sent them.
   */
  async getUsageDetail(query: UsageDetailQuery): Promise<UsageDetail> {
    const traceId = randomUUID();
    const json = validBody(usageDetailQuery, query, "usage query", traceId);
    return this.call({
      method: "POST",
      path: "/openapi/v2/account/billing/usage-detail",
      json,
      traceId,
      schema: usageDetail,
    });
  }

  private async upload<T>(
    path: string,
    fields: { file: string; url: string },
    source: UploadSource,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const traceId = randomUUID();
    const form = new FormData();
    if ("url" in source) form.append(fields.url, source.url);
    else form.append(fields.file, await toBlob(source.file, traceId), source.file.filename);
    return this.call({ method: "POST", path, form, traceId, schema });
  }

  /** One request, counted and timed under its endpoint's template whatever its outcome. */
  private async call<T>(call: Call<T>): Promise<T> {
    const metrics = this.options.metrics;
    const endpoint = { Endpoint: call.path };
    const path = call.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.params?.[name];
      if (value === undefined) throw new TypeError(`${call.path}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
    const started = performance.now();
    try {
      return await this.send(call, path);
    } catch (error) {
      if (error instanceof PixverseError)
        metrics?.count(METRICS.pixverseErrors, { ...endpoint, ErrCode: pixverseErrCode(error) });
      throw error;
    } finally {
      metrics?.count(METRICS.pixverseCalls, endpoint);
      metrics?.timing(METRICS.pixverseCallDuration, endpoint, performance.now() - started);
    }
  }

  /** The request itself, to `path` (the call's template filled in). */
  private async send<T>(call: Call<T>, path: string): Promise<T> {
    const traceId = call.traceId ?? randomUUID();
    const url = new URL(this.prefix + path, this.origin);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      "api-key": this.options.apiKey,
      "ai-trace-id": traceId,
      accept: "application/json",
      ...call.headers,
    };
    let body: HttpRequest["body"];
    if (call.form) {
      const form = await encodeMultipart(call.form);
      headers["content-type"] = form.contentType;
      body = form.chunks;
    } else if (call.json !== undefined) {
      headers["content-type"] = "application/json";
      body = stringifyPixverseJson(call.json);
    }

    let status: number;
    let text: string;
    try {
      const response = await this.http.request(url, { method: call.method, headers, body });
      status = response.statusCode;
      text = await readText(response.body);
    } catch (error) {
      throw errorFromTransport(error, traceId);
    }

    let parsed: unknown;
    try {
      parsed = parsePixverseJson(text);
    } catch {
      parsed = undefined;
    }
    const envelope = readEnvelope(parsed);
    if (envelope && envelope.code !== 0)
      throw errorFromErrCode(envelope.code, envelope.message, traceId, status);
    if (status < 200 || status >= 300) throw errorFromHttpStatus(status, text.slice(0, 200), traceId);
    if (!envelope)
      throw errorFromBadResponse(
        parsed === undefined ? "body is not JSON" : "no ErrCode envelope",
        traceId,
        status,
      );
    const resp = call.schema.safeParse(envelope.resp);
    if (!resp.success) {
      throw errorFromBadResponse(
        `Resp does not match: ${z.prettifyError(resp.error).replaceAll("\n", " ")}`,
        traceId,
        status,
      );
    }
    return resp.data;
  }
}

/** Checks a body against its schema; every problem is listed and nothing is sent when there is one. */
function validBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
  traceId: string,
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw new PixverseError({
    kind: "request",
    retryable: false,
    traceId,
    providerMessage: `invalid ${what} request (not sent): ${describeIssues(issues)}`,
    issues,
  });
}

function idSegment(id: string): string {
  const parsed = pixverseId.safeParse(id);
  if (!parsed.success) throw new TypeError(`not a PixVerse id: ${id}`);
  return parsed.data;
}

async function toBlob(file: UploadFile, traceId: string): Promise<Blob> {
  const { data, contentType } = file;
  if (data instanceof Blob) return data.type === contentType ? data : data.slice(0, data.size, contentType);
  if (data instanceof Uint8Array) return new Blob([data], { type: contentType });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of data) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > UPLOAD_MAX_BYTES) {
      data.destroy();
      throw new PixverseError({
        kind: "request",
        retryable: false,
        traceId,
        providerMessage: `${file.filename} exceeds PixVerse's ${UPLOAD_MAX_BYTES / 1024 / 1024} MB upload limit`,
      });
    }
    chunks.push(buffer);
  }
  return new Blob(chunks, { type: contentType });
}
