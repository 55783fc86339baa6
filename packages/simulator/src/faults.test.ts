import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { solidPng } from "./media";
import { type RunningSimulator, startSimulator } from "./simulator";
import {
  eventually,
  fileForm,
  idOf,
  type PixverseTestClient,
  pixverse,
  startReceiver,
  t2vBody,
} from "./test-support";

let sim: RunningSimulator;
let api: PixverseTestClient;
let hook: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  hook = await startReceiver();
  sim = await startSimulator({ generationMs: 60_000, timeFactor: 0.001 });
  api = pixverse(sim);
});
afterAll(async () => {
  await sim.stop();
  await hook.stop();
});
beforeEach(() => {
  sim.control.reset();
  hook.received.length = 0;
});

const balance = () => api.get("/openapi/v2/account/balance");

async function finishedVideo(outputBytes?: number): Promise<{ id: string; url: string }> {
  const id = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
  sim.control.finish(id, 1, { outputBytes });
  const result = await api.get(`/openapi/v2/video/result/${id}`);
  return { id, url: String(result.json.Resp?.url) };
}

/** GETs a URL with node:http and reports how many body bytes arrived and whether the body completed. */
function download(
  url: string,
): Promise<{ status: number; contentLength: number; received: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      let received = 0;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      const done = () =>
        resolve({
          status: res.statusCode ?? 0,
          contentLength: Number(res.headers["content-length"]),
          received,
          complete: res.complete,
        });
      res.on("end", done);
      res.on("aborted", done);
      res.on("error", done);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("request faults", () => {
  it("answers an ErrCode on the targeted operation only, for `times` requests", async () => {
    sim.control.setFaults([{ type: "error", target: "text_to_video", errCode: 500069, times: 2 }]);
    expect((await api.post("/openapi/v2/video/text/generate", t2vBody)).json.ErrCode).toBe(500069);
    expect((await balance()).json.ErrCode).toBe(0);
    expect((await api.post("/openapi/v2/video/text/generate", t2vBody)).json.ErrCode).toBe(500069);
    expect((await api.post("/openapi/v2/video/text/generate", t2vBody)).json.ErrCode).toBe(0);
    expect(sim.control.faults()[0]?.hits).toBe(2);
    expect(sim.control.ledger().generations).toHaveLength(1);
  });

  it("targets by request path as well as by operation name", async () => {
    sim.control.setFaults([{ type: "error", target: "/openapi/v2/account/balance", errCode: 500100 }]);
    expect((await balance()).json.ErrCode).toBe(500100);
  });

  it("answers an ErrCode envelope with another HTTP status when asked", async () => {
    sim.control.setFaults([{ type: "error", target: "balance", errCode: 99999, httpStatus: 500 }]);
    const answer = await balance();
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ ErrCode: 99999, ErrMsg: "Unknown error", Resp: null });
  });

  it("answers image moderation 500052 with HTTP 500 and lower-case keys", async () => {
    sim.control.setFaults([{ type: "error", target: "image_upload", errCode: 500052 }]);
    const answer = await api.upload(
      "/openapi/v2/image/upload",
      fileForm("image", solidPng(8, 8), "a.png", "image/png"),
    );
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({
      err_code: 500052,
      err_msg: "image failed moderation",
      resp: "",
    });
  });

  it("answers a bare HTTP status", async () => {
    sim.control.setFaults([{ type: "http", target: "video_result", status: 502, body: "Bad Gateway" }]);
    const response = await fetch(`${sim.url}/openapi/v2/video/result/1`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe("Bad Gateway");
  });

  it("resets the connection", async () => {
    sim.control.setFaults([{ type: "reset", target: "balance", times: 1 }]);
    await expect(balance()).rejects.toThrow();
    expect((await balance()).json.ErrCode).toBe(0);
  });

  it("adds latency", async () => {
    sim.control.setFaults([{ type: "latency", target: "balance", ms: 200 }]);
    const started = performance.now();
    expect((await balance()).json.ErrCode).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("applies faults before authentication, like an outage would", async () => {
    sim.control.setFaults([{ type: "error", errCode: 500069 }]);
    expect((await api.get("/openapi/v2/account/balance", { apiKey: "wrong" })).json.ErrCode).toBe(500069);
  });

  it("never fires at rate 0 and decides the same way for the same seed", async () => {
    sim.control.setFaults([{ type: "error", target: "balance", errCode: 500069, rate: 0 }]);
    for (let i = 0; i < 5; i++) expect((await balance()).json.ErrCode).toBe(0);

    const run = async () => {
      sim.control.setFaults([{ type: "error", target: "balance", errCode: 500069, rate: 0.5 }], { seed: 42 });
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) codes.push((await balance()).json.ErrCode);
      return codes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(0);
    expect(first).toContain(500069);
  });

  it("sets and clears faults over the control API, refusing malformed ones", async () => {
    const set = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify({ faults: [{ type: "error", target: "balance", errCode: 500069 }] }),
    });
    expect(set.status).toBe(200);
    expect((await balance()).json.ErrCode).toBe(500069);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" })).status).toBe(200);
    expect((await balance()).json.ErrCode).toBe(0);
    const bad = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: `{"faults":[{"type":"gremlins"}]}`,
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "unknown fault type gremlins" });
  });
});

describe("generation outcome faults", () => {
  it("forces status 8 on the targeted operation and refunds", async () => {
    sim.control.setGenerationMs(10);
    sim.control.setFaults([{ type: "outcome", target: "text_to_video", status: 8 }]);
    const id = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    const result = await eventually(async () => {
      const answer = await api.get(`/openapi/v2/video/result/${id}`);
      return answer.json.Resp?.status === 5 ? undefined : answer.json.Resp;
    });
    expect(result).toMatchObject({ status: 8, credits: 0, url: "" });
    expect(sim.control.ledger().balance.creditMonthly).toBe(1_000_000);
  });
});

describe("webhook faults", () => {
  const finishOne = async () => {
    const id = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(id, 1);
    return id;
  };

  beforeEach(() => sim.control.setWebhookUrl(hook.url));

  it("drops a webhook", async () => {
    sim.control.setFaults([{ type: "webhook-drop", times: 1 }]);
    await finishOne();
    const second = await finishOne();
    await hook.waitFor(1);
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(hook.received[0]?.body ?? "").id).toBe(second);
    expect(sim.control.webhookDeliveries()[0]?.kind).toBe("dropped");
  });

  it("duplicates a webhook with a fresh signature", async () => {
    sim.control.setFaults([{ type: "webhook-duplicate" }]);
    await finishOne();
    await hook.waitFor(2);
    const [a, b] = hook.received;
    expect(a?.body).toBe(b?.body);
    expect(a?.headers["webhook-nonce"]).not.toBe(b?.headers["webhook-nonce"]);
  });

  it("replays a webhook byte for byte (same nonce and signature)", async () => {
    sim.control.setFaults([{ type: "webhook-duplicate", replay: true }]);
    await finishOne();
    await hook.waitFor(2);
    const [a, b] = hook.received;
    expect(b?.headers["webhook-nonce"]).toBe(a?.headers["webhook-nonce"]);
    expect(b?.headers["webhook-signature"]).toBe(a?.headers["webhook-signature"]);
    await eventually(() => (sim.control.webhookDeliveries().length === 2 ? true : undefined));
    expect(sim.control.webhookDeliveries().map((d) => d.kind)).toEqual(["delivery", "replay"]);
  });

  it("delays a webhook", async () => {
    sim.control.setFaults([{ type: "webhook-delay", ms: 200 }]);
    const finishedAt = Date.now();
    await finishOne();
    await hook.waitFor(1);
    expect((hook.received[0]?.receivedAt ?? 0) - finishedAt).toBeGreaterThanOrEqual(190);
  });

  it("reorders: a held webhook arrives after the next one", async () => {
    sim.control.setFaults([{ type: "webhook-reorder", times: 1 }]);
    const first = await finishOne();
    const second = await finishOne();
    await hook.waitFor(2);
    expect(hook.received.map((r) => JSON.parse(r.body).id)).toEqual([second, first]);
  });

  it("releases a held webhook after maxHoldMs when nothing else is sent", async () => {
    sim.control.setFaults([{ type: "webhook-reorder", maxHoldMs: 50 }]);
    const id = await finishOne();
    await hook.waitFor(1);
    expect(JSON.parse(hook.received[0]?.body ?? "").id).toBe(id);
  });
});

describe("download faults", () => {
  it("truncates a download: the headers promise the full length, the socket closes after N bytes", async () => {
    const { url } = await finishedVideo(100_000);
    sim.control.setFaults([{ type: "download-truncate", afterBytes: 1000, times: 1 }]);
    const cut = await download(url);
    expect(cut).toMatchObject({ status: 200, contentLength: 100_000, received: 1000, complete: false });
    expect(await download(url)).toMatchObject({ status: 200, received: 100_000, complete: true });
  });

  it("fails a download with an HTTP status or a reset", async () => {
    const { url } = await finishedVideo();
    sim.control.setFaults([{ type: "http", target: "media_download", status: 500, times: 1 }]);
    expect((await fetch(url)).status).toBe(500);
    sim.control.setFaults([{ type: "reset", target: "media_download", times: 1 }]);
    await expect(fetch(url)).rejects.toThrow();
    expect((await fetch(url)).status).toBe(200);
  });

  it("expires result URLs after the TTL with 403 or 404", async () => {
    const { url } = await finishedVideo();
    sim.control.setFaults([{ type: "url-expiry", ttlMs: 60_000 }]);
    expect((await fetch(url)).status).toBe(200);
    sim.control.setFaults([{ type: "url-expiry", ttlMs: 0 }]);
    expect((await fetch(url)).status).toBe(403);
    sim.control.setFaults([{ type: "url-expiry", ttlMs: 0, status: 404 }]);
    expect((await fetch(url)).status).toBe(404);
  });

  it("targets download faults by the generation's operation", async () => {
    const { url } = await finishedVideo();
    sim.control.setFaults([{ type: "url-expiry", target: "image_template", ttlMs: 0 }]);
    expect((await fetch(url)).status).toBe(200);
    sim.control.setFaults([{ type: "url-expiry", target: "text_to_video", ttlMs: 0 }]);
    expect((await fetch(url)).status).toBe(403);
  });
});
