import { defineConfig, type Plugin } from "vite";

/** The dashboard runs in browsers: importing a Node.js built-in is a mistake, not a polyfill to add. */
const noNodeBuiltins: Plugin = {
  name: "pixpipe:no-node-builtins",
  enforce: "pre",
  resolveId(source, importer) {
    if (source.startsWith("node:")) throw new Error(`${importer ?? "?"} imports ${source} (browser code)`);
    return null;
  },
};

export default defineConfig(({ command }) => ({
  // Relative asset URLs: the same build works at /ui/ on the local API and at a CDN's root.
  base: "./",
  // Preact's automatic JSX runtime through esbuild: no Babel, no preset. Vite picks the development
  // JSX (each element with its source file's absolute path) whenever NODE_ENV is not "production",
  // as under vitest, which builds the dashboard for the browser tests: a build never takes it.
  esbuild: { jsx: "automatic", jsxImportSource: "preact", jsxDev: command === "serve" },
  plugins: [noNodeBuiltins],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Small enough that one file each is best; no chunk splitting to wait on.
    modulePreload: false,
    reportCompressedSize: false,
  },
}));
