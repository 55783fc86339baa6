import { describe, expect, it } from "vitest";
import type { Job } from "../contract";
import { apiWorld, bearer, json, readError, readJson, readProblems } from "../test-support/api-world";

const body = {
  type: "text_to_video",
  input: { model: "v5", prompt: "A cat surfing", duration: 5, quality: "540p", aspect_ratio: "16:9" },
  metadata: { order: "42" },
};

const setup = apiWorld;

describe("POST /v1/jobs", () => {
  it("answers 202 with the queued job and its Location", async () => {
    const { app, jobsOf } = await setup();
    const res = await app.request("/v1/jobs", json(body, bearer("tenantA")));
    expect(res.status).toBe(202);
    const job = await readJson<Job>(res);
    expect(job).toMatchObject({
      tenantId: "tenant_a",
      type: "text_to_video",
      status: "queued",
      metadata: { order: "42" },
    });
    expect(res.headers.get("location")).toBe(`/v1/jobs/${job.id}`);
    expect(job.input).toEqual(body.input);
    expect(await jobsOf("tenantA")).toEqual([job]);
  });

  it("answers 200 with the same job when the Idempotency-Key replays the same body", async () => {
    const { app, jobsOf } = await setup();
    const headers = { ...bearer("tenantA"), "Idempotency-Key": "order-42" };
    const first = await app.request("/v1/jobs", json(body, headers));
    const replay = await app.request("/v1/jobs", json(body, headers));
    expect(first.status).toBe(202);
    expect(replay.status).toBe(200);
    expect((await readJson<Job>(replay)).id).toBe((await readJson<Job>(first)).id);
    expect(await jobsOf("tenantA")).toHaveLength(1);
  });

  it("answers 409 idempotency_conflict when the key comes back with another body", async () => {
    const { app } = await setup();
    const headers = { ...bearer("tenantA"), "Idempotency-Key": "order-42" };
    await app.request("/v1/jobs", json(body, headers));
    const res = await app.request("/v1/jobs", json({ ...body, metadata: { order: "43" } }, headers));
    expect(res.status).toBe(409);
    expect(await readError(res)).toEqual({
      code: "idempotency_conflict",
      message: "This Idempotency-Key was already used with a different request body.",
    });
  });

  it("lists every problem of the input and the metadata at once, and stores nothing", async () => {
    const { app, jobsOf } = await setup();
    const input = { model: "v5", duration: 7, quality: "540p", aspect_ratio: "16:9", fps: { value: 30 } };
    const res = await app.request(
      "/v1/jobs",
      json({ type: "text_to_video", input, metadata: { order: 42 } }, bearer("tenantA")),
    );
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toBe("The request is invalid (4 problems, see details).");
    expect(error.details?.map((problem) => `${problem.location}:${problem.path}`).sort()).toEqual([
      "body:input.duration",
      "body:input.fps",
      "body:input.prompt",
      "body:metadata.order",
    ]);
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("refuses a field beside type, input and metadata, naming it, and stores nothing", async () => {
    const { app, jobsOf } = await setup();
    const res = await app.request(
      "/v1/jobs",
      json({ ...body, tenantId: "tenant_b", status: "succeeded" }, bearer("tenantA")),
    );
    expect(res.status).toBe(400);
    expect((await readProblems(res)).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      "tenantId: is not a known field",
      "status: is not a known field",
    ]);
    const proto = await app.request("/v1/jobs", {
      ...json(body, bearer("tenantA")),
      body: `{"type":"text_to_video","input":${JSON.stringify(body.input)},"__proto__":{"admin":true}}`,
    });
    expect(proto.status).toBe(400);
    expect(await readProblems(proto)).toEqual([expect.objectContaining({ path: "__proto__" })]);
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("takes a job's retry options, shows them and its generations, and refuses bad ones with the rest", async () => {
    const { app, jobsOf } = await setup();
    const res = await app.request(
      "/v1/jobs",
      json({ ...body, retry: { generationFailed: 2 } }, bearer("tenantA")),
    );
    expect(res.status).toBe(202);
    const job = await readJson<Job>(res);
    expect(job.retry).toEqual({ generationFailed: 2 });
    expect(job.generations).toEqual([{ traceId: job.pixverse.traceId, status: "pending" }]);
    const bad = await app.request(
      "/v1/jobs",
      json(
        { ...body, metadata: { order: 42 }, retry: { generationFailed: 1.5, onTimeout: 1 } },
        bearer("tenantA"),
      ),
    );
    expect(bad.status).toBe(400);
    expect((await readProblems(bad)).map((problem) => `${problem.path}: ${problem.message}`).sort()).toEqual([
      "metadata.order: Invalid input: expected string, received number",
      "retry.generationFailed: must be a whole number of retries, 0 to 3",
      "retry.onTimeout: is not a known field",
    ]);
    expect(await jobsOf("tenantA")).toEqual([job]);
  });

  it("passes an input field pixpipe does not know to PixVerse and shows it as a warning on the job", async () => {
    const { app } = await setup();
    const res = await app.request(
      "/v1/jobs",
      json({ ...body, input: { ...body.input, camera_shake: 2 } }, bearer("tenantA")),
    );
    expect(res.status).toBe(202);
    const job = await readJson<Job>(res);
    expect(job.input).toMatchObject({ camera_shake: 2 });
    expect(job.warnings).toEqual([
      {
        path: "input.camera_shake",
        message: "not a field pixpipe knows for text_to_video; passed to PixVerse unvalidated",
      },
    ]);
  });

  it("refuses more media references than PixVerse takes by their count, before looking any of them up", async () => {
    const { app, jobsOf } = await setup();
    const images = Array.from({ length: 5000 }, (_, i) => ({ upload: `uploads/tenant_b/01ABC/${i}.png` }));
    const res = await app.request(
      "/v1/jobs",
      json(
        { type: "effect", input: { template_id: 315446315336768, quality: "540p", images } },
        bearer("tenantA"),
      ),
    );
    expect(res.status).toBe(400);
    // A lookup would have answered "not one of this tenant's uploads" for each of them.
    expect(await readError(res)).toEqual({
      code: "invalid_request",
      message: "The request is invalid (1 problem, see details).",
      details: [{ path: "input.images", message: "takes at most 10 images", location: "body" }],
    });
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("counts every problem but lists the first 50, so a body of thousands of bad items gets a short answer", async () => {
    const { app } = await setup();
    const unknownFields = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field_${i}`, i]));
    const multi_transition = Array.from({ length: 7 }, () => ({
      image: { upload: "a.png" },
      ...unknownFields,
    }));
    const res = await app.request(
      "/v1/jobs",
      json(
        { type: "multi_transition", input: { model: "v5", quality: "540p", multi_transition } },
        bearer("tenantA"),
      ),
    );
    expect(res.status).toBe(400);
    const error = await readError(res);
    expect(error.details).toHaveLength(50);
    // 140 unknown fields and the items' missing ones
    expect(error.message).toMatch(/^The request is invalid \(14\d problems, the first 50 in details\)\.$/);
    expect(JSON.stringify(error).length).toBeLessThan(10_000);
  });

  it("refuses control characters in a prompt (tab and line breaks are fine)", async () => {
    const { app } = await setup();
    for (const prompt of ["a\u0000b", "a\u001b[31mred", "a\u007f"]) {
      const res = await app.request(
        "/v1/jobs",
        json({ ...body, input: { ...body.input, prompt } }, bearer("tenantA")),
      );
      expect(res.status, JSON.stringify(prompt)).toBe(400);
      expect(await readProblems(res)).toEqual([
        expect.objectContaining({
          path: "input.prompt",
          message: "must not contain control characters (tab and line breaks are fine)",
        }),
      ]);
    }
    const fine = await app.request(
      "/v1/jobs",
      json({ ...body, input: { ...body.input, prompt: "line one\n\tline two\r\n" } }, bearer("tenantA")),
    );
    expect(fine.status).toBe(202);
  });

  it("refuses an unknown job type", async () => {
    const { app, jobsOf } = await setup();
    const res = await app.request("/v1/jobs", json({ ...body, type: "text_to_sound" }, bearer("tenantA")));
    expect(res.status).toBe(400);
    expect(await readProblems(res)).toEqual([expect.objectContaining({ path: "type", location: "body" })]);
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("refuses metadata beyond its limits", async () => {
    const { app } = await setup();
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const tooMany = await app.request("/v1/jobs", json({ ...body, metadata }, bearer("tenantA")));
    const tooLong = await app.request(
      "/v1/jobs",
      json({ ...body, metadata: { ["k".repeat(41)]: "v", note: "x".repeat(501) } }, bearer("tenantA")),
    );
    expect((await readError(tooMany)).details).toEqual([
      { path: "metadata", message: "metadata may hold at most 50 keys", location: "body" },
    ]);
    expect((await readProblems(tooLong)).map((problem) => problem.path).sort()).toEqual([
      "metadata.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
      "metadata.note",
    ]);
  });

  it("answers the service's own validation (media checks) with 400 invalid_request listing every issue", async () => {
    const { app, jobsOf } = await setup();
    const foreign = { upload: "uploads/tenant_b/01ABC/face.png" };
    const res = await app.request(
      "/v1/jobs",
      json(
        {
          type: "transition",
          input: {
            model: "v5",
            prompt: "dusk",
            duration: 5,
            quality: "540p",
            first_frame: foreign,
            last_frame: foreign,
          },
        },
        bearer("tenantA"),
      ),
    );
    expect(await readJson<unknown>(res)).toEqual({
      error: {
        code: "invalid_request",
        message: "The request is invalid (2 problems, see details).",
        details: [
          {
            path: "input.first_frame",
            message: "upload uploads/tenant_b/01ABC/face.png is not one of this tenant's uploads",
            location: "body",
          },
          {
            path: "input.last_frame",
            message: "upload uploads/tenant_b/01ABC/face.png is not one of this tenant's uploads",
            location: "body",
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("refuses an Idempotency-Key that is empty, too long or not printable", async () => {
    const { app, jobsOf } = await setup();
    for (const key of ["", " ", "k".repeat(256), "caf\u00e9"]) {
      const res = await app.request("/v1/jobs", json(body, { ...bearer("tenantA"), "Idempotency-Key": key }));
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(await readProblems(res)).toEqual([
        expect.objectContaining({ path: "idempotency-key", location: "header" }),
      ]);
    }
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("keeps idempotency keys per tenant", async () => {
    const { app } = await setup();
    const a = await app.request("/v1/jobs", json(body, { ...bearer("tenantA"), "Idempotency-Key": "k1" }));
    const b = await app.request("/v1/jobs", json(body, { ...bearer("tenantB"), "Idempotency-Key": "k1" }));
    expect([a.status, b.status]).toEqual([202, 202]);
    expect((await readJson<Job>(b)).tenantId).toBe("tenant_b");
  });

  it("answers 429 quota_exceeded once the tenant's day budget is spent, naming the budget and the reset", async () => {
    const { app, jobIn, clock } = await setup();
    await clock.advance(10 * 3600_000); // 2026-12-01T22:00Z
    const limit = await app.request(
      "/v1/admin/tenants/tenant_a",
      json({ limits: { creditsPerDay: 40 } }, bearer("admin"), "PATCH"),
    );
    expect(limit.status).toBe(200);
    await jobIn("tenantA", "succeeded"); // 20 credits: under the budget
    const second = await app.request("/v1/jobs", json(body, bearer("tenantA")));
    expect(second.status).toBe(202);
    await jobIn("tenantA", "succeeded"); // 40 of 40
    const refused = await app.request("/v1/jobs", json(body, bearer("tenantA")));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(2 * 3600));
    expect(await readError(refused)).toEqual({
      code: "quota_exceeded",
      message:
        "The tenant's credit budget per day (UTC) is spent: 40 of 40 credits. It resets at 2026-12-02T00:00:00.000Z.",
      details: [
        { path: "limits.creditsPerDay", message: "budget 40, spent 40" },
        { path: "resetsAt", message: "2026-12-02T00:00:00.000Z" },
      ],
    });
    expect((await app.request("/v1/jobs", json(body, bearer("tenantB")))).status).toBe(202);
    await clock.advance(2 * 3600_000); // the next UTC day
    expect((await app.request("/v1/jobs", json(body, bearer("tenantA")))).status).toBe(202);
  });

  it("waits with Prefer: wait=N (capped at 25 s, said in Preference-Applied), 202 while the job runs on", async () => {
    const { app, clock } = await setup();
    const headers = { ...bearer("tenantA"), Prefer: "respond-async, wait=60" };
    const waiting = Promise.resolve(app.request("/v1/jobs", json(body, headers)));
    await clock.run(waiting);
    const res = await waiting;
    expect(res.status).toBe(202);
    expect(res.headers.get("preference-applied")).toBe("wait=25");
    expect(clock.now().toISOString()).toBe("2026-12-01T12:00:25.000Z");
    const bad = await app.request("/v1/jobs", json(body, { ...bearer("tenantA"), Prefer: "wait=soon" }));
    expect(bad.status).toBe(400);
    expect(await readProblems(bad)).toEqual([
      {
        path: "prefer",
        message: "wait must be a whole number of seconds, e.g. Prefer: wait=10",
        location: "header",
      },
    ]);
    const other = await app.request(
      "/v1/jobs",
      json(body, { ...bearer("tenantA"), Prefer: "return=minimal" }),
    );
    expect(other.status).toBe(202);
    expect(other.headers.get("preference-applied")).toBeNull();
  });
});
