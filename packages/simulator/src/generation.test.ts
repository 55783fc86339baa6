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

describe("status 6 (deleted) and 8 (failed, then generated again)", () => {
  it("ends a generation deleted by an outcome fault or finish(), refunded and without a URL", async () => {
    const hook = await receiver();
    const sim = await simulator({ generationMs: 20, webhookUrl: hook.url });
    sim.control.setFaults([{ type: "outcome", status: 6, times: 1 }]);
    const api = pixverse(sim);
    const faulted = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    await hook.waitFor(1);
    expect(JSON.parse(hook.received[0]?.body ?? "{}")).toMatchObject({ id: faulted, status: 6, url: "" });
    sim.control.setGenerationMs(60_000);
    const forced = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(forced, 6);
    expect((await api.get(`/openapi/v2/video/result/${forced}`)).json.Resp).toMatchObject({
      status: 6,
      url: "",
    });
    expect(sim.control.ledger().generations.map((g) => [g.status, g.credits, g.creditsCharged])).toEqual([
      [6, 0, 45],
      [6, 0, 45],
    ]);
  });

  it("deletes a finished video: its URL stops serving and it no longer works as a source (500064)", async () => {
    const sim = await simulator({ generationMs: 60_000 });
    const api = pixverse(sim);
    const id = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(id, 1);
    const { url } = (await api.get(`/openapi/v2/video/result/${id}`)).json.Resp as { url: string };
    expect((await fetch(url)).status).toBe(200);
    const deleted = await fetch(`${sim.url}/_sim/generations/${id}/delete`, { method: "POST" });
    expect(deleted.status).toBe(200);
    expect((await api.get(`/openapi/v2/video/result/${id}`)).json.Resp).toMatchObject({ status: 6, url: "" });
    expect((await fetch(url)).status).toBe(404);
    const upscale = await api.post("/openapi/v2/video/upscale/generate", `{"source_video_id":${id}}`);
    expect(upscale.json).toMatchObject({ ErrCode: 500064, Resp: null });
    expect(sim.control.ledger().generations[0]).toMatchObject({ status: 6, credits: 45 });
    expect(() => sim.control.deleteGeneration(id)).toThrow(/only 1 can be deleted/);
  });

  it("generates again for a new trace id after status 8; the ledger lists each generation and its credits", async () => {
    const sim = await simulator({ generationMs: 20 });
    sim.control.setFaults([{ type: "outcome", status: 8, times: 1 }]);
    const api = pixverse(sim);
    const [first, second] = [randomUUID(), randomUUID()];
    const failed = idOf(
      await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId: first }),
      "video_id",
    );
    await eventually(() => (sim.control.ledger().generations[0]?.status === 8 ? true : undefined));
    const retried = idOf(
      await api.post("/openapi/v2/video/text/generate", t2vBody, { traceId: second }),
      "video_id",
    );
    expect(retried).not.toBe(failed);
    await eventually(() => (sim.control.ledger().generations[1]?.status === 1 ? true : undefined));
    expect(
      sim.control.ledger().generations.map(({ traceId, status, credits, creditsCharged, refunded }) => ({
        traceId,
        status,
        credits,
        creditsCharged,
        refunded,
      })),
    ).toEqual([
      { traceId: first, status: 8, credits: 0, creditsCharged: 45, refunded: true },
      { traceId: second, status: 1, credits: 45, creditsCharged: 45, refunded: false },
    ]);
    expect(sim.control.ledger().creditsSpent).toBe(45);
  });
});

describe("webhook retries and secrets", () => {
  it("retries with the original timestamp and nonce when asked, aged by the unscaled schedule", async () => {
    const hook = await receiver([[503, "busy"]]);
    const sim = await simulator({ generationMs: 1, webhookUrl: hook.url, timeFactor: 0.0002 });
    sim.control.setFaults([{ type: "webhook-original-timestamp", times: 1 }]);
    await pixverse(sim).post("/openapi/v2/video/text/generate", t2vBody);
    await hook.waitFor(6);
    const [first, ...retries] = hook.received.slice(0, 6);
    if (!first) throw new Error("no delivery");
    const stamp = (r: { headers: IncomingHttpHeaders }) => Number(r.headers["webhook-timestamp"]);
    for (const retry of retries) {
      expect(retry.headers["webhook-nonce"]).toBe(first.headers["webhook-nonce"]);
      expect(verifies(sim.webhookSecret, retry.headers, retry.body)).toBe(true);
    }
    // retry n arrives as if 2 s, 12 s, 42 s, 102 s, 402 s after the first attempt: the fifth is outside ±300 s
    const ages = retries.map((retry) => Math.floor(retry.receivedAt / 1000) - stamp(retry));
    expect(ages[0]).toBeGreaterThanOrEqual(1);
    expect(ages[0]).toBeLessThan(60);
    expect(ages[3]).toBeGreaterThanOrEqual(101);
    expect(ages[3]).toBeLessThan(300);
    expect(ages[4]).toBeGreaterThan(300);
    expect(stamp(first)).toBeGreaterThanOrEqual(Math.floor(first.receivedAt / 1000) - 1);
  });

  it("re-signs every retry without the fault, and signs with a rotated secret from then on", async () => {
    const hook = await receiver();
    const sim = await simulator({ generationMs: 60_000, webhookUrl: hook.url });
    const api = pixverse(sim);
    const before = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(before, 1);
    await hook.waitFor(1);
    const oldSecret = sim.webhookSecret;
    sim.control.setWebhookSecret("rotated-secret");
    expect(sim.webhookSecret).toBe("rotated-secret");
    const after = idOf(await api.post("/openapi/v2/video/text/generate", t2vBody), "video_id");
    sim.control.finish(after, 1);
    await hook.waitFor(2);
    const [signedBefore, signedAfter] = hook.received;
    if (!signedBefore || !signedAfter) throw new Error("missing deliveries");
    expect(verifies(oldSecret, signedBefore.headers, signedBefore.body)).toBe(true);
    expect(verifies("rotated-secret", signedAfter.headers, signedAfter.body)).toBe(true);
    expect(verifies(oldSecret, signedAfter.headers, signedAfter.body)).toBe(false);
  });
});
