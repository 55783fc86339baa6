/*
 * Bundles every Lambda the way SST deploys it (ESM, minified, AWS SDK v3 external) and reports sizes.
 * Usage: pnpm run bundle [--out DIR] [--report FILE]
 *   writes DIR/<name>/index.mjs (default dist/functions); exit 1 if a bundle fails or is too big;
 *   --report writes each bundle's figures as JSON (bench:pipeline reads them).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { deflateRawSync } from "node:zlib";
import { type BuildOptions, build, type Metafile } from "esbuild";
import { bundleExternal, type HandlerName, handlers, lambdaRuntime, packagedFiles } from "../infra/lambda";

export const repoRoot = path.resolve(import.meta.dirname, "..");

/** "nodejs22.x" -> "node22": bundles target the runtime infra/lambda.ts deploys. */
const nodeTarget = lambdaRuntime.replace(/^nodejs(\d+)\.x$/, "node$1");

/** esbuild settings for a handler bundle; the synth harness builds with them too. */
export const lambdaBuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: nodeTarget,
  minify: true,
  external: bundleExternal,
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "silent",
  metafile: true,
} satisfies BuildOptions;

/** AWS Lambda's limit for a function's unzipped deployment package. */
const LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

export class HandlerNotFoundError extends Error {
  override readonly name = "HandlerNotFoundError";
}

/** "packages/functions/src/api.handler" -> the source file and the exported function name. */
export function resolveHandler(handler: string): { entry: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  const file = handler.slice(0, dot);
  const candidates = ["ts", "mts", "js", "mjs"].map((ext) => path.join(repoRoot, `${file}.${ext}`));
  const entry = candidates.find((candidate) => existsSync(candidate));
  if (!entry) {
    throw new HandlerNotFoundError(
      `handler file not found for ${handler}: none of ${candidates.map((c) => path.relative(repoRoot, c)).join(", ")} exists`,
    );
  }
  return { entry, exportName: handler.slice(dot + 1) };
}

export interface BundleResult {
  outfile: string;
  bytes: number;
  /** Deflated size, close to what the deployment zip holds. */
  zippedBytes: number;
  metafile: Metafile;
}

export async function bundleHandler(handler: string, outdir: string): Promise<BundleResult> {
  const { entry } = resolveHandler(handler);
  const outfile = path.join(outdir, "index.mjs");
  const result = await build({ ...lambdaBuildOptions, entryPoints: [entry], outfile });
  const code = readFileSync(outfile);
  return { outfile, bytes: code.length, zippedBytes: deflateRawSync(code).length, metafile: result.metafile };
}

/** The packages (or our own source folders) that contribute most to a bundle. */
function largestInputs(metafile: Metafile, count: number): { name: string; bytes: number }[] {
  const byName = new Map<string, number>();
  for (const input of Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs))) {
    const [inputPath, { bytesInOutput }] = input;
    const name =
      inputPath.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)?.[1] ??
      path.dirname(path.relative(repoRoot, path.resolve(repoRoot, inputPath)));
    byName.set(name, (byName.get(name) ?? 0) + bytesInOutput);
  }
  return [...byName]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

/** The AWS SDK packages a bundle imports as it loads (static imports of the external SDK). */
function sdkImportsAtLoad(metafile: Metafile): string[] {
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
  return [
    ...new Set(
      imports
        .filter((i) => i.external && i.kind === "import-statement" && i.path.startsWith("@aws-sdk/"))
        .map((i) => i.path),
    ),
  ].sort();
}

/** One bundle's figures, as --report writes them. */
export interface BundleReport {
  name: HandlerName;
  outfile: string;
  bytes: number;
  zippedBytes: number;
  largest: { name: string; bytes: number }[];
  sdkImports: string[];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Copies a handler's packaged files (infra/lambda.ts) beside its bundle, as SST's copyFiles does. */
function copyPackagedFiles(name: HandlerName, outdir: string): { bytes: number; zippedBytes: number } {
  let bytes = 0;
  let zippedBytes = 0;
  for (const file of packagedFiles[name] ?? []) {
    const target = path.join(outdir, file.to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(repoRoot, file.from), target);
    const content = readFileSync(target);
    bytes += content.length;
    zippedBytes += deflateRawSync(content).length;
  }
  return { bytes, zippedBytes };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string" }, report: { type: "string" } } });
  const outRoot = path.resolve(values.out ?? path.join(repoRoot, "dist", "functions"));
  rmSync(outRoot, { recursive: true, force: true });
  let failed = false;
  const reports: BundleReport[] = [];
  console.log(
    `Lambda bundles (esbuild, ESM, ${nodeTarget}, minified, external: ${bundleExternal.join(", ")})`,
  );
  for (const [name, handler] of Object.entries(handlers) as [HandlerName, string][]) {
    const outdir = path.join(outRoot, name);
    mkdirSync(outdir, { recursive: true });
    try {
      const started = performance.now();
      const result = await bundleHandler(handler, outdir);
      const ms = Math.round(performance.now() - started);
      const largest = largestInputs(result.metafile, 3);
      const sdkImports = sdkImportsAtLoad(result.metafile);
      reports.push({
        name,
        outfile: result.outfile,
        bytes: result.bytes,
        zippedBytes: result.zippedBytes,
        largest,
        sdkImports,
      });
      const top = largest.map((input) => `${input.name} ${kib(input.bytes)}`).join(", ");
      console.log(
        `  ${name.padEnd(9)} ${kib(result.bytes).padStart(11)}  zipped ~${kib(result.zippedBytes).padStart(10)}  ${String(ms).padStart(5)} ms  largest: ${top}`,
      );
      console.log(`  ${"".padEnd(9)} SDK at load: ${sdkImports.join(", ")}`);
      const packaged = copyPackagedFiles(name, outdir);
      if (packaged.bytes > 0) {
        console.log(
          `  ${"".padEnd(9)} + ${kib(packaged.bytes)} packaged beside it (zipped ~${kib(packaged.zippedBytes)}), read only when used`,
        );
      }
      if (result.bytes > LAMBDA_UNZIPPED_LIMIT_BYTES) {
        console.error(`  ${name}: ${result.bytes} bytes exceeds Lambda's unzipped limit`);
        failed = true;
      }
    } catch (error) {
      const messages =
        error instanceof HandlerNotFoundError
          ? [error.message]
          : ((error as { errors?: { text: string }[] }).errors?.map((e) => e.text) ?? [String(error)]);
      console.error(`  ${name.padEnd(9)} FAILED: ${messages.join("; ")}`);
      failed = true;
    }
  }
  console.log(`Bundles written to ${path.relative(repoRoot, outRoot)}/<name>/index.mjs`);
  if (values.report) writeFileSync(values.report, `${JSON.stringify(reports, null, 2)}\n`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
