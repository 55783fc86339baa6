import { TEXT_TO_VIDEO } from "@pixpipe/core/test-support";
import { describe, expect, it } from "vitest";
import { apiWorld, bearer, CALLERS, json } from "./test-support/api-world";

/** The access lines logged so far, at any level. */
async function setup() {
  const world = await apiWorld();
  const accessLines = () =>
    [...world.logger.infos, ...world.logger.warnings, ...world.logger.errors].filter(
      (line) => line.message === "request",
    );
  return { ...world, accessLines };
}

describe("the access log", () => {
  it("writes one line per answered request: method, route template, status, latency, tenant, request id", async () => {
    const { app, accessLines, logger } = await setup();
    const created = await app.request("/v1/jobs", json(TEXT_TO_VIDEO, bearer("tenantA")));
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const read = await app.request(`/v1/jobs/${id}`, { headers: bearer("tenantA") });
    expect(read.status).toBe(200);

    expect(accessLines()).toEqual([
      {
        message: "request",
        attributes: {
          method: "POST",
          route: "/v1/jobs",
          status: 202,
          latencyMs: expect.any(Number),
          tenantId: CALLERS.tenantA.caller.tenantId,
          requestId: created.headers.get("x-request-id"),
        },
      },
      {
        message: "request",
        attributes: expect.objectContaining({
          method: "GET",
          // The template, not the path: job ids stay out of the route field.
          route: "/v1/jobs/:id",
          status: 200,
          requestId: read.headers.get("x-request-id"),
        }),
      },
    ]);
    expect(logger.infos.map((line) => line.message)).toEqual(["request", "request"]);
    expect(accessLines()[0]!.attributes.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("logs refused requests too (401 without the key or its header, 400, 404), never the API key", async () => {
    const { app, accessLines } = await setup();
    const secretKey = CALLERS.tenantB.key;
    const answers = [
      await app.request("/v1/jobs/job_1"),
      await app.request("/v1/jobs/job_1", { headers: { Authorization: "Bearer pxp_not_a_key_at_all" } }),
      await app.request("/v1/jobs", json({ type: "text_to_video", input: {} }, bearer("tenantB"))),
      await app.request("/v1/nowhere", { headers: bearer("tenantB") }),
      await app.request("/nowhere"),
    ];
    expect(answers.map((res) => res.status)).toEqual([401, 401, 400, 404, 404]);
    const lines = accessLines().map((line) => line.attributes);
    expect(lines.map(({ status, route }) => ({ status, route }))).toEqual([
      { status: 401, route: "/v1/jobs/:id" },
      { status: 401, route: "/v1/jobs/:id" },
      { status: 400, route: "/v1/jobs" },
      { status: 404, route: null },
      { status: 404, route: null },
    ]);
    // The tenant is named once its key was accepted, and only then.
    expect(lines.map((line) => line.tenantId)).toEqual([
      undefined,
      undefined,
      CALLERS.tenantB.caller.tenantId,
      CALLERS.tenantB.caller.tenantId,
      undefined,
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(secretKey);
    expect(logged).not.toContain("pxp_not_a_key_at_all");
    expect(logged.toLowerCase()).not.toContain("authorization");
    expect(logged.toLowerCase()).not.toContain("bearer");
  });

  it("logs a 5xx at WARN, its cause staying the error handler's line at ERROR", async () => {
    const { app, jobs, logger, accessLines } = await setup();
    jobs.get = async () => {
      throw new Error("the table is gone");
    };
    const res = await app.request("/v1/jobs/job_1", { headers: bearer("tenantA") });
    expect(res.status).toBe(500);
    expect(logger.warnings).toEqual([
      {
        message: "request",
        attributes: expect.objectContaining({ route: "/v1/jobs/:id", status: 500 }),
      },
    ]);
    expect(logger.errors.map((line) => line.message)).toEqual(["unhandled error in API request"]);
    expect(accessLines()).toHaveLength(1);
  });

  it("logs webhook deliveries under their route, refused ones with their status", async () => {
    const { app, accessLines, signedWebhook } = await setup();
    const { body, headers } = signedWebhook({ id: "1", status: 5 });
    await app.request("/webhooks/pixverse", { method: "POST", headers, body });
    await app.request("/webhooks/pixverse", {
      method: "POST",
      headers: { ...headers, "webhook-signature": "v1,forged" },
      body,
    });
    expect(accessLines().map(({ attributes: { route, status } }) => ({ route, status }))).toEqual([
      { route: "/webhooks/pixverse", status: 200 },
      { route: "/webhooks/pixverse", status: 401 },
    ]);
  });

  it("takes the caller's X-Request-Id as the request id", async () => {
    const { app, accessLines } = await setup();
    await app.request("/healthz", { headers: { "X-Request-Id": "trace-42" } });
    expect(accessLines()[0]!.attributes).toMatchObject({
      route: "/healthz",
      status: 200,
      requestId: "trace-42",
    });
  });
});
