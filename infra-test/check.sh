#!/usr/bin/env bash
# Offline infra checks, no AWS needed: `sst install` (once per sst version), tsc over the infra
# program, then the synth suite (sst.config.ts under Pulumi mocks). Usage: pnpm run check:infra
set -euo pipefail
cd "$(dirname "$0")/.."
export SST_SKIP_DEPENDENCY_CHECK=true SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1
export SST_STAGE="${SST_STAGE:-ci}"
export XDG_CONFIG_HOME="$PWD/.sst-home" # SST writes ~/.config/sst otherwise

step_started=$SECONDS
took() { echo "check:infra: $1 took $((SECONDS - step_started)) s"; step_started=$SECONDS; }

sst_version=$(node -p 'require("./node_modules/sst/package.json").version')
if [[ "$(cat .sst/platform/version 2>/dev/null)" == "$sst_version" && -d .sst/platform/node_modules/@pulumi/aws ]]; then
  echo "check:infra: .sst/platform is already sst $sst_version, skipping sst install"
else
  node_modules/.bin/sst install # ~45-65 s, ~300 MB from the npm registry into .sst/platform
  took "sst install"
fi
node_modules/.bin/tsc -p tsconfig.infra.json
took "tsc -p tsconfig.infra.json"
# The dashboard's static site uploads packages/dashboard/dist: build it when missing or stale.
node --import tsx --eval 'await (await import("./packages/dashboard/build.ts")).ensureDashboardBuilt()'
took "dashboard build"
node --import tsx --test infra-test/infra.test.ts
