import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./test-support/process-group-child.ts", import.meta.url));

/** Alive and not a zombie (a killed child may linger as a zombie until its parent is reaped). */
function isRunning(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== undefined && state !== "Z";
  } catch {
    return false;
  }
}

async function runFixture(mode: "graceful" | "slow" | "hang" | "crash", signal?: NodeJS.Signals, times = 1) {
  const runtime = spawn(process.execPath, ["--import", "tsx", fixture, mode], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "ignore"],
  });
  let stdout = "";
  runtime.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = once(runtime, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/child \d+/);
  const childPid = Number(/child (\d+)/.exec(stdout)?.[1]);
  expect(isRunning(childPid)).toBe(true);
  for (let i = 0; signal && i < times; i++) {
    // Apart enough to be two deliveries (identical pending signals would merge into one).
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 40));
    runtime.kill(signal);
  }
  const [code] = await exited;
  return { code, childPid, stdout };
}

describe("stopChildrenOnExit", () => {
  it("runs stop() on SIGTERM, kills the children and exits 0 once stopped", async () => {
    const { code, childPid, stdout } = await runFixture("graceful", "SIGTERM");
    expect(stdout).toContain("stopped");
    expect(code).toBe(0);
    expect(isRunning(childPid)).toBe(false);
  });

  it("kills the children when stop() hangs past the grace period after SIGINT, and exits 130", async () => {
    const { code, childPid } = await runFixture("hang", "SIGINT");
    expect(code).toBe(130);
    expect(isRunning(childPid)).toBe(false);
  });

  it("takes a Ctrl-C delivered twice at once (terminal + relaying parent) as one graceful stop", async () => {
    const { code, childPid, stdout } = await runFixture("slow", "SIGINT", 2);
    expect(stdout).toContain("stopped");
    expect(code).toBe(0);
    expect(isRunning(childPid)).toBe(false);
  });

  it("kills the children when the process crashes", async () => {
    const { code, childPid } = await runFixture("crash");
    expect(code).not.toBe(0);
    expect(isRunning(childPid)).toBe(false);
  });
});
