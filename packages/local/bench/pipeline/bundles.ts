/**
 * Lambda bundles as SST deploys them (`pnpm run bundle`, scripts/bundle-functions.ts), their sizes,
 * and the cold import of each in a fresh node process beside its floor: importing only the AWS SDK
 * packages the function uses.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONFIG_SETTINGS } from "@pixpipe/core/config";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));

type FunctionName = "api" | "poller" | "archiver" | "intake" | "deliveries";

/** The SDK packages each function calls: the floor of its cold import. */
export const SDK_PACKAGES_USED: Record<FunctionName, readonly string[]> = {
  // jobs, tenants and usage; presigned uploads and downloads; a cancelled job's event
  api: ["client-dynamodb", "lib-dynamodb", "client-s3", "s3-request-presigner", "client-sqs"],
  // jobs; uploaded media read from S3; archive hand-outs and events
  poller: ["client-dynamodb", "lib-dynamodb", "client-s3", "client-sqs"],
  // jobs; the multipart copy into S3; retries and events
  archiver: ["client-dynamodb", "lib-dynamodb", "client-s3", "lib-storage", "client-sqs"],
  // jobs; the incoming object read; a refused object's failed job and its event
  intake: ["client-dynamodb", "lib-dynamodb", "client-s3", "client-sqs"],
  // deliveries and the tenant's secrets; retries queued again
  deliveries: ["client-dynamodb", "lib-dynamodb", "client-sqs"],
};

/** What scripts/bundle-functions.ts --report writes for each bundle. */
interface BundleReport {
  name: FunctionName;
  outfile: string;
  bytes: number;
  zippedBytes: number;
  largest: { name: string; bytes: number }[];
  sdkImports: string[];
}

/**
 * One import in a fresh process: wall time, and the CPU time the process spent meanwhile (user +
 * system, all threads), which a busy shared machine disturbs far less than the wall clock.
 */
export interface ImportTime {
  wallMs: number;
  cpuMs: number;
}

export interface BundleFigures extends BundleReport {
  /** The bundle. */
  bundleImport: ImportTime[];
  /** The floor: only the SDK packages the function uses. */
  floorImport: ImportTime[];
  /** Every SDK package the bundle imports as it loads, without the bundle: the rest is its own code. */
  sdkAtLoadImport: ImportTime[];
}

/**
 * Environment a handler's module scope reads (parsed only: nothing is called): a placeholder for every
 * setting linked in a deployment, so a setting added later cannot stop the measurement.
 */
const HANDLER_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  ...Object.fromEntries(
    CONFIG_SETTINGS.filter((setting) => setting.link && !setting.optional).map((setting) => [
      setting.env,
      setting.env.endsWith("_URL") ? "http://127.0.0.1:1/bench" : "bench",
    ]),
  ),
  PIXPIPE_METRICS_FORMAT: "none",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

/** How long a fresh node process takes to import these modules. */
async function timedImport(specifiers: readonly string[], cwd: string): Promise<ImportTime> {
  const script = `const cpu = process.cpuUsage(); const t = performance.now(); await Promise.all(${JSON.stringify(specifiers)}.map((s) => import(s))); const wallMs = performance.now() - t; const { user, system } = process.cpuUsage(cpu); console.log(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...HANDLER_ENV },
  });
  return JSON.parse(stdout) as ImportTime;
}

/**
 * Bundles every handler and imports each `rounds` times (at least 5: one fresh process per sample is
 * noisy on a shared machine), the bundle, its floor and its SDK imports at load taking turns.
 */
export async function measureBundles(rounds: number): Promise<BundleFigures[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "pixpipe-bench-bundles-"));
  try {
    const reportFile = path.join(dir, "report.json");
    await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/bundle-functions.ts",
        "--out",
        path.join(dir, "functions"),
        "--report",
        reportFile,
      ],
      { cwd: repoRoot },
    );
    // The bundles leave the SDK external: it resolves where core's dependencies are installed.
    await symlink(path.join(repoRoot, "packages/core/node_modules"), path.join(dir, "node_modules"), "dir");
    const reports = JSON.parse(await readFile(reportFile, "utf8")) as BundleReport[];
    const figures: BundleFigures[] = [];
    for (const report of reports) {
      const bundleImport: ImportTime[] = [];
      const floorImport: ImportTime[] = [];
      const sdkAtLoadImport: ImportTime[] = [];
      const used = SDK_PACKAGES_USED[report.name].map((name) => `@aws-sdk/${name}`);
      for (let round = 0; round < Math.max(rounds, 5); round++) {
        bundleImport.push(await timedImport([report.outfile], dir));
        floorImport.push(await timedImport(used, dir));
        sdkAtLoadImport.push(await timedImport(report.sdkImports, dir));
      }
      figures.push({ ...report, bundleImport, floorImport, sdkAtLoadImport });
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
