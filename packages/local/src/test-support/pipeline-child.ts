import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const PIPELINE_PROCESS = fileURLToPath(new URL("./pipeline-process.ts", import.meta.url));
const LOCAL_PACKAGE = fileURLToPath(new URL("../..", import.meta.url));

/**
 * One pipeline process (pipeline-process.ts: the api handler, the archiver and the poller) that a
 * test can SIGKILL at any moment; `kill()` signals it by its PID.
 */
export class PipelineProcess {
  /** Every process started and not yet killed, so a test's cleanup can end them all by PID. */
  static readonly running = new Set<PipelineProcess>();
  private output = "";

  private constructor(private readonly child: ChildProcess) {
    // Both streams are drained for as long as the process runs (a full pipe would stall its logging).
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  }

  /** Starts one with this environment (on top of this process's) and waits until it is ready. */
  static async start(env: Record<string, string>): Promise<PipelineProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", PIPELINE_PROCESS], {
      cwd: LOCAL_PACKAGE,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const started = new PipelineProcess(child);
    PipelineProcess.running.add(started);
    await new Promise<void>((resolve, reject) => {
      const ready = () => {
        if (!/^ready /m.test(started.output)) return;
        child.stdout?.off("data", ready);
        resolve();
      };
      child.stdout?.on("data", ready);
      child.once("exit", (code, signal) => {
        PipelineProcess.running.delete(started);
        reject(
          new Error(`pipeline process exited (${code ?? signal}) before it was ready:\n${started.output}`),
        );
      });
    });
    return started;
  }

  /** Kills every process still running. */
  static async killAll(): Promise<void> {
    for (const child of PipelineProcess.running) await child.kill();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** What it wrote lately (the last 20 kB of stdout and stderr). */
  get recentOutput(): string {
    return this.output;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(): Promise<void> {
    PipelineProcess.running.delete(this);
    if (!this.alive) return;
    const exited = once(this.child, "exit");
    process.kill(this.pid, "SIGKILL");
    await exited;
  }
}
