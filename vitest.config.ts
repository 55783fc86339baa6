import { defineConfig } from "vitest/config";

const UNIT = "packages/*/src/**/*.unit.test.ts";
// The dashboard's sources are browser code; its logic's unit tests (Node.js) sit beside them in test/.
const DASHBOARD_UNIT = "packages/dashboard/test/**/*.unit.test.ts";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    projects: [
      // Logic over in-memory adapters and fake clocks: no emulator, no Java, seconds.
      // One module graph for all of them (isolate: false): they share no state but the imports.
      {
        extends: true,
        test: { name: "unit", include: [UNIT, DASHBOARD_UNIT], pool: "threads", isolate: false },
      },
      // Real adapters against DynamoDB Local, fauxqs and the simulator, and the local runtime end to end.
      {
        extends: true,
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [UNIT],
          globalSetup: ["test/emulators.global-setup.ts"],
        },
      },
    ],
  },
});
