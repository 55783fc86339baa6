import { PutObjectCommand, type PutObjectCommandInput } from "@aws-sdk/client-s3";
import type { PublicJob } from "@pixpipe/core/job";
import { signedWebhookHeaders, solidPng } from "@pixpipe/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type E2eRuntime,
  type ErrorBody,
  listKeys,
  objectSha256,
  type ReceivedEvent,
  sha256Hex,
  sleep,
  startE2eRuntime,
  TEXT_TO_VIDEO,
} from "../test-support/e2e-runtime";

let e2e: E2eRuntime;

beforeAll(async () => {
  // No inline head start: POST /v1/jobs answers with the job still queued and the poller submits it.
  e2e = await startE2eRuntime({ env: { PIXPIPE_INLINE_SUBMIT_MS: "0" } });
});
afterEach(async () => {
  e2e.sim.control.clearFaults();
  e2e.sim.control.setOutputBytes(undefined);
  e2e.sim.control.setGenerationMs(300);
  await e2e.cancelUnfinished();
});
afterAll(() => e2e?.stop());

describe("a text_to_video job through the local runtime", { timeout: 60_000 }, () => {
  it("goes queued -> generating -> archiving -> succeeded; S3 holds the simulator's bytes; one succeeded event; the video link downloads them", async () => {
    const { api, sim, s3, bucket, events } = e2e;
    sim.control.setOutputBytes(2 * 1024 * 1024);
    // A slow download keeps the job in `archiving` long enough to be seen from outside.
    sim.control.setFaults([{ type: "latency", target: "media_download", ms: 400, times: 1 }]);

    const created = await api.createJob({ ...TEXT_TO_VIDEO, metadata: { order: "A-1" } });
    expect(created.status).toBe(202);
    expect(created.headers.get("location")).toBe(`/v1/jobs/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: "queued",
      type: "text_to_video",
      tenantId: e2e.runtime.info.tenantId,
      metadata: { order: "A-1" },
      input: TEXT_TO_VIDEO.input,
    });

    const { seen, job } = await api.watchStatuses(created.body.id, created.body.status);
    expect(seen).toEqual(["queued", "generating", "archiving", "succeeded"]);

    // PixVerse's id is a digit string beyond 2^53, intact end to end.
    const videoId = job.pixverse.videoId ?? "";
    expect(videoId).toMatch(/^\d+$/);
    expect(BigInt(videoId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(e2e.generationsOf(job)).toMatchObject([{ id: videoId, status: 1, replays: 0 }]);

    const key = `videos/${job.tenantId}/${job.id}.mp4`;
    const expected = await sim.control.contentSha256(videoId);
    expect(job.output).toEqual(
      expect.objectContaining({
        bucket,
        key,
        size: 2 * 1024 * 1024,
        contentType: "video/mp4",
        sha256: expected,
      }),
    );
    expect(await objectSha256(s3, bucket, key)).toEqual({ sha256: expected, size: 2 * 1024 * 1024 });

    const received = await events.settled(job.id);
    expect.soft(received, "one succeeded event").toHaveLength(1);
    const [{ event, attributes }] = received as [ReceivedEvent];
    // `time` is the terminal commit; bookkeeping after it (the sent event) may move the job's updatedAt on.
    const { updatedAt, ...unchanged } = job;
    expect(event).toEqual({
      specversion: "1.0",
      id: `${job.id}:succeeded`,
      type: "pixpipe.job.succeeded",
      source: "urn:pixpipe:e2e",
      subject: job.id,
      time: event.data.updatedAt,
      datacontenttype: "application/json",
      data: { ...unchanged, updatedAt: event.data.updatedAt },
    });
    expect(Date.parse(event.time)).toBeLessThanOrEqual(Date.parse(updatedAt));
    expect(attributes).toEqual({ type: "pixpipe.job.succeeded", tenantId: job.tenantId });

    const video = await api.request("GET", `/v1/jobs/${job.id}/video`);
    expect(video.status).toBe(302);
    expect(video.headers.get("cache-control")).toBe("private, no-store");
    const location = video.headers.get("location") ?? "";
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(expected);
  });

  it("cancels a generating job: no video (409), a cancelled event, and its later result is neither applied nor archived", async () => {
    const { api, sim } = e2e;
    sim.control.setGenerationMs(60_000);
    const job = await api.waitForStatus((await api.accepted(TEXT_TO_VIDEO)).id, "generating");
    const video = await api.request<ErrorBody>("GET", `/v1/jobs/${job.id}/video`);
    expect(video.status).toBe(409);
    expect(video.body.error.code).toBe("no_output");

    const cancelled = await api.request<PublicJob>("POST", `/v1/jobs/${job.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const received = await e2e.events.settled(job.id);
    expect
      .soft(
        received.map((r) => r.event.id),
        "one cancelled event",
      )
      .toEqual([`${job.id}:cancelled`]);
    expect(received[0]?.event).toMatchObject({
      type: "pixpipe.job.cancelled",
      data: { status: "cancelled" },
    });

    // PixVerse finishes anyway; its webhook and the poller change nothing.
    sim.control.finish(job.pixverse.videoId ?? "", 1);
    await expect
      .poll(() =>
        sim.control.webhookDeliveries().filter((d) => d.traceId === job.pixverse.traceId && d.accepted),
      )
      .toHaveLength(1);
    await sleep(600);
    expect((await api.getJob(job.id)).body.status).toBe("cancelled");
    expect(await listKeys(e2e.s3, e2e.bucket, `videos/${job.tenantId}/${job.id}`)).toEqual([]);
    expect(e2e.events.of(job.id)).toHaveLength(received.length);
    const again = await api.request<ErrorBody>("POST", `/v1/jobs/${job.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("job_not_cancellable");
  });
});

describe("webhooks and the poller", { timeout: 60_000 }, () => {
  it("completes jobs with the poller alone when every webhook is dropped", async () => {
    e2e.sim.control.setFaults([{ type: "webhook-drop" }]);
    const jobs = await Promise.all([e2e.api.accepted(TEXT_TO_VIDEO), e2e.api.accepted(TEXT_TO_VIDEO)]);

    for (const job of jobs) await e2e.expectSucceededOnce(job.id);
    const deliveries = e2e.sim.control
      .webhookDeliveries()
      .filter((d) => jobs.some((job) => job.pixverse.traceId === d.traceId));
    expect(deliveries.map((d) => d.kind)).toEqual(["dropped", "dropped"]);
  });

  it("changes nothing for duplicated (re-signed and replayed) webhooks: one event, one object, one succeeded job", async () => {
    e2e.sim.control.setFaults([{ type: "webhook-duplicate", times: 1 }]);
    const duplicated = await e2e.api.accepted(TEXT_TO_VIDEO);
    await e2e.expectSucceededOnce(duplicated.id);

    e2e.sim.control.setFaults([{ type: "webhook-duplicate", replay: true, times: 1 }]);
    const replayed = await e2e.api.accepted(TEXT_TO_VIDEO);
    await e2e.expectSucceededOnce(replayed.id);

    const answers = (traceId: string) =>
      e2e.sim.control
        .webhookDeliveries()
        .filter((d) => d.traceId === traceId)
        .map((d) => `${d.kind} ${d.responseStatus}`);
    // Both copies of the re-signed duplicate verify; the identical replay is refused by its nonce.
    expect(answers(duplicated.pixverse.traceId)).toEqual(["delivery 200", "duplicate 200"]);
    expect(answers(replayed.pixverse.traceId)).toEqual(["delivery 200", "replay 401"]);
  });

  it("changes nothing for reordered webhooks: each job still succeeds once", async () => {
    // The first job's callback is held back until the second job's callback has been sent.
    e2e.sim.control.setFaults([{ type: "webhook-reorder", times: 1, maxHoldMs: 5_000 }]);
    const first = await e2e.api.accepted(TEXT_TO_VIDEO);
    await e2e.api.waitForStatus(first.id, "generating");
    const second = await e2e.api.accepted(TEXT_TO_VIDEO);

    await e2e.expectSucceededOnce(first.id);
    await e2e.expectSucceededOnce(second.id);
    const order = e2e.sim.control
      .webhookDeliveries()
      .filter((d) => d.traceId === first.pixverse.traceId || d.traceId === second.pixverse.traceId)
      .map((d) => (d.traceId === first.pixverse.traceId ? "first" : "second"));
    expect(order).toEqual(["second", "first"]);
  });

  it("changes nothing for valid callbacks that arrive after the job succeeded (late 5, 8 and a repeated 1)", async () => {
    const job = await e2e.expectSucceededOnce((await e2e.api.accepted(TEXT_TO_VIDEO)).id);
    const videoId = job.pixverse.videoId ?? "";
    for (const status of [5, 8, 1]) {
      const body = `{"id":${videoId},"status":${status}}`;
      const headers = signedWebhookHeaders(e2e.sim.webhookSecret, body, job.pixverse.traceId);
      const answer = await e2e.api.withKey(null).request("POST", "/webhooks/pixverse", { body, headers });
      expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: "ok" });
    }
    await sleep(600); // Several poller ticks and archiver polls.
    expect((await e2e.api.getJob(job.id)).body).toEqual(job);
    expect.soft(e2e.events.of(job.id), "one succeeded event").toHaveLength(1);
    expect(await listKeys(e2e.s3, e2e.bucket, `videos/${job.tenantId}/${job.id}`)).toHaveLength(1);
  });

  it("answers forged and replayed webhooks 401, a late genuine one 200, and changes nothing", async () => {
    const { sim, api } = e2e;
    const webhook = api.withKey(null);
    // A real, accepted delivery to replay later.
    const earlier = await e2e.expectSucceededOnce((await api.accepted(TEXT_TO_VIDEO)).id);
    const captured = sim.control
      .webhookDeliveries()
      .find((d) => d.traceId === earlier.pixverse.traceId && d.accepted);
    if (!captured) throw new Error("the earlier job's webhook should have been delivered");

    // A job that stays generating (no webhook, a long generation) for the forgeries to target.
    sim.control.setFaults([{ type: "webhook-drop" }]);
    sim.control.setGenerationMs(60_000);
    const target = await api.accepted(TEXT_TO_VIDEO);
    const generating = await api.waitForStatus(target.id, "generating");
    sim.control.setGenerationMs(300);
    const videoId = generating.pixverse.videoId ?? "";
    const failBody = `{"id":${videoId},"status":8}`;

    const forgeries: Record<string, { body: string; headers: Record<string, string> }> = {
      "bad signature": {
        body: failBody,
        headers: {
          ...signedWebhookHeaders(sim.webhookSecret, failBody, generating.pixverse.traceId),
          "Webhook-Signature": Buffer.alloc(32, 7).toString("base64"),
        },
      },
      "wrong secret": {
        body: failBody,
        headers: signedWebhookHeaders("not-the-secret", failBody, generating.pixverse.traceId),
      },
      "tampered body": {
        body: failBody,
        headers: signedWebhookHeaders(
          sim.webhookSecret,
          `{"id":${videoId},"status":5}`,
          generating.pixverse.traceId,
        ),
      },
      "no signature": { body: failBody, headers: { "Content-Type": "application/json" } },
    };
    for (const [name, forged] of Object.entries(forgeries)) {
      const answer = await webhook.request("POST", "/webhooks/pixverse", forged);
      expect({ name, status: answer.status }).toEqual({ name, status: 401 });
    }
    // Genuinely signed but ten minutes old (a retry that kept its first timestamp): answered `ok` so
    // PixVerse stops retrying, and not trusted: its status 8 fails nothing (only a poll is asked for).
    const late = await webhook.request("POST", "/webhooks/pixverse", {
      body: failBody,
      headers: signedWebhookHeaders(
        sim.webhookSecret,
        failBody,
        generating.pixverse.traceId,
        Date.now() - 600_000,
      ),
    });
    expect(late.status).toBe(200);

    // A valid delivery sent twice: the first is taken (a 5 changes nothing), the copy is a replay.
    const progressBody = `{"id":${videoId},"status":5}`;
    const signed = signedWebhookHeaders(sim.webhookSecret, progressBody, generating.pixverse.traceId);
    const first = await webhook.request("POST", "/webhooks/pixverse", {
      body: progressBody,
      headers: signed,
    });
    const replay = await webhook.request("POST", "/webhooks/pixverse", {
      body: progressBody,
      headers: signed,
    });
    expect([first.status, replay.status]).toEqual([200, 401]);
    // The simulator's own earlier delivery, re-sent byte for byte.
    const replayedCapture = await webhook.request("POST", "/webhooks/pixverse", {
      body: captured.body,
      headers: captured.headers,
    });
    expect(replayedCapture.status).toBe(401);

    await sleep(600);
    expect((await api.getJob(target.id)).body).toMatchObject({ status: "generating", pixverse: { videoId } });
    expect((await api.getJob(earlier.id)).body).toEqual(earlier);
    expect(e2e.events.of(target.id)).toEqual([]);
    expect.soft(e2e.events.of(earlier.id), "one succeeded event").toHaveLength(1);

    // The forged failure did nothing: the real outcome still completes the job.
    sim.control.finish(videoId, 1);
    await e2e.expectSucceededOnce(target.id);
  });
});

describe("jobs started by objects dropped under incoming/{tenantId}/", { timeout: 60_000 }, () => {
  /** Waits for the job the object started (named by its s3Object metadata). */
  async function jobFrom(key: string): Promise<PublicJob> {
    const source = `s3://${e2e.bucket}/${key}`;
    let found: PublicJob | undefined;
    await expect
      .poll(
        async () => {
          found = (await e2e.api.allJobs()).find((job) => job.metadata.s3Object === source);
          return found;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBeDefined();
    return found as PublicJob;
  }

  const put = (key: string, body: Buffer | string, extra: Partial<PutObjectCommandInput> = {}) =>
    e2e.s3.send(new PutObjectCommand({ Bucket: e2e.bucket, Key: key, Body: body, ...extra }));

  it("a job manifest becomes a job that succeeds once", async () => {
    const key = `incoming/${e2e.runtime.info.tenantId}/render-${Date.now()}.job.json`;
    await put(key, JSON.stringify({ ...TEXT_TO_VIDEO, metadata: { order: "S3-1" } }), {
      ContentType: "application/json",
    });
    const job = await jobFrom(key);
    expect(job).toMatchObject({
      type: "text_to_video",
      input: TEXT_TO_VIDEO.input,
      metadata: { order: "S3-1" },
    });
    await e2e.expectSucceededOnce(job.id);
    expect(
      (await e2e.api.allJobs()).filter((j) => j.metadata.s3Object === job.metadata.s3Object),
    ).toHaveLength(1);
  });

  it("an image with a prompt in its metadata becomes an image_to_video job that succeeds once", async () => {
    const key = `incoming/${e2e.runtime.info.tenantId}/photo-${Date.now()}.png`;
    await put(key, solidPng(320, 240), {
      ContentType: "image/png",
      Metadata: { prompt: "the photo comes alive" },
    });
    const job = await jobFrom(key);
    expect(job).toMatchObject({
      type: "image_to_video",
      input: { prompt: "the photo comes alive", image: { upload: key } },
    });
    await e2e.expectSucceededOnce(job.id);
  });

  it("a bad manifest becomes a failed job with its event, never a silent drop", async () => {
    const key = `incoming/${e2e.runtime.info.tenantId}/broken-${Date.now()}.job.json`;
    await put(key, JSON.stringify({ type: "text_to_video", input: { prompt: "x", duration: 99 } }), {
      ContentType: "application/json",
    });
    const job = await jobFrom(key);
    await e2e.expectFailedOnce(job.id, "invalid_request");
  });
});
