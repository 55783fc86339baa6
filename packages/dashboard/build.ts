// Builds the dashboard for the local runtime (Node.js side; the SST static site runs `vite build`).
import { createHash } from "node:crypto";
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export { dashboardCsp } from "./csp";

const PACKAGE_DIR = fileURLToPath(new URL(".", import.meta.url));
/** The built dashboard: index.html and assets/. */
export const DASHBOARD_DIST = path.join(PACKAGE_DIR, "dist");
/** Beside the build: the hash of the sources it was built from. */
const STAMP = ".sources.sha256";

/** What a build depends on: the dashboard's sources and config, and the client it bundles. */
const SOURCES = [PACKAGE_DIR, fileURLToPath(new URL("../client/src/", import.meta.url))];
const IGNORED = new Set(["node_modules", "dist", "generated", "test"]);
const isSource = (name: string) => /\.(tsx?|css|html|json)$/.test(name) && !/\.test\.ts$/.test(name);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory())
        return IGNORED.has(entry.name) || entry.name.startsWith(".") ? [] : sourceFiles(full);
      return isSource(entry.name) ? [full] : [];
    }),
  );
  return nested.flat();
}

/** One hash over every source file's path and bytes: a build is stale when it differs. */
export async function sourcesHash(): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(SOURCES.map(sourceFiles))).flat().sort();
  for (const file of files) {
    hash
      .update(path.relative(PACKAGE_DIR, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex");
}

export interface DashboardBuild {
  dir: string;
  /** False when the build on disk was already up to date. */
  built: boolean;
}

/**
 * The built dashboard, building it first when it is missing or older than its sources. The build
 * goes to a folder of its own, swapped in when done, so that a concurrent reader (another runtime
 * serving /ui) never sees half of one.
 */
export async function ensureDashboardBuilt(
  options: { log?: (message: string) => void } = {},
): Promise<DashboardBuild> {
  const hash = await sourcesHash();
  const current = await stampOf(DASHBOARD_DIST);
  if (current === hash) return { dir: DASHBOARD_DIST, built: false };

  options.log?.(current ? "the dashboard's sources changed: building it" : "building the dashboard");
  const { build } = await import("vite");
  const suffix = `${process.pid}-${Date.now()}`;
  const fresh = `${DASHBOARD_DIST}.building-${suffix}`;
  await build({
    root: PACKAGE_DIR,
    configFile: path.join(PACKAGE_DIR, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: fresh, emptyOutDir: true },
  });
  await writeFile(path.join(fresh, STAMP), `${hash}\n`);
  await swapIn(fresh, `${DASHBOARD_DIST}.old-${suffix}`, hash);
  return { dir: DASHBOARD_DIST, built: true };
}

const stampOf = (dir: string) =>
  readFile(path.join(dir, STAMP), "utf8").then(
    (text) => text.trim(),
    () => "",
  );

/**
 * Replaces dist/ with `fresh`. Two runtimes starting at once may both build: whichever swaps in
 * last wins, and one that finds dist/ already holding a build of the same sources keeps that one.
 */
async function swapIn(fresh: string, old: string, hash: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await rename(DASHBOARD_DIST, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    try {
      await rename(fresh, DASHBOARD_DIST);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== "ENOTEMPTY" && code !== "EEXIST") || attempt >= 3) throw error;
      if ((await stampOf(DASHBOARD_DIST)) === hash) {
        await rm(fresh, { recursive: true, force: true });
        break;
      }
    }
  }
  await rm(old, { recursive: true, force: true });
}
