import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PublicJob } from "@pixpipe/core/job";
import { afterEach, describe, expect, it } from "vitest";
import { prepareLocalData } from "../local-data";
import type { LocalRuntimeInfo } from "../runtime";
import { ApiClient, TEXT_TO_VIDEO } from "../test-support/e2e-runtime";

// `run local` itself (main.ts in a child process, as the root script starts it), stopped and started
// again on the same state folder. In-process restarts would not do: the handlers build their clients
// once per process, from the environment of the first start.

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

interface RunLocal {
  info: LocalRuntimeInfo;
  api: ApiClient;
  output: () => string;
  stop(): Promise<void>;
}

async function runLocal(
  stateDir: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<RunLocal> {
  const { PIXPIPE_API_KEY: _ignored, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...parentEnv, PORT: "0", PIXPIPE_STATE_DIR: stateDir, POWERTOOLS_LOG_LEVEL: "ERROR", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/^written to /m.test(output)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    exited.then((code) => reject(new Error(`run local exited with ${code} before it was ready:\n${output}`)));
  });
  const info = JSON.parse(await readFile(path.join(stateDir, "local.json"), "utf8")) as LocalRuntimeInfo;
  return {
    info,
    api: new ApiClient(info.apiUrl, info.apiKey),
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      running.delete(child);
    },
  };
}

describe("local data across restarts of run local", { timeout: 180_000 }, () => {
  it("keeps the dev key and the jobs across a restart; --fresh and PIXPIPE_FRESH=1 start with an empty table", async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-restart-"));

    const first = await runLocal(stateDir);
    let job: PublicJob;
    try {
      job = await first.api.waitForStatus((await first.api.accepted(TEXT_TO_VIDEO)).id, "succeeded", 60_000);
    } finally {
      await first.stop();
    }
    const keyFile = path.join(stateDir, "dev-api-key");
    expect((await readFile(keyFile, "utf8")).trim()).toBe(first.info.apiKey);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(stateDir, "dynamodb"))).mode & 0o777).toBe(0o700);

    const second = await runLocal(stateDir);
    try {
      expect(second.info.apiKey).toBe(first.info.apiKey);
      const again = await second.api.getJob(job.id);
      expect(again.status).toBe(200);
      // updatedAt moves once more after `succeeded` (the event's bookkeeping); the rest is as it was.
      expect(again.body).toEqual({ ...job, updatedAt: expect.any(String) });
      expect((await second.api.allJobs()).map((j) => j.id)).toEqual([job.id]);
    } finally {
      await second.stop();
    }

    for (const [args, env] of [
      [["--fresh"], {}],
      [[], { PIXPIPE_FRESH: "1" }],
    ] as const) {
      const fresh = await runLocal(stateDir, [...args], env);
      try {
        // The key file is configuration, not data: the same key is registered again in the empty table.
        expect(fresh.info.apiKey).toBe(first.info.apiKey);
        expect((await fresh.api.getJob(job.id)).status).toBe(404);
        expect(await fresh.api.allJobs()).toEqual([]);
        expect(fresh.output()).toContain("started empty");
      } finally {
        await fresh.stop();
      }
    }
  });

  it("uses PIXPIPE_API_KEY as it is, without writing it", async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-restart-"));
    const kept = await prepareLocalData({ stateDir });
    const chosen = await prepareLocalData({ stateDir, apiKey: "pxp_chosen_by_the_developer" });
    expect(chosen.apiKey).toBe("pxp_chosen_by_the_developer");
    expect((await readFile(path.join(stateDir, "dev-api-key"), "utf8")).trim()).toBe(kept.apiKey);
  });
});
