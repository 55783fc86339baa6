/*
 * The web dashboard's static site, the CORS that lets it call the API and the media bucket, and
 * GET /docs's Swagger UI files packaged beside the api bundle rather than in it.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { handlers, packagedFiles } from "../infra/lambda";
import { repoRoot } from "../scripts/bundle-functions";
import { testStage } from "./stages";
import { invokeHttpGet } from "./synth-client";

describe("web dashboard", () => {
  test("is built by the deploy with the API's URL, and its URL is an output", async () => {
    const s = await testStage;
    const build = s.one("command:local:Command", "DashboardBuilder").inputs;
    assert.equal(build.create, "npx vite build");
    assert.equal(build.dir, path.join(repoRoot, "packages/dashboard"));
    assert.deepEqual(build.environment, { VITE_PIXPIPE_API_URL: s.result.outputs.api });
    assert.equal(typeof s.result.outputs.webDashboard, "string");
    assert.equal(s.all("aws:cloudfront/distribution:Distribution").length, 1);
  });

  test("is served with a CSP naming only the API and the media bucket", async () => {
    const s = await testStage;
    const code = String(
      s.one("aws:cloudfront/function:Function", "DashboardCloudfrontFunctionResponse").inputs.code,
    );
    const csp = code.match(/"content-security-policy"\] = \{ value: "([^"]+)" \}/)?.[1] ?? "";
    const bucket = String(s.result.outputs.mediaBucket);
    const directives = Object.fromEntries(
      csp.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]),
    );
    const media = [`https://${bucket}.s3.eu-west-1.amazonaws.com`, `https://${bucket}.s3.amazonaws.com`];
    assert.deepEqual(directives["default-src"], ["'none'"]);
    assert.deepEqual(directives["script-src"], ["'self'"]);
    assert.deepEqual(directives["style-src"], ["'self'"]);
    assert.deepEqual(directives["connect-src"], [
      "'self'",
      new URL(String(s.result.outputs.api)).origin,
      ...media,
    ]);
    assert.deepEqual(directives["media-src"], ["'self'", "blob:", ...media]);
    assert.deepEqual(directives["frame-ancestors"], ["'none'"]);
    assert.doesNotMatch(csp, /unsafe/);
    assert.match(code, /"x-content-type-options"\] = \{ value: "nosniff" \}/);
  });

  test("may call the API (Authorization named, not wildcarded) and the media bucket", async () => {
    const s = await testStage;
    const cors = s.one("aws:apigatewayv2/api:Api", "ApiApi").inputs.corsConfiguration as Record<
      string,
      unknown
    >;
    assert.deepEqual(cors.allowMethods, ["GET", "POST", "PATCH", "DELETE"]);
    assert.deepEqual(cors.allowHeaders, ["authorization", "content-type", "idempotency-key", "range"]);
    assert.deepEqual(cors.exposeHeaders, ["x-request-id"]);
    const [rule] = s.one("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "MediaCors").inputs
      .corsRules as Record<string, unknown>[];
    assert.deepEqual(rule?.allowedMethods, ["GET", "HEAD", "PUT"]);
    assert.deepEqual(rule?.allowedOrigins, ["*"]);
  });
});

describe("GET /docs in the api function", () => {
  test("serves Swagger UI from the files packaged beside the bundle", async () => {
    const s = await testStage;
    const api = s.fn(handlers.api);
    // As SST's copyFiles lays them out: relative to the function package's root, the bundle's folder.
    for (const file of packagedFiles.api ?? []) {
      const target = path.join(path.dirname(api.build.bundle), file.to);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(repoRoot, file.from), target);
    }
    const page = await invokeHttpGet(api, "/docs");
    assert.equal(page.statusCode, 200);
    const script = page.body.match(/src="(\/docs\/assets\/[^"]+\/swagger-ui-bundle\.js)"/)?.[1];
    assert.ok(script, page.body);
    const asset = await invokeHttpGet(api, script, { "accept-encoding": "gzip" });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers["content-encoding"], "gzip");
    assert.match(
      gunzipSync(Buffer.from(asset.body, "base64")).toString("utf8", 0, 2000),
      /SwaggerUIBundle|swagger/i,
    );
  });
});
