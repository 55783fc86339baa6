import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type E2eRuntime, startE2eRuntime } from "@pixpipe/local/test-support/e2e-runtime";
import { bundleCli } from "../../scripts/bundle";

// The real `pixpipe` bin (the bundle npm installs) against the whole local pipeline, found as a user
// finds it: through .pixpipe/local.json above the working folder, with no flags or variables.

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running bin whose output is collected as it comes; `until` waits for a pattern in it. */
function started(child: ChildProcessWithoutNullStreams) {
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async until(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

/**
 * The bundled bin and a local runtime for one test file: `project` holds .pixpipe/local.json, the
 * CLI runs in its subfolder `workdir`, `configHome` (XDG_CONFIG_HOME) is empty until `pixpipe login`.
 */
export async function startBinHarness() {
  const project = await mkdtemp(path.join(tmpdir(), "pixpipe-cli-"));
  const workdir = path.join(project, "videos");
  const configHome = path.join(project, "config-home");
  await mkdir(workdir);
  const [bin, e2e]: [string, E2eRuntime] = await Promise.all([
    bundleCli(),
    startE2eRuntime({ stateDir: path.join(project, ".pixpipe") }),
  ]);

  /** The environment of a user who set nothing for pixpipe. */
  function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("PIXPIPE_")),
    );
    return { ...env, XDG_CONFIG_HOME: configHome, NO_COLOR: "1", ...extra };
  }

  function pixpipe(
    args: string[],
    options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
  ): Promise<Outcome> {
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [bin, ...args],
        { cwd: options.cwd ?? workdir, env: userEnv(options.env), timeout: 60_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
        },
      );
      child.stdin?.end(options.input ?? "");
    });
  }

  function spawnPixpipe(args: string[]) {
    return started(spawn(process.execPath, [bin, ...args], { cwd: workdir, env: userEnv() }));
  }

  /** The bin on a pseudo-terminal of 120x40 (util-linux `script`), its keyboard on our stdin. */
  function spawnOnTerminal(args: string[]) {
    const command = [process.execPath, bin, ...args]
      .map((word) => `'${word.replaceAll("'", "'\\''")}'`)
      .join(" ");
    return started(
      spawn("script", ["-qfec", `stty cols 120 rows 40; exec ${command}`, "/dev/null"], {
        cwd: workdir,
        env: userEnv({ TERM: "xterm-256color" }),
      }),
    );
  }

  return { bin, e2e, project, workdir, configHome, userEnv, pixpipe, spawnPixpipe, spawnOnTerminal };
}

export type BinHarness = Awaited<ReturnType<typeof startBinHarness>>;
