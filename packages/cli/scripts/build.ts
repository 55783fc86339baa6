// `pnpm --filter @pixpipe/cli build` (and prepack): dist/pixpipe.js, the bin of the published package.
import { bundleCli } from "./bundle";

console.log(`built ${await bundleCli()}`);
