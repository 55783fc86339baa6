import { TEXT_TO_VIDEO } from "@pixpipe/core/test-support";
import { describe, expect, it } from "vitest";
import type { DeliveryList, ErrorBody, Job } from "../contract";
import { apiWorld, bearer, json } from "../test-support/api-world";

const webhook = { url: "https://hooks.example.com/pixpipe", events: ["job.cancelled"] };

async function world() {
  const w = await apiWorld();
  w.dns.set("hooks.example.com", ["93.184.216.34"]);
  w.dns.set("intranet.example.com", ["192.168.1.20"]);
  return w;
}

describe("webhooks on POST /v1/jobs and GET /v1/jobs/{id}/deliveries", () => {
  it("shows the webhook on the job, and each delivery attempt once the worker ran", async () => {
    const w = await world();
    const created = await w.app.request("/v1/jobs", json({ ...TEXT_TO_VIDEO, webhook }, bearer("tenantA")));
    expect(created.status).toBe(202);
    const job = (await created.json()) as Job;
    expect(job.webhook).toEqual(webhook);
    await w.app.request(`/v1/jobs/${job.id}/cancel`, { method: "POST", headers: bearer("tenantA") });

    const before = await w.app.request(`/v1/jobs/${job.id}/deliveries`, { headers: bearer("readerA") });
    expect(await before.json()).toEqual({
      deliveries: [
        {
          webhookId: `${job.id}:cancelled`,
          event: "job.cancelled",
          url: webhook.url,
          state: "pending",
          createdAt: expect.any(String),
          attemptCount: 0,
          attempts: [],
          nextAttemptAt: expect.any(String),
        },
      ],
    });
    w.receiver.answer({ statusCode: 503, error: "the receiver answered HTTP 503", latencyMs: 12 });
    await w.deliverDue();
    const after = (await (
      await w.app.request(`/v1/jobs/${job.id}/deliveries`, { headers: bearer("readerA") })
    ).json()) as DeliveryList;
    expect(after.deliveries[0]).toMatchObject({
      state: "pending",
      attemptCount: 1,
      attempts: [
        {
          at: expect.any(String),
          statusCode: 503,
          latencyMs: 12,
          error: "the receiver answered HTTP 503",
          nextAttemptAt: after.deliveries[0]?.nextAttemptAt,
        },
      ],
    });
  });

  it("answers 404 for another tenant's job, and an empty list for a job without a webhook", async () => {
    const w = await world();
    const job = await w.jobIn("tenantA", "queued");
    const foreign = await w.app.request(`/v1/jobs/${job.id}/deliveries`, { headers: bearer("tenantB") });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: { code: "not_found", message: "No such job." } });
    const own = await w.app.request(`/v1/jobs/${job.id}/deliveries`, { headers: bearer("tenantA") });
    expect(await own.json()).toEqual({ deliveries: [] });
  });

  it("refuses a webhook pixpipe would not send to, and unknown webhook fields, with 400", async () => {
    const w = await world();
    const privateUrl = await w.app.request(
      "/v1/jobs",
      json({ ...TEXT_TO_VIDEO, webhook: { url: "https://intranet.example.com/in" } }, bearer("tenantA")),
    );
    expect(privateUrl.status).toBe(400);
    expect(((await privateUrl.json()) as ErrorBody).error).toMatchObject({
      code: "invalid_request",
      details: [
        {
          path: "webhook.url",
          message:
            "intranet.example.com resolves to 192.168.1.20 (private); pixpipe sends webhooks only to public addresses",
          location: "body",
        },
      ],
    });
    const malformed = await w.app.request(
      "/v1/jobs",
      json({ ...TEXT_TO_VIDEO, webhook: { url: webhook.url, events: [], headers: {} } }, bearer("tenantA")),
    );
    expect(malformed.status).toBe(400);
    const paths = ((await malformed.json()) as ErrorBody).error.details?.map((d) => d.path).sort();
    expect(paths).toEqual(["webhook.events", "webhook.headers"]);
    expect(
      (await w.pipeline.jobService.listJobs({ tenantId: "tenant_a", admin: false }, { limit: 10 })).jobs,
    ).toEqual([]);
  });

  it("lists a malformed webhook's problems with the input's and the metadata's, at once", async () => {
    const w = await world();
    const answer = await w.app.request(
      "/v1/jobs",
      json(
        {
          type: "text_to_video",
          input: { ...TEXT_TO_VIDEO.input, duration: 7 },
          metadata: { order: 42 },
          webhook: { url: "", events: ["job.finished"] },
        },
        bearer("tenantA"),
      ),
    );
    expect(answer.status).toBe(400);
    const error = ((await answer.json()) as ErrorBody).error;
    expect(error.code).toBe("invalid_request");
    expect(error.details?.map((d) => d.path).sort()).toEqual([
      "input.duration",
      "metadata.order",
      "webhook.events.0",
      "webhook.url",
    ]);
    const notAnObject = await w.app.request(
      "/v1/jobs",
      json({ ...TEXT_TO_VIDEO, webhook: "https://hooks.example.com/pixpipe" }, bearer("tenantA")),
    );
    expect(((await notAnObject.json()) as ErrorBody).error.details?.map((d) => d.path)).toEqual(["webhook"]);
    expect(
      (await w.pipeline.jobService.listJobs({ tenantId: "tenant_a", admin: false }, { limit: 10 })).jobs,
    ).toEqual([]);
  });

  it("is in the OpenAPI document with the webhook request", async () => {
    const w = await world();
    const document = (await (await w.app.request("/openapi.json")).json()) as {
      paths: Record<string, { get: { operationId: string } }>;
      components: {
        schemas: Record<
          string,
          { description?: string; properties: Record<string, { description?: string }> }
        >;
      };
    };
    expect(document.paths["/v1/jobs/{id}/deliveries"]?.get.operationId).toBe("listJobDeliveries");
    expect(document.components.schemas.WebhookRequest?.description).toMatch(/Standard Webhooks/);
    expect(document.components.schemas.WebhookDelivery?.properties.webhookId?.description).toMatch(
      /webhook-id/,
    );
  });
});
