import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "./app";
import { apiWorld, bearer, json, readError, readJson } from "./test-support/api-world";

const setup = apiWorld;

describe("authentication", () => {
  it("answers 401 with the error shape and a Bearer challenge when the key is missing", async () => {
    const { app } = await setup();
    const res = await app.request("/v1/jobs");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: expect.stringContaining("API key is required") },
    });
  });

  it("answers 401 for an unknown key", async () => {
    const { app } = await setup();
    const res = await app.request("/v1/jobs", { headers: { Authorization: "Bearer not-a-key" } });
    expect(res.status).toBe(401);
    expect((await readError(res)).code).toBe("unauthorized");
  });

  it("answers 401 (not 400) for a malformed Authorization header", async () => {
    const { app } = await setup();
    for (const header of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer two words"]) {
      const res = await app.request("/v1/jobs", { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
      expect((await readError(res)).code).toBe("unauthorized");
    }
  });

  it("checks the key before validating the request", async () => {
    const { app } = await setup();
    const res = await app.request("/v1/jobs", json({ nonsense: true }));
    expect(res.status).toBe(401);
  });

  it("leaves /healthz, /openapi.json, /docs and the webhook open", async () => {
    const { app, signedWebhook } = await setup();
    expect((await app.request("/healthz")).status).toBe(200);
    expect((await app.request("/openapi.json")).status).toBe(200);
    expect((await app.request("/docs")).status).toBe(200);
    const { body, headers } = signedWebhook({ id: "1", status: 5 });
    const webhook = await app.request("/webhooks/pixverse", { method: "POST", headers, body });
    expect(webhook.status).toBe(200);
  });
});

describe("errors", () => {
  it("answers an unknown route with 404 not_found", async () => {
    const { app } = await setup();
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such route." } });
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const { app } = await setup();
    const res = await app.request("/v1/jobs", {
      method: "POST",
      headers: { ...bearer("tenantA"), "Content-Type": "application/json" },
      body: '{"type": "text_to_video",',
    });
    expect(res.status).toBe(400);
    expect((await readError(res)).code).toBe("invalid_json");
  });

  it("answers a non-JSON body with 415 unsupported_media_type", async () => {
    const { app } = await setup();
    const res = await app.request("/v1/jobs", {
      method: "POST",
      headers: { ...bearer("tenantA"), "Content-Type": "text/plain" },
      body: "type=text_to_video",
    });
    expect(res.status).toBe(415);
    expect((await readError(res)).code).toBe("unsupported_media_type");
  });

  it("answers a body over the limit with 413 payload_too_large, declared or streamed", async () => {
    const { app, jobsOf } = await setup();
    const big = JSON.stringify({ type: "text_to_video", input: { prompt: "x".repeat(MAX_BODY_BYTES) } });
    const declared = await app.request(
      "/v1/jobs",
      json(JSON.parse(big), { ...bearer("tenantA"), "Content-Length": String(big.length) }),
    );
    const streamed = await app.request("/v1/jobs", {
      method: "POST",
      headers: { ...bearer("tenantA"), "Content-Type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    for (const res of [declared, streamed]) {
      expect(res.status).toBe(413);
      expect((await readError(res)).code).toBe("payload_too_large");
    }
    expect(await jobsOf("tenantA")).toHaveLength(0);
  });

  it("answers an unexpected error with 500 internal_error, logs it and leaks nothing", async () => {
    const { app, jobs, logger } = await setup();
    jobs.get = async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.7:8000 table secret-table");
    };
    const res = await app.request("/v1/jobs/job_1", { headers: bearer("tenantA") });
    expect(res.status).toBe(500);
    const body = await readJson<unknown>(res);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    expect(body).toEqual({
      error: { code: "internal_error", message: `An unexpected error occurred (request id ${requestId}).` },
    });
    expect(JSON.stringify(body)).not.toContain("secret-table");
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]?.attributes).toMatchObject({ requestId, method: "GET", path: "/v1/jobs/job_1" });
    expect(String(logger.errors[0]?.attributes.error)).toContain("ECONNREFUSED");
  });
});

describe("service routes", () => {
  it("reports liveness on /healthz", async () => {
    const { app } = await setup();
    const res = await app.request("/healthz");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("serves the Swagger UI as HTML pointing at /openapi.json", async () => {
    const { app } = await setup();
    const res = await app.request("/docs");
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("SwaggerUIBundle");
    expect(html).toContain("/openapi.json");
  });
});

describe("OpenAPI document", () => {
  type Document = { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };

  async function document() {
    const { app } = await setup();
    const res = await app.request("/openapi.json");
    expect(res.status).toBe(200);
    return readJson<Document>(res);
  }

  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route of the API", async () => {
    const doc = await document();
    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => `${method} ${path} ${op.operationId}`),
      )
      .sort();
    expect(operations).toEqual(
      [
        "post /v1/jobs createJob",
        "get /v1/jobs listJobs",
        "get /v1/jobs/{id} getJob",
        "get /v1/jobs/{id}/deliveries listJobDeliveries",
        "post /v1/jobs/{id}/cancel cancelJob",
        "get /v1/jobs/{id}/video getJobVideo",
        "post /v1/uploads createUpload",
        "post /v1/masks selectMasks",
        "get /v1/catalog/{kind} getCatalog",
        "get /v1/me getMe",
        "get /v1/account/balance getBalance",
        "get /v1/usage getUsage",
        "get /v1/webhooks/secret getWebhookSecret",
        "post /v1/webhooks/secret/rotate rotateWebhookSecret",
        "post /v1/admin/tenants createTenant",
        "get /v1/admin/tenants listTenants",
        "get /v1/admin/tenants/{id} getTenant",
        "patch /v1/admin/tenants/{id} updateTenant",
        "post /v1/admin/tenants/{id}/keys createApiKey",
        "get /v1/admin/tenants/{id}/keys listApiKeys",
        "delete /v1/admin/tenants/{id}/keys/{keyId} revokeApiKey",
        "post /v1/admin/tenants/{id}/keys/{keyId}/rotate rotateApiKey",
        "post /webhooks/pixverse receivePixverseWebhook",
        "get /healthz health",
      ].sort(),
    );
  });

  it("requires the bearer scheme everywhere except the webhook and /healthz, naming each route's scope", async () => {
    const doc = await document();
    expect(doc).toMatchObject({
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
      security: [{ bearerAuth: [] }],
      paths: { "/webhooks/pixverse": { post: { security: [] } }, "/healthz": { get: { security: [] } } },
    });
    const scopes = Object.fromEntries(
      Object.values(doc.paths)
        .flatMap((methods) => Object.values(methods))
        .map((op) => [
          op.operationId,
          (op as { security?: { bearerAuth?: string[] }[] }).security?.[0]?.bearerAuth,
        ]),
    );
    expect(scopes).toMatchObject({
      createJob: ["jobs:write"],
      cancelJob: ["jobs:write"],
      createUpload: ["jobs:write"],
      selectMasks: ["jobs:write"],
      getWebhookSecret: ["jobs:write"],
      listJobs: ["jobs:read"],
      getJob: ["jobs:read"],
      getJobVideo: ["jobs:read"],
      getCatalog: ["jobs:read"],
      getUsage: ["jobs:read"],
      getBalance: ["admin"],
      createTenant: ["admin"],
      revokeApiKey: ["admin"],
    });
  });

  it("documents errors with the shared Error schema and PixVerse ids as strings", async () => {
    const doc = await document();
    expect(doc).toMatchObject({
      paths: {
        "/v1/jobs": {
          post: {
            responses: {
              409: { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
            },
          },
        },
      },
      components: {
        schemas: { Job: { properties: { pixverse: { properties: { videoId: { type: "string" } } } } } },
      },
    });
  });
});
