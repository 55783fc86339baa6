/*
 * Offline "synth": runs an SST config's app() and run() the way `sst deploy` does, but under Pulumi
 * mocks and with a fake SST CLI RPC server, and records every resource it would create.
 * Needs only `.sst/platform` (from `sst install`): no Pulumi CLI, provider plugins or AWS.
 *
 * Tied to SST internals (src/auto/run.ts, src/shim/run.js, the Runtime.* / Provider.Aws.* RPC methods,
 * the $app/$cli shapes), hence the exact sst pin; expect to adjust it on an sst upgrade.
 * Pulumi's runtime state is global: one synth per process (see runSynth in synth-client.ts).
 *
 * CLI: tsx infra-test/synth.ts [--stage S] [--config F] [--artifacts DIR]  -> SynthResult JSON on
 * stdout; exit 1 with the error messages on stderr. SST_SECRET_<Name> variables supply secrets, as for
 * `sst deploy`. With --artifacts the handler bundles are kept there (DIR/<functionID>/index.mjs).
 */
import { mkdtempSync, readFileSync, rmSync, writeSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { bundleHandler, repoRoot } from "../scripts/bundle-functions";
import type { SynthBuild, SynthResource, SynthResult } from "./synth-types";

const platform = path.join(repoRoot, ".sst", "platform");

/** What the harness needs from Pulumi's mock API (runtime.setMocks). */
interface MockResourceArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
interface MockCallArgs {
  token: string;
  inputs: Record<string, unknown>;
}
interface Mocks {
  newResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> };
  call(args: MockCallArgs): Record<string, unknown>;
}
interface ResourceOptionsSeen {
  type: string;
  name: string;
  retainOnDelete?: boolean;
  protect?: boolean;
}
/** The bundled program (see programSource). */
interface SynthProgram {
  go(stage: string, mocks: Mocks, onOptions: (seen: ResourceOptionsSeen) => void): Promise<unknown>;
  /** Pulumi promises still outstanding (what its exit-time leak check counts). */
  pendingPromises(): number;
  resolve(outputs: unknown): Promise<Record<string, unknown>>;
}

/** How long the program must stay idle to count as finished. */
const QUIET_MS = 500;
/** A program that has not settled by then is reported as hanging. */
const SETTLE_LIMIT_MS = 300_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RpcRequest {
  method: string;
  params: [Record<string, unknown>];
}

interface RpcServer {
  server: http.Server;
  /** Calls not answered yet (a handler build can take seconds). */
  inFlight(): number;
}

/** Stands in for the Go CLI's RPC server; Runtime.Build really bundles the handler with esbuild. */
function startRpcServer(artifactsDir: string, builds: SynthBuild[]): Promise<RpcServer> {
  let pending = 0;
  const server = http.createServer(async (req, res) => {
    pending++;
    res.on("close", () => pending--);
    let body = "";
    for await (const chunk of req) body += chunk;
    const { method, params } = JSON.parse(body) as RpcRequest;
    const input = params[0];
    let result: unknown = null;
    let error: string | null = null;
    if (method === "Runtime.Build") {
      const handler = String(input.handler);
      const functionID = String(input.functionID);
      const out = path.join(artifactsDir, functionID);
      try {
        const { outfile } = await bundleHandler(handler, out);
        builds.push({
          functionID,
          handler,
          bundle: outfile,
          links: (input.links ?? {}) as SynthBuild["links"],
        });
        result = {
          handler: `index.${handler.slice(handler.lastIndexOf(".") + 1)}`,
          out,
          errors: [],
          sourcemaps: [],
        };
      } catch (e) {
        const errors = (e as { errors?: { text: string }[] }).errors?.map((x) => `${handler}: ${x.text}`) ?? [
          e instanceof Error ? e.message : String(e),
        ];
        result = { handler: "", out: "", errors, sourcemaps: [] };
      }
    } else if (method === "Provider.Aws.Bootstrap") {
      result = {
        asset: "mock-asset-bucket",
        assetEcrRegistryId: "123456789012",
        assetEcrUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mock",
        state: "mock-state-bucket",
        appsyncHttp: "mock.appsync-api",
        appsyncRealtime: "mock.appsync-realtime",
      };
    } else if (method === "Provider.Aws.Appsync") {
      result = { http: "mock.appsync-api", realtime: "mock.appsync-realtime" };
    } else if (method !== "Runtime.AddTarget") {
      error = `rpc: can't find method ${method}`;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ result, error }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, inFlight: () => pending })),
  );
}

/**
 * The program `sst deploy` would run: the config plus SST's run() wrapper. `$app` and `$cli` are
 * compile-time defines in SST; here they point at globals so app() can be evaluated first, per stage.
 */
function programSource(config: string): string {
  return `
    import * as pulumi from "@pulumi/pulumi";
    import { getStore } from "@pulumi/pulumi/runtime/state";
    import { run } from ${JSON.stringify(path.join(platform, "src/auto/run.ts"))};
    import config from ${JSON.stringify(config)};
    export async function go(stage, mocks, onOptions) {
      const app = await config.app({ stage });
      globalThis.__synthApp = {
        name: app.name, stage, removal: app.removal ?? "retain", protect: app.protect ?? false,
        providers: app.providers ?? {}, home: app.home,
      };
      await pulumi.runtime.setMocks(mocks, app.name, stage, false);
      return pulumi.runtime.runInPulumiStack(() => run(async () => {
        // Registered after SST's own stack transformations, so it sees the options they set.
        pulumi.runtime.registerStackTransformation((a) => {
          onOptions({ type: a.type, name: a.name, retainOnDelete: a.opts.retainOnDelete, protect: a.opts.protect });
          return undefined;
        });
        return config.run();
      }));
    }
    export function pendingPromises() {
      return getStore().leakCandidates.size;
    }
    export function resolve(outputs) {
      return new Promise((done) => pulumi.output(outputs).apply(done));
    }`;
}

/** SST prepends these imports to every non-.sst file of the program (pkg/js/js.go). */
const providerGlobals = `import * as aws from "@pulumi/aws";\nimport * as sst from ${JSON.stringify(path.join(platform, "src/components"))};\n`;

async function bundleProgram(config: string, workDir: string, outfile: string): Promise<void> {
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: workDir, root: repoRoot, work: workDir, platform },
    state: { version: {} },
  };
  await build({
    stdin: {
      contents: programSource(config),
      resolveDir: repoRoot,
      sourcefile: "synth-program.ts",
      loader: "ts",
    },
    banner: { js: `import { createRequire as __cr } from "module"; const require = __cr(import.meta.url);` },
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "silent",
    nodePaths: [path.join(platform, "node_modules")],
    external: [
      "@pulumi/*",
      "@pulumiverse/*",
      "@sst-provider/*",
      "@aws-sdk/*",
      "esbuild",
      "archiver",
      "glob",
      "vite",
      "undici",
    ],
    define: { $app: "globalThis.__synthApp", $cli: JSON.stringify(cli), $dev: "false" },
    inject: [path.join(platform, "src/shim/run.js")],
    plugins: [
      {
        name: "sst-globals",
        setup(b) {
          b.onLoad({ filter: /\.(ts|js)$/ }, (args) =>
            args.path.includes(`${path.sep}.sst${path.sep}`)
              ? undefined
              : { contents: providerGlobals + readFileSync(args.path, "utf8"), loader: "ts" },
          );
        },
      },
    ],
  });
}

function mocks(stage: string, resources: SynthResource[]): Mocks {
  return {
    newResource(a) {
      const physical = a.inputs.name ?? a.inputs.bucket;
      const name = typeof physical === "string" ? physical : `${a.name}-${stage}`;
      const arn = `arn:aws:mock:eu-west-1:123456789012:${a.type}/${name}`;
      resources.push({ type: a.type, name: a.name, inputs: a.inputs });
      const computed = {
        arn,
        name,
        id: `${a.name}-id`,
        url: `https://${a.name}.mock.local`,
        invokeArn: `${arn}/invocations`,
        apiEndpoint: `https://${a.name}.execute-api.mock`,
        executionArn: arn,
        bucket: name,
        ...(a.type === "random:index/randomBytes:RandomBytes" ? { base64: "bW9jaw==", hex: "6d6f636b" } : {}),
      };
      return { id: computed.id, state: { ...computed, ...a.inputs } };
    },
    call(a) {
      switch (a.token) {
        case "aws:index/getRegion:getRegion":
          return { name: "eu-west-1", region: "eu-west-1", id: "eu-west-1" };
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return {
            accountId: "123456789012",
            arn: "arn:aws:iam::123456789012:user/mock",
            userId: "mock",
            id: "123456789012",
          };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
          // The provider echoes the statements next to the JSON; SST skips the policy without them.
          return { ...a.inputs, json: JSON.stringify(a.inputs), id: "doc" };
        default:
          return a.inputs;
      }
    },
  };
}

export interface SynthOptions {
  stage?: string;
  /** sst.config.ts to run (absolute path). */
  config?: string;
  /** Keep the handler bundles in this directory (removed with the synth's work directory otherwise). */
  artifactsDir?: string;
}

export async function synth({
  stage = "test",
  config = path.join(repoRoot, "sst.config.ts"),
  artifactsDir,
}: SynthOptions = {}): Promise<SynthResult> {
  const workDir = mkdtempSync(path.join(repoRoot, ".sst", "synth-"));
  // Inside .sst/platform so the bundle's bare imports (@pulumi/*) resolve from its node_modules.
  const outfile = path.join(platform, `synth.${process.pid}.mjs`);
  const resources: SynthResource[] = [];
  const builds: SynthBuild[] = [];
  const options = new Map<string, ResourceOptionsSeen>();
  const errors: unknown[] = [];
  const onError = (e: unknown) => errors.push(e);
  const rpc = await startRpcServer(artifactsDir ?? path.join(workDir, "artifacts"), builds);
  process.env.SST_SERVER = `http://127.0.0.1:${(rpc.server.address() as AddressInfo).port}`;
  process.env.SST_AWS_REGION = "eu-west-1";
  process.on("unhandledRejection", onError);
  process.on("uncaughtException", onError);
  try {
    await bundleProgram(config, workDir, outfile);
    const program = (await import(pathToFileURL(outfile).href)) as SynthProgram;
    const outputs = await program.go(stage, mocks(stage, resources), (seen) =>
      options.set(`${seen.type}::${seen.name}`, seen),
    );
    // Registrations, builds and resources created inside apply() go on after run() returns. Done is
    // when nothing is pending for a while; an error ends the wait (what it blocks never settles).
    const started = Date.now();
    for (
      let count = -1, quietSince = Date.now();
      Date.now() - quietSince < QUIET_MS && errors.length === 0;
    ) {
      if (Date.now() - started > SETTLE_LIMIT_MS) {
        throw new Error(`synth did not settle: ${program.pendingPromises()} Pulumi promises still pending`);
      }
      await sleep(100);
      if (count !== resources.length || rpc.inFlight() > 0 || program.pendingPromises() > 0) {
        count = resources.length;
        quietSince = Date.now();
      }
    }
    const resolved = errors.length === 0 ? await program.resolve(outputs) : {};
    if (errors.length > 0) throw new AggregateError(errors, messagesOf(errors).join("\n"));
    for (const resource of resources) {
      const seen = options.get(`${resource.type}::${resource.name}`);
      resource.retainOnDelete = seen?.retainOnDelete ?? false;
      resource.protect = seen?.protect ?? false;
    }
    return { stage, resources, builds, outputs: resolved };
  } finally {
    process.off("unhandledRejection", onError);
    process.off("uncaughtException", onError);
    rpc.server.close();
    rmSync(outfile, { force: true });
    rmSync(workDir, { recursive: true, force: true });
  }
}

function messagesOf(errors: unknown[]): string[] {
  const flat = errors.flatMap((e) => (e instanceof AggregateError ? e.errors : [e]));
  return [...new Set(flat.map((e) => (e instanceof Error ? e.message : String(e))))];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { stage: { type: "string" }, config: { type: "string" }, artifacts: { type: "string" } },
  });
  try {
    const result = await synth({
      ...(values.stage ? { stage: values.stage } : {}),
      ...(values.config ? { config: path.resolve(values.config) } : {}),
      ...(values.artifacts ? { artifactsDir: path.resolve(values.artifacts) } : {}),
    });
    writeSync(1, JSON.stringify(result));
    process.exit(0);
  } catch (e) {
    writeSync(2, `${messagesOf([e]).join("\n")}\n`);
    process.exit(1);
  }
}
