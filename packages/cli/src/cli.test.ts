import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PurgeQueueCommand } from "@aws-sdk/client-sqs";
import type { Job } from "@pixpipe/client";
import { freePort } from "@pixpipe/local";
import { type E2eRuntime, TEXT_TO_VIDEO } from "@pixpipe/local/test-support/e2e-runtime";
import { solidPng } from "@pixpipe/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "./errors";
import { formatBytes } from "./format";
import { type BinHarness, startBinHarness } from "./test-support/bin-harness";

// The real `pixpipe` bin against the whole local pipeline (see startBinHarness).

let e2e: E2eRuntime;
let workdir: string;
let configHome: string;
let pixpipe: BinHarness["pixpipe"];
let spawnPixpipe: BinHarness["spawnPixpipe"];
let spawnOnTerminal: BinHarness["spawnOnTerminal"];

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const jobIdIn = (text: string) => text.match(/job_[0-9A-Z]{26}/)?.[0] ?? "";

beforeAll(async () => {
  ({ e2e, workdir, configHome, pixpipe, spawnPixpipe, spawnOnTerminal } = await startBinHarness());
  // `pixpipe events tail` reads JobEvents itself.
  await e2e.events.stop();
}, 120_000);
afterAll(() => e2e?.stop());

describe("pixpipe run", { timeout: 60_000 }, () => {
  it("runs a text_to_video job with no setup, prints plain progress lines off a terminal, and leaves the verified MP4", async () => {
    const result = await pixpipe(["run", "text_to_video", "--prompt", "a fox in the snow", "-o", "fox.mp4"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const id = jobIdIn(result.stdout);
    const lines = result.stdout.trim().split("\n");
    expect(lines.filter((line) => line.includes(`job ${id} `)).at(-1)).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z job ${id} succeeded \\+\\d+\\.\\ds$`),
    );
    const file = path.join(workdir, "fox.mp4");
    const bytes = await readFile(file);
    const job = (await e2e.api.getJob(id)).body;
    expect(lines.slice(-3)).toEqual([
      file,
      `  size    ${bytes.length} bytes (${formatBytes(bytes.length)})`,
      `  sha256  ${sha256(bytes)}`,
    ]);
    expect(sha256(bytes)).toBe(job.output?.sha256);
    expect(await e2e.sim.control.contentSha256(job.pixverse.videoId ?? "")).toBe(sha256(bytes));
  });

  it("uploads local files, and with --json prints only the job and the file on stdout", async () => {
    await writeFile(path.join(workdir, "cat.png"), solidPng(32, 32, [10, 200, 90]));
    const result = await pixpipe([
      "--json",
      "run",
      "image_to_video",
      "--prompt",
      "the cat jumps",
      "--image",
      "cat.png",
      "--metadata",
      "order=42",
    ]);
    expect(result.code).toBe(0);
    const { job, file } = JSON.parse(result.stdout) as { job: Job; file: { path: string; sha256: string } };
    expect(job).toMatchObject({ status: "succeeded", metadata: { order: "42" } });
    expect(job.input.image).toEqual({ upload: expect.stringMatching(/^uploads\/local\/.+\/cat\.png$/) });
    expect(file.path).toBe(path.join(workdir, `${job.id}.mp4`));
    expect(sha256(await readFile(file.path))).toBe(job.output?.sha256);
    expect(result.stderr).toMatch(new RegExp(`job ${job.id} succeeded`));
  });

  it('uploads {"file": path} references inside --input-json (fusion)', async () => {
    await writeFile(path.join(workdir, "hero.png"), solidPng(32, 32, [250, 10, 10]));
    await writeFile(path.join(workdir, "place.png"), solidPng(32, 32, [10, 10, 250]));
    const input = {
      image_references: [
        { type: "subject", ref_name: "hero", image: { file: "hero.png" } },
        { type: "background", ref_name: "place", image: { file: "place.png" } },
      ],
    };
    const result = await pixpipe([
      "--json",
      "run",
      "fusion",
      "--prompt",
      "@hero walks into @place",
      "--input-json",
      JSON.stringify(input),
      "--no-download",
    ]);
    expect(result.code).toBe(0);
    const { job } = JSON.parse(result.stdout) as { job: Job };
    expect(job.status).toBe("succeeded");
    expect(job.input.image_references).toMatchObject([
      { ref_name: "hero", image: { upload: expect.stringMatching(/hero\.png$/) } },
      { ref_name: "place", image: { upload: expect.stringMatching(/place\.png$/) } },
    ]);
  });

  it("shows a spinner on a terminal and ends with the result", async () => {
    const run = spawnOnTerminal(["run", "text_to_video", "--prompt", "a fox on a terminal", "-o", "tty.mp4"]);
    expect(await run.exited).toBe(0);
    const screen = run.output();
    // Ora's frames redrawn in place (cursor to column 1, line cleared), then its success mark.
    const redraw = "\u001b[1G\u001b[0K";
    const frames = screen
      .split(redraw)
      .slice(1)
      .filter((frame) => /^\S*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\S* (queued|generating|archiving) \d+\.\ds · job job_/.test(frame));
    expect(frames?.length).toBeGreaterThan(1);
    expect(screen).toMatch(/✔ succeeded \d+\.\ds · job job_/);
    const bytes = await readFile(path.join(workdir, "tty.mp4"));
    expect(screen).toContain(`sha256  ${sha256(bytes)}`);
  });
});

describe("Ctrl-C during pixpipe run", { timeout: 60_000 }, () => {
  beforeAll(() => e2e.sim.control.setGenerationMs(60_000));
  afterAll(async () => {
    e2e.sim.control.setGenerationMs(300);
    await e2e.cancelUnfinished();
  });

  it("on a terminal asks, and cancels the job when asked to", async () => {
    const run = spawnOnTerminal(["run", "text_to_video", "--prompt", "cancel me"]);
    await run.until(/generating/);
    const id = jobIdIn(run.output());
    run.child.stdin.write("\x03");
    await run.until(/Stop here\?/);
    expect(run.output()).toMatch(/Leave it running and exit[\s\S]*Cancel the job[\s\S]*Keep watching/);
    run.child.stdin.write("\x1b[B"); // down to "Cancel the job"
    await new Promise((resolve) => setTimeout(resolve, 200));
    run.child.stdin.write("\r");
    expect(await run.exited).toBe(EXIT.interrupted);
    expect(run.output()).toContain(`cancelled job ${id}`);
    expect((await e2e.api.getJob(id)).body.status).toBe("cancelled");
  });

  it("off a terminal leaves the job running and prints its id", async () => {
    const run = spawnPixpipe(["run", "text_to_video", "--prompt", "leave me"]);
    const [, id] = (await run.until(/job (job_\S+) generating/)) as unknown as [string, string];
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(EXIT.interrupted);
    expect(run.output()).toContain(
      `job ${id} keeps running (generating); follow it with: pixpipe jobs watch ${id}`,
    );
    expect((await e2e.api.getJob(id)).body.status).toBe("generating");
  });
});

describe("pixpipe jobs", { timeout: 60_000 }, () => {
  let done: Job;
  beforeAll(async () => {
    const created = await e2e.api.accepted({ ...TEXT_TO_VIDEO, metadata: { batch: "jobs-test" } });
    done = await e2e.api.waitForStatus(created.id, "succeeded");
  });

  it("list shows the newest first, get and watch show one job, download verifies it", async () => {
    const list = await pixpipe(["--json", "jobs", "list", "--limit", "2"]);
    expect(list.code).toBe(0);
    const { jobs } = JSON.parse(list.stdout) as { jobs: Job[] };
    expect(jobs).toHaveLength(2);
    expect(jobs[0]?.id).toBe(done.id);

    const table = await pixpipe(["jobs", "list", "--status", "succeeded", "--all"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+CREATED\s+AGE$/);
    expect(table.stdout).toMatch(new RegExp(`${done.id}\\s+text_to_video\\s+succeeded`));

    const get = await pixpipe(["jobs", "get", done.id]);
    expect(get.stdout).toContain(`sha256    ${done.output?.sha256}`);
    expect(JSON.parse((await pixpipe(["--json", "jobs", "get", done.id])).stdout)).toEqual(done);

    const watch = await pixpipe(["jobs", "watch", done.id]);
    expect(watch.code).toBe(0);
    expect(watch.stdout).toMatch(new RegExp(`job ${done.id} succeeded`));

    const download = await pixpipe(["jobs", "download", done.id, "-o", "again.mp4"]);
    expect(download.code).toBe(0);
    expect(download.stdout).toContain(`sha256  ${done.output?.sha256}`);
    expect(sha256(await readFile(path.join(workdir, "again.mp4")))).toBe(done.output?.sha256);
  });

  it("cancel stops a running job; watch then exits with the cancelled code", async () => {
    e2e.sim.control.setGenerationMs(60_000);
    try {
      const job = await e2e.api.accepted(TEXT_TO_VIDEO);
      const cancel = await pixpipe(["jobs", "cancel", job.id]);
      expect(cancel).toMatchObject({ code: 0, stdout: `job ${job.id} cancelled\n` });
      const watch = await pixpipe(["jobs", "watch", job.id]);
      expect(watch.code).toBe(EXIT.jobCancelled);
      expect(watch.stderr).toBe(`pixpipe: cancelled: the job was cancelled (job ${job.id})\n`);
    } finally {
      e2e.sim.control.setGenerationMs(300);
    }
  });
});

describe("errors", { timeout: 60_000 }, () => {
  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    [
      "an input the API refuses",
      ["run", "text_to_video", "--prompt", "x", "--duration", "7"],
      {},
      EXIT.rejected,
      /^pixpipe: invalid_request: .*input\.duration: .*HTTP 400, request \S+\)$/,
    ],
    ["an unknown job", ["jobs", "get", "job_nope"], {}, EXIT.notFound, /^pixpipe: not_found: /],
    [
      "a wrong key (PIXPIPE_API_KEY overrides the local one)",
      ["jobs", "list"],
      { PIXPIPE_API_KEY: "pp_wrong" },
      EXIT.auth,
      /^pixpipe: unauthorized: /,
    ],
    [
      "an unknown job type",
      ["run", "text_to_picture", "--prompt", "x"],
      {},
      EXIT.usage,
      /^pixpipe: usage: unknown job type "text_to_picture"; one of: text_to_video, /,
    ],
    [
      "a missing file",
      ["run", "image_to_video", "--prompt", "x", "--image", "missing.png"],
      {},
      EXIT.usage,
      /^pixpipe: ENOENT: .*missing\.png/,
    ],
    ["a bad flag", ["jobs", "list", "--limit", "many"], {}, EXIT.usage, /--limit is a whole number/],
  ])("%s: one line with the code, and its exit code", async (_case, args, env, code, line) => {
    const result = await pixpipe(args, { env });
    expect(result.code).toBe(code);
    expect(result.stderr.trim().split("\n")[0]).toMatch(line);
  });

  it("an unreachable API names it", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await pixpipe(["jobs", "list"], { env: { PIXPIPE_URL: url } });
    expect(result).toMatchObject({
      code: EXIT.unreachable,
      stderr: `pixpipe: unreachable: cannot reach ${url}: ECONNREFUSED\n  the URL comes from the environment\n`,
    });
  });

  it("no settings anywhere says where to put them", async () => {
    const result = await pixpipe(["jobs", "list"], { cwd: tmpdir() });
    expect(result.code).toBe(EXIT.config);
    expect(result.stderr).toMatch(
      /^pixpipe: config: no API URL or API key found: set PIXPIPE_URL and PIXPIPE_API_KEY, run `pixpipe login`/,
    );
  });

  it("--json writes the error as the API's shape on stderr", async () => {
    const result = await pixpipe(["--json", "run", "text_to_video", "--prompt", "x", "--quality", "4k"]);
    expect(result.code).toBe(EXIT.rejected);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: {
        code: "invalid_request",
        status: 400,
        details: [expect.objectContaining({ path: "input.quality" })],
      },
    });
  });
});

describe("pixpipe login", { timeout: 60_000 }, () => {
  it("checks the key, keeps it in the config folder (0600), and is used outside the project", async () => {
    const { apiUrl, apiKey } = e2e.runtime.info;
    const wrong = await pixpipe(["login", "--url", apiUrl, "--api-key-stdin"], { input: "pp_wrong\n" });
    expect(wrong.code).toBe(EXIT.auth);
    await expect(stat(path.join(configHome, "pixpipe", "config.json"))).rejects.toMatchObject({
      code: "ENOENT",
    });

    const ok = await pixpipe(["login", "--url", apiUrl, "--api-key-stdin"], { input: `${apiKey}\n` });
    expect(ok.code).toBe(0);
    const file = path.join(configHome, "pixpipe", "config.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ url: apiUrl, apiKey });

    const elsewhere = await pixpipe(["--json", "jobs", "list", "--limit", "1"], { cwd: tmpdir() });
    expect(elsewhere.code).toBe(0);
    expect((JSON.parse(elsewhere.stdout) as { jobs: Job[] }).jobs).toHaveLength(1);
  });
});

describe("pixpipe events tail", { timeout: 60_000 }, () => {
  it("prints the JobEvents of the local runtime as they arrive and takes them off the queue", async () => {
    await e2e.cancelUnfinished();
    await e2e.sqs.send(new PurgeQueueCommand({ QueueUrl: e2e.runtime.info.queues.jobEvents.url }));
    const tail = spawnPixpipe(["events", "tail", "--max", "1"]);
    await tail.until(/reading .*pixpipe-job-events/);
    const job = await e2e.api.accepted(TEXT_TO_VIDEO);
    expect(await tail.exited).toBe(0);
    expect(tail.output()).toMatch(
      new RegExp(
        `pixpipe\\.job\\.succeeded  ${job.id}  succeeded  videos/local/${job.id}\\.mp4  tenant local`,
      ),
    );

    const second = await e2e.api.accepted(TEXT_TO_VIDEO);
    await e2e.api.waitForStatus(second.id, "succeeded");
    const json = await pixpipe(["--json", "events", "tail", "--max", "1"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: `${second.id}:succeeded`,
      type: "pixpipe.job.succeeded",
      subject: second.id,
    });
  });
});
