import { createAwsClients } from "@pixpipe/core/aws";
import type { PublicJob } from "@pixpipe/core/job";
import { DynamoTenantRepository } from "@pixpipe/core/tenant";
import { solidPng, tinyMp4 } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type E2eRuntime,
  type ErrorBody,
  startE2eRuntime,
  TEXT_TO_VIDEO,
} from "../test-support/e2e-runtime";

let e2e: E2eRuntime;
/** A second tenant's non-admin key, made the way an operator would: in the runtime's table. */
let other: ApiClient;

beforeAll(async () => {
  // As in AWS: media URLs must be https and resolve to public addresses.
  e2e = await startE2eRuntime({ env: { PIXPIPE_ALLOW_PRIVATE_MEDIA_URLS: "false" } });
  const clients = createAwsClients(); // The runtime pointed this process's AWS_ENDPOINT_URL_* at its emulators.
  const tenants = new DynamoTenantRepository(clients.dynamo, e2e.runtime.info.tableName);
  const tenant = await tenants.createTenant({ name: "other" });
  other = e2e.api.withKey(
    (await tenants.createApiKey(tenant.id, { label: "other", scopes: ["jobs:write"] })).secret,
  );
  clients.destroy();
});
afterAll(() => e2e?.stop());

const paths = (answer: { body: ErrorBody }) => (answer.body.error.details ?? []).map((d) => d.path).sort();

describe("authentication and documents", () => {
  it("answers 401 with the error shape for a missing, unknown or malformed key", async () => {
    const cases: [string, Record<string, string>][] = [
      ["missing", {}],
      ["unknown", { authorization: "Bearer pxp_not-a-real-key" }],
      ["malformed", { authorization: "Basic dXNlcjpwYXNz" }],
    ];
    const anonymous = e2e.api.withKey(null);
    for (const [name, headers] of cases) {
      for (const [method, path] of [
        ["GET", "/v1/jobs"],
        ["POST", "/v1/jobs"],
        ["GET", "/v1/jobs/job_01J9Z3Q4N8X0C2M7V5B6K1D3EF"],
        ["POST", "/v1/uploads"],
      ] as const) {
        const answer = await anonymous.request<ErrorBody>(method, path, {
          headers,
          ...(method === "POST" ? { json: {} } : {}),
        });
        expect({ name, method, path, status: answer.status }).toEqual({ name, method, path, status: 401 });
        expect(answer.body.error).toMatchObject({ code: "unauthorized", message: expect.any(String) });
      }
    }
  });

  it("serves /healthz, an OpenAPI 3.1 document of every route whose references resolve, and /docs", async () => {
    const anonymous = e2e.api.withKey(null);
    expect((await anonymous.request("GET", "/healthz")).status).toBe(200);

    const answer = await anonymous.request<OpenApiDocument>("GET", "/openapi.json");
    expect(answer.status).toBe(200);
    const doc = answer.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/v1/jobs",
        "/v1/jobs/{id}",
        "/v1/jobs/{id}/cancel",
        "/v1/jobs/{id}/deliveries",
        "/v1/jobs/{id}/video",
        "/v1/uploads",
        "/v1/masks",
        "/v1/me",
        "/v1/catalog/{kind}",
        "/v1/account/balance",
        "/v1/usage",
        "/v1/webhooks/secret",
        "/v1/webhooks/secret/rotate",
        "/v1/admin/tenants",
        "/v1/admin/tenants/{id}",
        "/v1/admin/tenants/{id}/keys",
        "/v1/admin/tenants/{id}/keys/{keyId}",
        "/v1/admin/tenants/{id}/keys/{keyId}/rotate",
        "/webhooks/pixverse",
        "/healthz",
      ].sort(),
    );
    const operationIds = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((operation) => (operation as { operationId?: string }).operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(unresolvedRefs(doc)).toEqual([]);
    // Every job type has its own documented request.
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(["CreateTextToVideoJob", "CreateImageTemplateJob", "Job"]),
    );

    const docs = await anonymous.request("GET", "/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    expect(docs.text).toContain("/openapi.json");
  });
});

describe("tenants", () => {
  it("shows the PixVerse balance to admin keys only (403 for others)", async () => {
    const admin = await e2e.api.request("GET", "/v1/account/balance");
    expect(admin.status).toBe(200);
    const { balance } = e2e.sim.control.ledger();
    expect(admin.body).toEqual({
      accountId: balance.accountId,
      creditMonthly: balance.creditMonthly,
      creditPackage: balance.creditPackage,
    });
    const refused = await other.request<ErrorBody>("GET", "/v1/account/balance");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toMatch(/forbidden/);
  });

  it("never shows a tenant another tenant's job: 404 on read, cancel and video, absent from lists", async () => {
    const mine = await e2e.api.accepted(TEXT_TO_VIDEO);
    const theirs = await other.accepted(TEXT_TO_VIDEO);
    expect(theirs.tenantId).not.toBe(mine.tenantId);

    for (const [method, path] of [
      ["GET", `/v1/jobs/${mine.id}`],
      ["POST", `/v1/jobs/${mine.id}/cancel`],
      ["GET", `/v1/jobs/${mine.id}/video`],
    ] as const) {
      const answer = await other.request<ErrorBody>(method, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body.error.code).toBe("not_found");
    }
    expect((await other.allJobs()).map((job) => job.id)).toEqual([theirs.id]);
    expect((await e2e.api.allJobs()).map((job) => job.id)).not.toContain(theirs.id);
    expect((await e2e.api.getJob(theirs.id)).status).toBe(404);

    // Nor can one tenant use another's job or upload as media.
    await e2e.expectSucceededOnce(mine.id, { timeoutMs: 30_000 });
    const image = await e2e.api.upload("image/png", "face.png", solidPng(64, 64));
    const borrowing = await other.createJob<ErrorBody>({
      type: "mimic",
      input: { video: { job: mine.id }, image: { upload: image }, quality: "540p" },
    });
    expect(borrowing.status).toBe(400);
    expect(paths(borrowing)).toEqual(["input.image", "input.video"]);
  });
});

describe("idempotency keys", () => {
  it("answers the same key and body with the same job (200) and a different body with 409; keys are per tenant", async () => {
    const key = { "idempotency-key": `order-${Date.now()}` };
    const first = await e2e.api.createJob(TEXT_TO_VIDEO, key);
    expect(first.status).toBe(202);
    const again = await e2e.api.createJob(TEXT_TO_VIDEO, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const changed = await e2e.api.createJob<ErrorBody>(
      { ...TEXT_TO_VIDEO, input: { ...TEXT_TO_VIDEO.input, duration: 8 } },
      key,
    );
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("idempotency_conflict");

    const otherTenants = await other.createJob(TEXT_TO_VIDEO, key);
    expect(otherTenants.status).toBe(202);
    expect(otherTenants.body.id).not.toBe(first.body.id);

    const job = await e2e.expectSucceededOnce(first.body.id, { timeoutMs: 30_000 });
    expect(e2e.generationsOf(job)).toHaveLength(1);
    expect((await e2e.api.allJobs()).filter((j) => j.pixverse.traceId === job.pixverse.traceId)).toHaveLength(
      1,
    );
  });
});

describe("strict edges over HTTP", () => {
  it("refuses top-level fields beside type, input and metadata, naming each; nothing is stored", async () => {
    const before = (await e2e.api.allJobs()).length;
    const body = `{"type":"text_to_video","input":${JSON.stringify(TEXT_TO_VIDEO.input)},"tenantId":"other","status":"succeeded","__proto__":{"admin":true}}`;
    const answer = await e2e.api.request<ErrorBody>("POST", "/v1/jobs", {
      headers: { "content-type": "application/json" },
      body,
    });
    expect(answer.status).toBe(400);
    expect(paths(answer)).toEqual(["__proto__", "status", "tenantId"]);
    expect(await e2e.api.allJobs()).toHaveLength(before);
  });

  it("refuses an empty Idempotency-Key with 400 rather than ignoring it", async () => {
    const answer = await e2e.api.createJob<ErrorBody>(TEXT_TO_VIDEO, { "idempotency-key": "" });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      expect.objectContaining({ path: "idempotency-key", location: "header" }),
    ]);
  });

  it("answers 413 in the error shape at every size, on the API and the PixVerse webhook", async () => {
    for (const path of ["/v1/jobs", "/webhooks/pixverse"]) {
      // 2 MB passes the server and is refused by the API; 8 MB is over the function's payload limit.
      for (const megabytes of [2, 8]) {
        const answer = await e2e.api.request<ErrorBody>("POST", path, {
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ padding: "x".repeat(megabytes * 1024 * 1024) }),
        });
        expect({ path, megabytes, status: answer.status }).toEqual({ path, megabytes, status: 413 });
        expect(answer.body.error).toEqual({ code: "payload_too_large", message: expect.any(String) });
      }
    }
  });
});

describe("media URLs", () => {
  it("refuses URLs to link-local, loopback and private addresses (and plain http) with 400 listing each; nothing is stored or sent", async () => {
    const jobsBefore = await e2e.api.allJobs();
    // The door reads the effect catalogue to check template_id; no job is sent.
    const sentToPixverse = () => {
      const { template_list: _catalogueReads, ...sent } = e2e.sim.control.ledger().requests;
      return sent;
    };
    const requestsBefore = sentToPixverse();
    const urls = [
      "https://169.254.169.254/latest/meta-data/iam.png",
      `http://127.0.0.1:${new URL(e2e.runtime.info.apiUrl).port}/healthz.png`,
      "https://10.1.2.3/a.png",
      "https://localhost/a.png",
      "https://[::1]/a.png",
    ];
    const answer = await e2e.api.createJob<ErrorBody>({
      type: "effect",
      input: { template_id: "308621408717184", quality: "540p", images: urls.map((url) => ({ url })) },
    });
    expect(answer.status).toBe(400);
    expect(paths(answer)).toEqual(urls.map((_, i) => `input.images.${i}`));
    expect(await e2e.api.allJobs()).toEqual(jobsBefore);
    expect(sentToPixverse()).toEqual(requestsBefore);
  });
});

describe("every job type", { timeout: 120_000 }, () => {
  /** A refused input per type and the paths its 400 names. */
  const invalid: Record<string, { input: Record<string, unknown>; paths: string[] }> = {
    text_to_video: { input: { ...TEXT_TO_VIDEO.input, duration: 10 }, paths: ["input.duration"] },
    image_to_video: {
      input: { prompt: "a fox", model: "v5", duration: 5, quality: "540p" },
      paths: ["input.image"],
    },
    effect: {
      input: {
        template_id: "308621408717184",
        quality: "540p",
        image: { upload: "uploads/local/x/a.png" },
        images: [{ upload: "uploads/local/x/a.png" }],
      },
      paths: ["input.images"],
    },
    transition: {
      input: { prompt: "dusk", model: "v5", duration: 5, quality: "540p", first_frame: { upload: "k" } },
      paths: ["input.last_frame"],
    },
    multi_transition: {
      input: { model: "v4.5", quality: "540p", multi_transition: [{ image: { upload: "k" } }] },
      paths: ["input.multi_transition"],
    },
    fusion: {
      input: {
        prompt: "@hero alone",
        model: "v5",
        duration: 5,
        quality: "540p",
        aspect_ratio: "16:9",
        image_references: [
          { type: "subject", image: { upload: "k" }, ref_name: "hero" },
          { type: "background", image: { upload: "k" }, ref_name: "place" },
        ],
      },
      paths: ["input.prompt"],
    },
    extend: {
      input: { prompt: "more", model: "v5", duration: 5, quality: "540p", video: { job: "j" } },
      paths: ["input.seed"],
    },
    modify: { input: { prompt: "a hat", quality: "1080p", video: { job: "j" } }, paths: ["input.quality"] },
    restyle: {
      input: { video: { job: "j" }, restyle_id: "1001", restyle_prompt: "clay" },
      paths: ["input.restyle_prompt"],
    },
    sound_effect: { input: { sound_effect_content: "rain" }, paths: ["input.video"] },
    lip_sync: { input: { video: { job: "j" } }, paths: ["input.audio"] },
    swap: {
      input: { video: { job: "j" }, image: { upload: "k" }, keyframe_id: 0, mask_id: "m", quality: "540p" },
      paths: ["input.keyframe_id"],
    },
    mimic: {
      input: { video: { job: "j" }, image: { job: "j" }, quality: "540p" },
      paths: ["input.image.job"],
    },
    upscale: { input: { video: { job: "j" }, quality: "4k" }, paths: ["input.quality"] },
    image_template: { input: { template_id: "340914720654592", images: [] }, paths: ["input.images"] },
  };

  it.each(Object.entries(invalid))(
    "%s: an invalid input gets 400 naming its problem",
    async (type, sample) => {
      const answer = await e2e.api.createJob<ErrorBody>({ type, input: sample.input });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toMatch(/^invalid_/);
      expect(paths(answer)).toEqual(sample.paths);
    },
  );

  it("accepts a valid input of each of the 15 types (uploaded media, an earlier job's video) and each succeeds", async () => {
    const { api } = e2e;
    const face = { upload: await api.upload("image/png", "face.png", solidPng(320, 240, [200, 150, 120])) };
    const scene = { upload: await api.upload("image/png", "scene.png", solidPng(320, 240, [20, 120, 60])) };
    const clip = { upload: await api.upload("video/mp4", "clip.mp4", tinyMp4("e2e clip")) };
    const source = await e2e.expectSucceededOnce((await api.accepted(TEXT_TO_VIDEO)).id, {
      timeoutMs: 30_000,
    });
    const video = { job: source.id };
    const masks = await api.request<{ keyframeId: number; masks: { maskId: string }[] }>(
      "POST",
      "/v1/masks",
      {
        json: { video, keyframe_id: 1 },
      },
    );
    expect(masks.status).toBe(200);
    const maskId = masks.body.masks[0]?.maskId ?? "";
    const gen = { model: "v5", duration: 5, quality: "540p" };

    const valid: Record<string, Record<string, unknown>> = {
      text_to_video: TEXT_TO_VIDEO.input,
      image_to_video: { ...gen, prompt: "the face smiles", image: face },
      effect: { template_id: "308621408717184", quality: "540p", image: face },
      transition: { ...gen, prompt: "day turns to night", first_frame: face, last_frame: scene },
      multi_transition: {
        model: "v4.5",
        quality: "540p",
        multi_transition: [{ image: face, duration: 3, prompt: "zoom out" }, { image: scene }],
      },
      fusion: {
        ...gen,
        aspect_ratio: "16:9",
        prompt: "@hero walks into @place",
        image_references: [
          { type: "subject", image: face, ref_name: "hero" },
          { type: "background", image: scene, ref_name: "place" },
        ],
      },
      extend: { ...gen, prompt: "the fox keeps running", seed: 7, video },
      modify: { prompt: "give the fox a hat", quality: "540p", video, mask_ids: [maskId] },
      restyle: { restyle_id: "1002", video },
      sound_effect: { sound_effect_content: "wind and snow", video: clip },
      lip_sync: { video, lip_sync_tts_speaker_id: "1", lip_sync_tts_content: "hello from pixpipe" },
      swap: { video, image: face, keyframe_id: masks.body.keyframeId, mask_id: maskId, quality: "540p" },
      mimic: { video: clip, image: face, quality: "540p" },
      upscale: { video },
      image_template: { template_id: "340914720654592", images: [face] },
    };
    expect(Object.keys(valid).sort()).toEqual(Object.keys(invalid).sort());

    const jobs: PublicJob[] = [];
    for (const [type, input] of Object.entries(valid)) {
      const answer = await api.createJob({ type, input });
      expect({ type, status: answer.status, body: answer.status === 202 ? "" : answer.text }).toEqual({
        type,
        status: 202,
        body: "",
      });
      jobs.push(answer.body);
    }
    const outcomes = await Promise.all(
      jobs.map(async (job) => {
        const done = await api.waitForStatus(job.id, ["succeeded", "failed", "cancelled"], 60_000);
        return `${done.type}: ${done.status}${done.error ? ` ${done.error.code} ${done.error.message}` : ""}`;
      }),
    );
    expect(outcomes).toEqual(jobs.map((job) => `${job.type}: succeeded`));
    for (const job of jobs) await e2e.expectSucceededOnce(job.id);
  });
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

/** `$ref`s of the document that point at nothing in it. */
function unresolvedRefs(doc: OpenApiDocument): string[] {
  const missing: string[] = [];
  const resolve = (ref: string) =>
    ref
      .replace(/^#\//, "")
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && resolve(value) === undefined) missing.push(value);
        else walk(value);
      }
    }
  };
  walk(doc);
  return missing;
}
