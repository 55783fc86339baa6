import { chmod, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Bundles the CLI into dist/pixpipe.js for `npm install` outside the repository: @pixpipe/client and
 * openapi-fetch are inlined, the packages of `dependencies` stay imports that npm installs.
 */
export async function bundleCli(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const outfile = path.join(ROOT, "dist", "pixpipe.js");
  await build({
    entryPoints: [path.join(ROOT, "src", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: Object.keys(pkg.dependencies),
    banner: { js: "#!/usr/bin/env node" },
    sourcemap: "linked",
    logLevel: "warning",
  });
  await chmod(outfile, 0o755);
  return outfile;
}
