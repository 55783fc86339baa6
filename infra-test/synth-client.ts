/* Runs synth.ts in a child process (Pulumi's runtime state is global) and queries its result. */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../scripts/bundle-functions";
import type { SynthBuild, SynthResource, SynthResult } from "./synth-types";

const synthScript = path.join(import.meta.dirname, "synth.ts");

export interface RunSynthOptions {
  stage?: string;
  /** Config file relative to infra-test/ (a fixture); the repo's sst.config.ts otherwise. */
  config?: string;
  /** Secret values, passed as SST_SECRET_<Name> the way `sst deploy` passes them. */
  secrets?: Record<string, string>;
  /** Keep the handler bundles here (see artifactsDirectory). */
  artifactsDir?: string;
  /** Stage settings (PIXPIPE_*, infra/settings.ts) as the deployer's shell would pass them. */
  settings?: Record<string, string>;
}

/** Resolves with the synth result, or rejects with the synth's error messages. */
export function runSynth({
  stage,
  config,
  secrets = {},
  artifactsDir,
  settings = {},
}: RunSynthOptions = {}): Promise<SynthResult> {
  // Only what the test passes: secrets and stage settings in the developer's shell do not leak in.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("SST_SECRET_") && !name.startsWith("PIXPIPE_"),
    ),
  );
  for (const [name, value] of Object.entries(secrets)) env[`SST_SECRET_${name}`] = value;
  Object.assign(env, settings);
  const args = [
    "--import",
    "tsx",
    synthScript,
    ...(stage ? ["--stage", stage] : []),
    ...(config ? ["--config", path.join(import.meta.dirname, config)] : []),
    ...(artifactsDir ? ["--artifacts", artifactsDir] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(JSON.parse(stdout) as SynthResult);
    });
  });
}

/** Pulumi marks secret values (and outputs derived from them) with this signature key. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** The value with Pulumi's secret wrappers removed, at any depth. */
export function unsecret(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unsecret);
  if (value === null || typeof value !== "object") return value;
  if (SECRET_SIG in value && "value" in value) return unsecret(value.value);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unsecret(inner)]));
}

/** The ARN the synth's mocks give a resource (see mocks() in synth.ts). */
export function mockArn(resource: SynthResource): string {
  return `arn:aws:mock:eu-west-1:123456789012:${resource.type}/${String(resource.inputs.name ?? resource.inputs.bucket)}`;
}

export interface PolicyStatement {
  actions: string[];
  resources: string[];
}

export interface SynthFunction {
  build: SynthBuild;
  /** Inputs of the aws:lambda/function:Function. */
  lambda: Record<string, unknown>;
  arn: string;
  statements: PolicyStatement[];
}

/** Typed lookups over a synth result; inputs come back with secret wrappers removed. */
export class Synthesized {
  constructor(readonly result: SynthResult) {}

  all(type: string): SynthResource[] {
    return this.result.resources
      .filter((resource) => resource.type === type)
      .map((resource) => ({ ...resource, inputs: unsecret(resource.inputs) as Record<string, unknown> }));
  }

  one(type: string, name: string): SynthResource {
    const found = this.all(type).filter((resource) => resource.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
    return found[0]!;
  }

  /** The function SST built for a handler ("packages/functions/src/api.handler"). */
  fn(handler: string): SynthFunction {
    const builds = this.result.builds.filter((build) => build.handler === handler);
    if (builds.length !== 1) throw new Error(`expected one function for ${handler}, found ${builds.length}`);
    const build = builds[0]!;
    const lambda = this.one("aws:lambda/function:Function", `${build.functionID}Function`);
    const role = this.one("aws:iam/role:Role", `${build.functionID}Role`);
    const policies = role.inputs.inlinePolicies as { policy: string }[];
    const statements = policies.flatMap(
      (policy) => (JSON.parse(policy.policy) as { statements: PolicyStatement[] }).statements,
    );
    return { build, lambda: lambda.inputs, arn: mockArn(lambda), statements };
  }
}

/**
 * A fresh directory for handler bundles, with the AWS SDK v3 packages the Lambda Node runtime provides
 * (bundles leave @aws-sdk/* external) resolvable from it, as they are on Lambda.
 */
export function artifactsDirectory(): string {
  const dir = mkdtempSync(path.join(repoRoot, ".sst", "artifacts-"));
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(
    path.join(repoRoot, "packages/core/node_modules/@aws-sdk"),
    path.join(dir, "node_modules/@aws-sdk"),
    "dir",
  );
  return dir;
}

/** The environment Lambda gives a function: its variables and links, nothing of this process's. */
function lambdaEnvironment(fn: SynthFunction): Record<string, string> {
  const {
    SST_KEY: _key,
    SST_KEY_FILE: _keyFile,
    ...variables
  } = (
    fn.lambda.environment as {
      variables: Record<string, string>;
    }
  ).variables;
  const links = Object.entries(fn.build.links).map(([name, properties]) => [
    `SST_RESOURCE_${name}`,
    JSON.stringify(properties),
  ]);
  return {
    PATH: process.env.PATH ?? "",
    AWS_REGION: "eu-west-1",
    AWS_LAMBDA_FUNCTION_NAME: String(fn.lambda.name),
    ...variables,
    ...Object.fromEntries(links),
  };
}

/**
 * Loads a function's bundle in a fresh Node process the way Lambda starts it: nothing but the
 * function's environment variables and its links (SST_RESOURCE_<Name>, which SST's Resource reads like
 * the encrypted links of a deployed function). Rejects with the process's stderr if module
 * initialisation throws or the handler is not an exported function.
 */
export function coldStart(fn: SynthFunction): Promise<void> {
  const env = lambdaEnvironment(fn);
  const exportName = fn.build.handler.slice(fn.build.handler.lastIndexOf(".") + 1);
  // Prints only the error (an uncaught one would also print the minified source line).
  const script = `try {
      const m = await import(${JSON.stringify(pathToFileURL(fn.build.bundle).href)});
      if (typeof m[${JSON.stringify(exportName)}] !== "function") throw new Error("no exported function ${exportName}");
    } catch (error) {
      console.error(String(error?.name ?? "Error") + ": " + String(error?.message ?? error));
      process.exit(1);
    }`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { env, timeout: 60_000 },
      (error, _stdout, stderr) => {
        if (error)
          reject(new Error(`${fn.build.handler} fails to start:\n${stderr.trim() || error.message}`));
        else resolve();
      },
    );
  });
}

/** What an HTTP API function answered: API Gateway's structured result. */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/**
 * Starts a function's bundle as coldStart does and sends it one API Gateway (payload 2.0) GET of
 * `rawPath`, as the HTTP API would.
 */
export function invokeHttpGet(fn: SynthFunction, rawPath: string, headers: Record<string, string> = {}) {
  const exportName = fn.build.handler.slice(fn.build.handler.lastIndexOf(".") + 1);
  const event = {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: "",
    headers,
    requestContext: {
      http: { method: "GET", path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "synth" },
      requestId: "synth",
      routeKey: "$default",
      stage: "$default",
      accountId: "123456789012",
      apiId: "synth",
      domainName: "synth.example.com",
      domainPrefix: "synth",
      time: "01/Jan/2026:00:00:00 +0000",
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
  // The function logs to stdout as it would in Lambda, so the result travels in a file of its own.
  const resultFile = path.join(mkdtempSync(path.join(tmpdir(), "pixpipe-invoke-")), "result.json");
  const script = `const m = await import(${JSON.stringify(pathToFileURL(fn.build.bundle).href)});
    const result = await m[${JSON.stringify(exportName)}](${JSON.stringify(event)}, {});
    (await import("node:fs")).writeFileSync(${JSON.stringify(resultFile)}, JSON.stringify(result));`;
  return new Promise<HttpResult>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { env: lambdaEnvironment(fn), timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${fn.build.handler} GET ${rawPath} failed:\n${stderr.trim() || error.message}`));
          return;
        }
        try {
          resolve(JSON.parse(readFileSync(resultFile, "utf8")) as HttpResult);
        } catch (cause) {
          reject(new Error(`${fn.build.handler} GET ${rawPath} returned no result:\n${stdout}`, { cause }));
        } finally {
          rmSync(path.dirname(resultFile), { recursive: true, force: true });
        }
      },
    );
  });
}
