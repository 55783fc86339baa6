import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { Engine } from "./engine";
import type { MediaBody } from "./media";
import { requestFault } from "./request-faults";

export const MEDIA_PREFIX = "/media/";

/** Parses a single-range `Range` header: null = serve everything, "unsatisfiable" = 416. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | "unsatisfiable" {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return null;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/** Writes a media body straight to the socket (backpressure via pipeline); truncation closes it early. */
function serveMedia(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body: MediaBody,
  truncateAfter: number | undefined,
) {
  const headers: Record<string, string | number> = {
    "Content-Type": body.contentType,
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=86400",
  };
  const range = parseRange(incoming.headers.range, body.size);
  if (range === "unsatisfiable") {
    outgoing.writeHead(416, { ...headers, "Content-Range": `bytes */${body.size}`, "Content-Length": 0 });
    outgoing.end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? body.size - 1;
  const length = Math.max(0, end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${body.size}`;
  outgoing.writeHead(range ? 206 : 200, { ...headers, "Content-Length": length });
  if (incoming.method === "HEAD" || length === 0) {
    outgoing.end();
    return;
  }
  if (truncateAfter === undefined || truncateAfter >= length) {
    pipeline(body.open(start, end), outgoing).catch(() => {});
    return;
  }
  // Send part of the promised Content-Length, then close the connection: the client sees a premature end.
  const closeSocket = () => outgoing.socket?.end();
  if (truncateAfter <= 0) {
    outgoing.flushHeaders();
    closeSocket();
    return;
  }
  pipeline(body.open(start, start + truncateAfter - 1), outgoing, { end: false }).then(closeSocket, () => {});
}

function plain(outgoing: ServerResponse, status: number, text: string) {
  outgoing.writeHead(status, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(text) });
  outgoing.end(text);
}

/**
 * Result, upload and catalogue media (GET/HEAD under /media/), served outside Hono so that bodies of
 * any size stream with backpressure and faults can cut the connection at an exact byte.
 */
export async function handleMedia(engine: Engine, incoming: IncomingMessage, outgoing: ServerResponse) {
  engine.countRequest("media_download");
  const path = (incoming.url ?? "").split("?")[0] ?? "";
  if (incoming.method !== "GET" && incoming.method !== "HEAD") {
    outgoing.setHeader("Allow", "GET, HEAD");
    plain(outgoing, 405, "Method Not Allowed");
    return;
  }
  const entry = engine.mediaEntry(path.slice(MEDIA_PREFIX.length));
  const subject = { operations: ["media_download", ...(entry ? [entry.operation] : [])], path };
  const action = await requestFault(engine, subject);
  if (action?.kind === "reset") {
    incoming.socket.destroy();
    return;
  }
  if (action) {
    outgoing.writeHead(action.status, { "Content-Type": action.contentType });
    outgoing.end(action.body);
    return;
  }
  if (!entry) {
    plain(outgoing, 404, "Not Found");
    return;
  }
  const expired = engine.faults.draw("url-expiry", subject, (f) => Date.now() - entry.since >= f.ttlMs);
  if (expired) {
    const status = expired.status ?? 403;
    plain(outgoing, status, status === 404 ? "Not Found" : "Access Denied: the URL has expired");
    return;
  }
  const truncate = engine.faults.draw("download-truncate", subject);
  serveMedia(incoming, outgoing, entry.body, truncate?.afterBytes);
}
