import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectedContentSha256 } from "./media";
import { type RunningSimulator, startSimulator } from "./simulator";
import { idOf, type PixverseTestClient, pixverse, t2vBody } from "./test-support";

let sim: RunningSimulator;
let api: PixverseTestClient;

beforeAll(async () => {
  sim = await startSimulator({ generationMs: 60_000 });
  api = pixverse(sim);
});
afterAll(() => sim.stop());
beforeEach(() => sim.control.reset());

async function finishedVideo(outputBytes?: number, body: object = t2vBody) {
  const id = idOf(await api.post("/openapi/v2/video/text/generate", body), "video_id");
  sim.control.finish(id, 1, { outputBytes });
  const resp = (await api.get(`/openapi/v2/video/result/${id}`)).json.Resp ?? {};
  return { id, url: String(resp.url), size: Number(resp.size) };
}

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** Top-level ISO-BMFF boxes: [type, size][], failing if the sizes do not tile the file exactly. */
function boxes(file: Buffer): [string, number][] {
  const found: [string, number][] = [];
  let offset = 0;
  while (offset < file.length) {
    let size = file.readUInt32BE(offset);
    if (size === 1) size = Number(file.readBigUInt64BE(offset + 8));
    if (size < 8 || offset + size > file.length) throw new Error(`bad box at ${offset}`);
    found.push([file.toString("latin1", offset + 4, offset + 8), size]);
    offset += size;
  }
  return found;
}

describe("result media", () => {
  it("serves a small valid MP4 that starts with an ftyp box and declares the video's duration", async () => {
    const { url, size } = await finishedVideo(undefined, { ...t2vBody, duration: 8 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    const file = await bytesOf(response);
    expect(file.length).toBe(size);
    expect(boxes(file).map(([type]) => type)).toEqual(["ftyp", "free", "moov"]);
    expect(file.toString("latin1", 8, 12)).toBe("isom");
    const mvhd = file.indexOf("mvhd");
    expect(file.readUInt32BE(mvhd + 20) / file.readUInt32BE(mvhd + 16)).toBe(8); // duration / timescale
  });

  it("answers HEAD with the length and no body", async () => {
    const { url, size } = await finishedVideo();
    const response = await fetch(url, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBe(size);
    expect((await bytesOf(response)).length).toBe(0);
  });

  it("serves byte ranges with 206 and Content-Range, and 416 beyond the end", async () => {
    const { url } = await finishedVideo(10_000);
    const full = await bytesOf(await fetch(url));
    const range = async (header: string) => fetch(url, { headers: { Range: header } });

    const middle = await range("bytes=100-199");
    expect(middle.status).toBe(206);
    expect(middle.headers.get("content-range")).toBe("bytes 100-199/10000");
    expect(middle.headers.get("content-length")).toBe("100");
    expect(await bytesOf(middle)).toEqual(full.subarray(100, 200));

    const open = await range("bytes=9990-");
    expect(open.headers.get("content-range")).toBe("bytes 9990-9999/10000");
    expect(await bytesOf(open)).toEqual(full.subarray(9990));

    const suffix = await range("bytes=-7");
    expect(suffix.headers.get("content-range")).toBe("bytes 9993-9999/10000");
    expect(await bytesOf(suffix)).toEqual(full.subarray(9993));

    const clamped = await range("bytes=9000-20000");
    expect(clamped.headers.get("content-range")).toBe("bytes 9000-9999/10000");

    const beyond = await range("bytes=10000-");
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */10000");
  });

  it("produces the same bytes for any split into ranges (content is a function of id and offset)", async () => {
    const { url } = await finishedVideo(70_003);
    const full = await bytesOf(await fetch(url));
    const cuts = [0, 1, 15, 17, 40, 41, 65_536, 65_553, 70_003];
    const parts: Buffer[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const response = await fetch(url, { headers: { Range: `bytes=${cuts[i]}-${(cuts[i + 1] ?? 0) - 1}` } });
      parts.push(await bytesOf(response));
    }
    expect(Buffer.concat(parts)).toEqual(full);
    expect(boxes(full).map(([type]) => type)).toEqual(["ftyp", "mdat"]);
  });

  it("matches expectedContentSha256 and control.contentSha256", async () => {
    const small = await finishedVideo();
    const sized = await finishedVideo(123_457);
    const sha = async (url: string) =>
      createHash("sha256")
        .update(await bytesOf(await fetch(url)))
        .digest("hex");
    expect(await sha(small.url)).toBe(await expectedContentSha256({ videoId: small.id, durationSeconds: 5 }));
    expect(await sha(sized.url)).toBe(
      await expectedContentSha256({ videoId: sized.id, outputBytes: 123_457 }),
    );
    expect(await sha(sized.url)).toBe(await sim.control.contentSha256(sized.id));
    expect(await sha(small.url)).not.toBe(await sha(sized.url));
  });

  it("applies setOutputBytes to videos finished afterwards", async () => {
    sim.control.setOutputBytes(4096);
    const { size, url } = await finishedVideo();
    expect(size).toBe(4096);
    expect((await bytesOf(await fetch(url))).length).toBe(4096);
  });

  it("answers 404 for unknown media and 405 for other methods", async () => {
    expect((await fetch(`${sim.url}/media/1.mp4`)).status).toBe(404);
    const { url } = await finishedVideo();
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
  });

  it("streams a 1 GiB video with flat memory and the expected SHA-256", { timeout: 180_000 }, async () => {
    const size = 1024 ** 3;
    const { id, url } = await finishedVideo(size);
    const response = await fetch(url);
    expect(Number(response.headers.get("content-length"))).toBe(size);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const hash = createHash("sha256");
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      received += value.length;
      if (received % (64 * 1024 * 1024) < value.length) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(received).toBe(size);
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
    expect(hash.digest("hex")).toBe(await expectedContentSha256({ videoId: id, outputBytes: size }));
  });
});
