import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { type Context, Hono } from "hono";
import { plain } from "./body";
import { controlRoutes, type SimulatorControl } from "./control";
import type { Engine } from "./engine";
import { ErrCode, emptyParam, errorEnvelope, invalidParam, PixverseError, wrongType } from "./errors";
import type { FaultSubject } from "./faults";
import { requestFault } from "./request-faults";
import { sniffImage, sniffMedia } from "./sniff";
import { usageQuery } from "./usage";
import type { GenerationOperation } from "./validation";
import { parseWire, stringifyWire, type WireValue } from "./wire";

type Env = { Bindings: HttpBindings };
type Ctx = Context<Env>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
const IMAGE_MAX_SIDE = 4000;
const MEDIA_MAX_BYTES = 50 * 1024 * 1024;
const MEDIA_MAX_SECONDS = 30;

/** Generation endpoints (pixverse-api.md §2.1) by operation name. */
export const generationPaths: Record<GenerationOperation, string> = {
  text_to_video: "/openapi/v2/video/text/generate",
  image_to_video: "/openapi/v2/video/img/generate",
  transition: "/openapi/v2/video/transition/generate",
  multi_transition: "/openapi/v2/video/multi_transition/generate",
  fusion: "/openapi/v2/video/fusion/generate",
  extend: "/openapi/v2/video/extend/generate",
  lip_sync: "/openapi/v2/video/lip_sync/generate",
  sound_effect: "/openapi/v2/video/sound_effect/generate",
  restyle: "/openapi/v2/video/restyle/generate",
  swap: "/openapi/v2/video/swap/generate",
  mimic: "/openapi/v2/video/mimic/generate",
  modify: "/openapi/v2/video/modify/generate",
  upscale: "/openapi/v2/video/upscale/generate",
  image_template: "/openapi/v2/image/template/generate",
};

const jsonType = { "Content-Type": "application/json" };

function success(c: Ctx, resp: unknown) {
  return c.body(stringifyWire({ ErrCode: 0, ErrMsg: "success", Resp: resp }), 200, jsonType);
}

function failure(c: Ctx, errCode: number, errMsg: string, httpStatus?: number) {
  const { status, body } = errorEnvelope(errCode, errMsg);
  return c.body(stringifyWire(body), (httpStatus ?? status) as 200, jsonType);
}

/** A JSON body; like PixVerse's binding, it needs Content-Type: application/json. */
async function jsonBody(c: Ctx): Promise<WireValue> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw wrongType("body", "application/json (Content-Type)");
  }
  const text = await c.req.text();
  try {
    return parseWire(text);
  } catch {
    throw new PixverseError(ErrCode.invalidBinding, "Invalid binding request: the body is not valid JSON");
  }
}

async function formBody(c: Ctx): Promise<Record<string, string | File>> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    throw wrongType("body", "multipart/form-data");
  }
  try {
    return (await c.req.parseBody()) as Record<string, string | File>;
  } catch {
    throw new PixverseError(ErrCode.invalidBinding, "Invalid binding request: malformed multipart body");
  }
}

/** Exactly one of a file field or a URL field of a multipart upload. */
function fileOrUrl(form: Record<string, string | File>, fileField: string, urlField: string) {
  const file = form[fileField];
  const url = form[urlField];
  const hasFile = file !== undefined && file !== "";
  const hasUrl = url !== undefined && url !== "";
  if (hasFile && hasUrl) throw invalidParam(`only one of ${fileField} or ${urlField} may be set`);
  if (!hasFile && !hasUrl) throw emptyParam(`${fileField} or ${urlField}`);
  if (hasFile) {
    if (typeof file === "string") throw wrongType(fileField, "a file");
    return { file: file as File };
  }
  if (typeof url !== "string") throw wrongType(urlField, "a string");
  return { url };
}

function httpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

const videoExtensions = ["mp4", "mov", "webm"];
const audioExtensions = ["mp3", "wav", "m4a", "aac"];

function pageParam(c: Ctx, name: string, fallback: number, allowed?: number[]): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || (allowed && !allowed.includes(value))) {
    throw invalidParam(
      allowed ? `${name} must be one of ${allowed.join(", ")}` : `${name} must be a positive integer`,
    );
  }
  return value;
}

/** A request body as the request log keeps it; never throws (a bad body is the handler's to refuse). */
async function loggedBody(c: Ctx): Promise<unknown> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  try {
    if (type.startsWith("multipart/form-data")) {
      const form = (await c.req.parseBody()) as Record<string, string | File>;
      return Object.fromEntries(
        Object.entries(form).map(([field, value]) => [
          field,
          typeof value === "string" ? value : { file: value.name, size: value.size, type: value.type },
        ]),
      );
    }
    const text = await c.req.text();
    if (text === "") return undefined;
    try {
      return plain(parseWire(text));
    } catch {
      return text.slice(0, 4096);
    }
  } catch {
    return undefined;
  }
}

function idParam(c: Ctx, name: string): string {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,20}$/.test(raw)) throw invalidParam(`${name} must be an integer id`);
  return BigInt(raw).toString();
}

export function createApp(engine: Engine, control: SimulatorControl): Hono<Env> {
  const app = new Hono<Env>();

  /** Latency, connection resets, HTTP errors and ErrCode errors for a request; a Response when one fires. */
  async function requestFaults(c: Ctx, subject: FaultSubject): Promise<Response | undefined> {
    const action = await requestFault(engine, subject);
    if (!action) return undefined;
    if (action.kind === "reset") {
      c.env.incoming.socket.destroy();
      return RESPONSE_ALREADY_SENT;
    }
    return c.body(action.body, action.status as 200, { "Content-Type": action.contentType });
  }

  type Handler = (c: Ctx, traceId: string) => unknown | Promise<unknown>;

  /**
   * A PixVerse endpoint: the request is logged (control.requests()), then request faults, API-KEY and
   * Ai-trace-id checks, then the handler's Resp; the log entry records the ErrCode answered.
   */
  function endpoint(method: "GET" | "POST" | "DELETE", path: string, operation: string, handler: Handler) {
    app.on(method, path, async (c) => {
      engine.countRequest(operation);
      const recorded = engine.recordRequest({
        method,
        path: c.req.path,
        operation,
        traceId: c.req.header("Ai-trace-id"),
        query: c.req.query(),
        body: method === "GET" ? undefined : await loggedBody(c),
      });
      const faulted = await requestFaults(c, { operations: [operation], path: c.req.path });
      if (faulted) return faulted;
      try {
        const apiKey = c.req.header("API-KEY");
        if (!apiKey) throw new PixverseError(ErrCode.invalidAccount, "API-KEY is required");
        if (apiKey !== engine.config.apiKey)
          throw new PixverseError(ErrCode.invalidAccount, "Invalid API-KEY");
        const traceId = c.req.header("Ai-trace-id");
        if (!traceId) throw emptyParam("Ai-trace-id");
        if (!UUID.test(traceId)) throw invalidParam("Ai-trace-id must be a UUID");
        const resp = await handler(c, traceId.toLowerCase());
        recorded.errCode = ErrCode.success;
        return success(c, resp);
      } catch (error) {
        recorded.errCode = error instanceof PixverseError ? error.errCode : ErrCode.unknown;
        throw error;
      }
    });
  }

  endpoint("POST", "/openapi/v2/image/upload", "image_upload", async (c) => {
    const source = fileOrUrl(await formBody(c), "image", "image_url");
    if (source.url !== undefined) {
      if (!httpUrl(source.url)) throw new PixverseError(ErrCode.invalidImagePath);
      const upload = engine.uploadByUrl("image", source.url);
      return { img_id: BigInt(upload.id), img_url: upload.url };
    }
    const bytes = Buffer.from(await source.file.arrayBuffer());
    if (bytes.length >= IMAGE_MAX_BYTES) throw new PixverseError(ErrCode.imageTooLarge);
    const info = sniffImage(bytes);
    if (!info) throw new PixverseError(ErrCode.invalidImageFormat);
    if (info.width === undefined || info.height === undefined)
      throw new PixverseError(ErrCode.imageInfoFailed);
    if (info.width === 0 || info.height === 0) throw new PixverseError(ErrCode.invalidImageDimensions);
    if (info.width > IMAGE_MAX_SIDE || info.height > IMAGE_MAX_SIDE)
      throw new PixverseError(ErrCode.imageTooLarge);
    const upload = engine.uploadImageFile(bytes, info);
    return { img_id: BigInt(upload.id), img_url: upload.url };
  });

  endpoint("POST", "/openapi/v2/media/upload", "media_upload", async (c) => {
    const source = fileOrUrl(await formBody(c), "file", "file_url");
    if (source.url !== undefined) {
      const url = httpUrl(source.url);
      if (!url) throw invalidParam("file_url must be an http(s) URL");
      const extension = url.pathname.split(".").pop()?.toLowerCase() ?? "";
      const type = videoExtensions.includes(extension)
        ? "video"
        : audioExtensions.includes(extension)
          ? "audio"
          : null;
      if (!type) throw invalidParam("unsupported file format, supported: mp4, mov, webm, mp3, wav, m4a, aac");
      const upload = engine.uploadByUrl(type, source.url);
      return { media_id: BigInt(upload.id), media_type: type, url: upload.url };
    }
    const bytes = Buffer.from(await source.file.arrayBuffer());
    if (bytes.length > MEDIA_MAX_BYTES) throw invalidParam("file size cannot exceed 50MB");
    const info = sniffMedia(bytes);
    if (!info) throw invalidParam("unsupported file format, supported: mp4, mov, webm, mp3, wav, m4a, aac");
    if (info.durationSeconds !== undefined && info.durationSeconds > MEDIA_MAX_SECONDS) {
      throw invalidParam(`${info.type} duration cannot exceed ${MEDIA_MAX_SECONDS}s`);
    }
    const upload = engine.uploadMediaFile(bytes, info);
    return { media_id: BigInt(upload.id), media_type: info.type, url: upload.url };
  });

  for (const [operation, path] of Object.entries(generationPaths) as [GenerationOperation, string][]) {
    endpoint("POST", path, operation, async (c, traceId) =>
      engine.submit(traceId, operation, await jsonBody(c)),
    );
  }

  endpoint("POST", "/openapi/v2/video/mask/selection", "mask_selection", async (c) =>
    engine.maskSelection(await jsonBody(c)),
  );

  endpoint("GET", "/openapi/v2/video/result/:video_id", "video_result", (c) =>
    engine.videoResult(idParam(c, "video_id")),
  );
  endpoint("GET", "/openapi/v2/image/result/:image_id", "image_result", (c) =>
    engine.imageResult(idParam(c, "image_id")),
  );

  // The older speaker list (the official MCP's): PixVerse's own voices.
  endpoint("GET", "/openapi/v2/video/lip_sync/tts_list", "tts_list", (c) =>
    engine.ttsList(pageParam(c, "page_num", 1), pageParam(c, "page_size", 30), "system"),
  );
  // The current one (the kit's catalogue of the official page): PixVerse's and the account's custom voices.
  endpoint("GET", "/openapi/v2/video/tts_speaker", "tts_speaker", (c) => {
    const type = c.req.query("speaker_type");
    if (type !== undefined && type !== "" && !["system", "custom", "all"].includes(type)) {
      throw invalidParam("speaker_type must be system, custom or all");
    }
    return engine.ttsList(
      pageParam(c, "page_num", 1),
      pageParam(c, "page_size", 20, [10, 20, 50, 100]),
      (type || "all") as "system" | "custom" | "all",
    );
  });
  endpoint("POST", "/openapi/v2/video/tts_speaker", "voice_create", async (c) =>
    engine.createVoice(await jsonBody(c)),
  );
  endpoint("DELETE", "/openapi/v2/video/tts_speaker/:speaker_id", "voice_delete", (c) =>
    engine.deleteVoice(c.req.param("speaker_id") ?? ""),
  );
  endpoint("GET", "/openapi/v2/video/restyle/list", "restyle_list", (c) =>
    engine.restyleList(pageParam(c, "page_num", 1), pageParam(c, "page_size", 20)),
  );
  endpoint("GET", "/openapi/v2/video/effects/templates/list", "template_list", (c) => {
    const type = c.req.query("type");
    if (type !== undefined && type !== "" && type !== "1" && type !== "2")
      throw invalidParam("type must be 1 or 2");
    const chinese = (c.req.header("Accept-Language") ?? "").toLowerCase().startsWith("zh");
    return engine.templateList(
      type ? Number(type) : undefined,
      pageParam(c, "page", 1),
      pageParam(c, "pageSize", 50, [10, 20, 50, 100]),
      chinese,
    );
  });
  endpoint("GET", "/openapi/v2/account/balance", "balance", () => engine.balance());
  endpoint("POST", "/openapi/v2/account/billing/usage-detail", "usage_detail", async (c) =>
    engine.usageDetail(usageQuery(await jsonBody(c))),
  );

  app.route("/_sim", controlRoutes(control));

  app.onError((error, c) => {
    if (error instanceof PixverseError) return failure(c, error.errCode, error.errMsg);
    console.error("[pixverse-simulator]", error);
    return failure(c, ErrCode.unknown, "Unknown error", 500);
  });

  return app;
}
