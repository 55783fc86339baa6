import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { JOB_TYPES } from "@pixpipe/core/job/input";
import { solidPng, tinyMp4, wav } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eRuntime, startE2eRuntime } from "../test-support/e2e-runtime";

const COOKBOOK = new URL("../../../../docs/jobs.md", import.meta.url);

let e2e: E2eRuntime;
let stateDir: string;
const folders: string[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "pixpipe-cookbook-state-"));
  e2e = await startE2eRuntime({ stateDir });
});
afterAll(async () => {
  await e2e?.stop();
  await Promise.all([stateDir, ...folders].map((folder) => rm(folder, { recursive: true, force: true })));
});

/** The page's `sh` blocks, in order: together they are the script a reader pastes. */
async function cookbookScript(): Promise<string> {
  const markdown = await readFile(COOKBOOK, "utf8");
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, block]) => block).join("\n");
}

/**
 * A reader's folder: `.pixpipe/` as `run local` leaves it at the repository root, and the four files
 * the page uploads (the simulator's own media, which it accepts as PixVerse would).
 */
async function readerFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "pixpipe-cookbook-"));
  folders.push(folder);
  await symlink(stateDir, path.join(folder, ".pixpipe"));
  await writeFile(path.join(folder, "fox.png"), solidPng(64, 64, [200, 90, 20]));
  await writeFile(path.join(folder, "meadow.png"), solidPng(64, 64, [40, 180, 40]));
  await writeFile(path.join(folder, "fox.mp4"), tinyMp4("fox", 5));
  await writeFile(path.join(folder, "hello.mp3"), wav(3));
  return folder;
}

describe("docs/jobs.md against the local runtime", { timeout: 120_000 }, () => {
  it("runs as pasted into bash, and every job it creates succeeds", async () => {
    const cwd = await readerFolder();
    // bash -e -u: a failing step or a variable the page never set stops the script. execFile's
    // timeout kills it should it hang.
    const { stdout } = await promisify(execFile)("bash", ["-e", "-u", "-c", await cookbookScript()], {
      cwd,
      timeout: 90_000,
    });
    expect(stdout).not.toContain('"error"');

    const jobs = await e2e.api.allJobs();
    expect(jobs.map((job) => job.type).sort()).toEqual([...JOB_TYPES].sort());
    for (const { id, type } of jobs) {
      const job = await e2e.api.waitForStatus(id, ["succeeded", "failed", "cancelled"], 60_000);
      expect({ type, status: job.status, error: job.error }).toEqual({
        type,
        status: "succeeded",
        error: undefined,
      });
    }
  });
});
