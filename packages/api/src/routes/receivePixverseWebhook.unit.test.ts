import { describe, expect, it } from "vitest";
import { apiWorld, readError } from "../test-support/api-world";

describe("POST /webhooks/pixverse", () => {
  it("answers exactly `ok` as text/plain for a verified callback, and applies it to its job", async () => {
    const { app, jobIn, signedWebhook, archiveQueue } = await apiWorld();
    const job = await jobIn("tenantA", "generating");
    const { body, headers } = signedWebhook({
      id: job.pixverse.videoId!,
      status: 1,
      url: "https://x.test/v.mp4",
    });
    const res = await app.request("/webhooks/pixverse", { method: "POST", headers, body });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("ok");
    expect(archiveQueue.take()).toEqual([job.id]);
  });

  it("verifies the raw body byte for byte: key order and spacing are part of the signature", async () => {
    const { app, signedWebhook } = await apiWorld();
    const { body, headers } = signedWebhook({ id: "627410861853514292", status: 5 });
    const respaced = body.replace(",", ", ");
    expect((await app.request("/webhooks/pixverse", { method: "POST", headers, body })).status).toBe(200);
    const res = await app.request("/webhooks/pixverse", { method: "POST", headers, body: respaced });
    expect(res.status).toBe(401);
  });

  it("needs no API key and answers a forged signature 401 in the error shape", async () => {
    const { app, signedWebhook } = await apiWorld();
    const { body, headers } = signedWebhook({ id: "1", status: 1 });
    const res = await app.request("/webhooks/pixverse", {
      method: "POST",
      headers: { ...headers, "webhook-signature": "Zm9yZ2Vk" },
      body,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "invalid_signature", message: "signature does not match" },
    });
  });

  it("answers a signed body that is not a PixVerse event 400 invalid_webhook", async () => {
    const { app, signedWebhook } = await apiWorld();
    const { headers } = signedWebhook({ id: "1", status: 1 });
    const res = await app.request("/webhooks/pixverse", { method: "POST", headers, body: "id=1&status=1" });
    expect(res.status).toBe(400);
    expect((await readError(res)).code).toBe("invalid_webhook");
  });

  it("answers 500 internal_error and logs it when the delivery cannot be recorded, so PixVerse retries", async () => {
    const { app, jobs, logger, signedWebhook } = await apiWorld();
    jobs.findByPixverseId = async () => {
      throw new Error("DynamoDB timeout on table pixpipe-prod");
    };
    const { body, headers } = signedWebhook({ id: "1", status: 1 });
    const res = await app.request("/webhooks/pixverse", { method: "POST", headers, body });
    expect(res.status).toBe(500);
    const error = await readError(res);
    expect(error.code).toBe("internal_error");
    expect(error.message).not.toContain("pixpipe-prod");
    expect(logger.errors).toHaveLength(1);
  });
});
