import { createHmac, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./simulator";
import { eventually, idOf, pixverse, startReceiver, t2vBody } from "./test-support";

/** §4b verification written out here, independently of the simulator's signer. */
function verifies(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const body = JSON.parse(rawBody) as Record<string, string | number | boolean>;
  const pairs = Object.keys(body)
    .sort()
    .map((key): [string, string] => [key, String(body[key])]);
  const query = new URLSearchParams(pairs).toString();
  const signed = `${headers["webhook-timestamp"]}\n${headers["webhook-nonce"]}\n${query}`;
  return createHmac("sha256", secret).update(signed).digest("base64") === headers["webhook-signature"];
}

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function simulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const sim = await startSimulator(options);
  running.push(sim);
  return sim;
}

async function receiver(replies?: [number, string][]) {
  const r = await startReceiver(replies);
  running.push(r);
  return r;
}

describe("generation progress", () => {
  it("moves from status 5 to 1 after generationMs and then serves the video", async () => {
    const sim = await simulator({ generationMs: 150 });
    const api = pixverse(sim);
    const videoId = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    const pending = await api.get(`/openapi/v2/video/result/${videoId}`);
    expect(pending.json.Resp).toMatchObject({ status: 5, url: "", size: 0 });
    const done = await eventually(async () => {
      const answer = await api.get(`/openapi/v2/video/result/${videoId}`);
      return answer.json.Resp?.status === 1 ? answer.json.Resp : undefined;
    });
    expect(done).toMatchObject({
      status: 1,
      outputWidth: 960,
      outputHeight: 540,
      resolution_ratio: 540,
      credits: 45,
      has_audio: false,
      prompt: t2vBody.prompt,
    });
    expect(done.create_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const media = await fetch(done.url as string);
    expect(media.headers.get("content-type")).toBe("video/mp4");
    expect(Number(media.headers.get("content-length"))).toBe(done.size);
    expect(
      Buffer.from(await media.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe("ftyp");
  });

  it("finish() forces moderation failure 7 and refunds the credits", async () => {
    const sim = await simulator({ generationMs: 60_000 });
    const api = pixverse(sim);
    const videoId = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    expect(sim.control.ledger().balance.creditMonthly).toBe(1_000_000 - 45);
    sim.control.finish(videoId, 7);
    const result = await api.get(`/openapi/v2/video/result/${videoId}`);
    expect(result.json.Resp).toMatchObject({ status: 7, url: "", credits: 0 });
    expect(sim.control.ledger().balance.creditMonthly).toBe(1_000_000);
    expect(sim.control.ledger().generations[0]).toMatchObject({ status: 7, refunded: true, credits: 0 });
    expect(() => sim.control.finish(videoId, 1)).toThrow(/already finished/);
  });

  it("finish() over the control API with outputBytes sets the served size", async () => {
    const sim = await simulator({ generationMs: 60_000 });
    const api = pixverse(sim);
    const videoId = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    const finish = await fetch(`${sim.url}/_sim/generations/${videoId}/finish`, {
      method: "POST",
      body: JSON.stringify({ status: 1, outputBytes: 5000 }),
    });
    expect(finish.status).toBe(200);
    expect((await api.get(`/openapi/v2/video/result/${videoId}`)).json.Resp).toMatchObject({
      status: 1,
      size: 5000,
    });
    const bad = await fetch(`${sim.url}/_sim/generations/123/finish`, {
      method: "POST",
      body: `{"status":1}`,
    });
    expect(bad.status).toBe(400);
  });
});

describe("webhooks", () => {
  it("delivers a signed webhook with the submit's trace id when a generation ends", async () => {
    const hook = await receiver();
    const sim = await simulator({ generationMs: 50, webhookUrl: hook.url, largeIds: true });
    const api = pixverse(sim);
    const traceId = randomUUID();
    const videoId = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId }), "video_id");
    await hook.waitFor(1);
    const [delivery] = hook.received;
    if (!delivery) throw new Error("no delivery");
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["ai-trace-id"]).toBe(traceId);
    expect(delivery.headers["webhook-nonce"]).toMatch(/^[0-9a-f]{32}$/);
    const timestamp = Number(delivery.headers["webhook-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(verifies(sim.webhookSecret, delivery.headers, delivery.body)).toBe(true);
    expect(verifies("another-secret", delivery.headers, delivery.body)).toBe(false);
    // the id travels as a string of digits, as in PixVerse's example
    expect(delivery.body).toMatch(
      new RegExp(`^\\{"id":"${videoId}","status":1,"url":"http[^"]+","size":\\d+,`),
    );
    expect(JSON.parse(delivery.body)).toMatchObject({
      id: videoId,
      status: 1,
      has_audio: false,
      credits: 45,
    });
    await eventually(() => (sim.control.webhookDeliveries()[0]?.accepted ? true : undefined));
    expect(sim.control.webhookDeliveries()).toHaveLength(1);
  });

  it("retries with a fresh signature until the receiver answers 200 ok", async () => {
    const hook = await receiver([
      [500, "boom"],
      [200, "OK"],
      [204, ""],
      [200, "ok"],
    ]);
    const sim = await simulator({ generationMs: 10, webhookUrl: hook.url, timeFactor: 0.001 });
    await pixverse(sim).post("/openapi/v2/video/text/generate", t2vBody);
    await hook.waitFor(4);
    await eventually(() => (sim.control.webhookDeliveries().length === 4 ? true : undefined));
    const log = sim.control.webhookDeliveries();
    expect(log.map((d) => [d.kind, d.attempt, d.accepted])).toEqual([
      ["delivery", 0, false],
      ["retry", 1, false],
      ["retry", 2, false],
      ["retry", 3, true],
    ]);
    expect(new Set(hook.received.map((r) => r.headers["webhook-nonce"])).size).toBe(4);
    for (const r of hook.received) expect(verifies(sim.webhookSecret, r.headers, r.body)).toBe(true);
    // the gaps follow the schedule: 2 s, 10 s, 30 s scaled by 0.001
    const gaps = hook.received.slice(1).map((r, i) => r.receivedAt - (hook.received[i]?.receivedAt ?? 0));
    expect(gaps[1]).toBeGreaterThanOrEqual(9);
    expect(gaps[2]).toBeGreaterThanOrEqual(29);
  });

  it("gives up after the eighth retry", async () => {
    const hook = await receiver([[503, "down"]]);
    const sim = await simulator({ generationMs: 1, webhookUrl: hook.url, timeFactor: 0.00005 });
    await pixverse(sim).post("/openapi/v2/video/text/generate", t2vBody);
    await hook.waitFor(9);
    await eventually(() => (sim.control.webhookDeliveries().length === 9 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.received).toHaveLength(9);
    expect(sim.control.webhookDeliveries().map((d) => d.attempt)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("sends webhooks for failed generations with status 7 and 8", async () => {
    const hook = await receiver();
    const sim = await simulator({ generationMs: 60_000, webhookUrl: hook.url });
    const api = pixverse(sim);
    const a = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    const b = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(a, 7);
    sim.control.finish(b, 8);
    await hook.waitFor(2);
    const bodies = hook.received.map((r) => JSON.parse(r.body));
    expect(bodies).toContainEqual({ id: a, status: 7, url: "", size: 0, has_audio: false, credits: 0 });
    expect(bodies).toContainEqual({ id: b, status: 8, url: "", size: 0, has_audio: false, credits: 0 });
  });

  it("can be pointed at a webhook URL later through the control API", async () => {
    const hook = await receiver();
    const sim = await simulator({ generationMs: 60_000 });
    const config = await fetch(`${sim.url}/_sim/config`, {
      method: "POST",
      body: JSON.stringify({ webhookUrl: hook.url }),
    });
    expect(config.status).toBe(200);
    const videoId = idOf(await pixverse(sim).post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(videoId, 1);
    await hook.waitFor(1);
    const log = (await (await fetch(`${sim.url}/_sim/webhooks`)).json()) as {
      videoId: string;
      kind: string;
    }[];
    expect(log[0]).toMatchObject({ videoId, kind: "delivery" });
  });

  it("stop() cancels pending retries", async () => {
    const hook = await receiver([[500, "no"]]);
    const sim = await startSimulator({ generationMs: 1, webhookUrl: hook.url, timeFactor: 0.05 });
    await pixverse(sim).post("/openapi/v2/video/text/generate", t2vBody);
    await pixverse(sim).post("/openapi/v2/video/text/generate", t2vBody);
    await hook.waitFor(2);
    await sim.stop();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first retries were due after 100 ms
    expect(hook.received).toHaveLength(2);
  });
});
