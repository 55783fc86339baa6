import type { Log } from "./lambda";

export interface ShutdownOptions {
  /** Stops everything gracefully (servers, pollers, children). */
  stop(): Promise<void>;
  /** PIDs of child processes still to be killed if stop() does not finish (DynamoDB Local's java). */
  childPids(): number[];
  /** How long stop() may take after a signal before the children are killed anyway. Default 10 s. */
  graceMs?: number;
  log?: Log;
  /** Where signals and `exit` come from, and how to end; the real process by default. */
  host?: Pick<NodeJS.Process, "on" | "off" | "exit">;
}

/** Exit codes of a stop that did not finish by itself (killed, failed, hurried): 128 + the signal. */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof EXIT_CODES;

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/**
 * Ctrl-C and SIGTERM stop the local runtime and every child process it started. A signal runs
 * stop() (bounded by graceMs), then kills whatever child is left by PID. A stop that completes is
 * the way to end the runtime, so it exits 0 (and pnpm, which runs it, reports no failure); one that
 * failed or outlasted graceMs exits with 128+signal, and so does a second signal, which kills the
 * children at once. On any exit (including a crash) the children are
 * killed synchronously, so no java process keeps a port. Returns a function that removes the handlers.
 */
/** Signals this close together are one Ctrl-C delivered twice, not a second request to hurry. */
const SAME_KEYPRESS_MS = 1000;

export function stopChildrenOnExit(options: ShutdownOptions): () => void {
  const host = options.host ?? process;
  const log = options.log ?? console;
  const graceMs = options.graceMs ?? 10_000;
  let stoppingSince: number | undefined;

  const onExit = () => killAll(options.childPids());

  const onSignal = (signal: Signal) => {
    if (stoppingSince !== undefined) {
      // Ctrl-C reaches this process twice: from the terminal, and relayed by the tsx/pnpm parents.
      if (Date.now() - stoppingSince < SAME_KEYPRESS_MS) return;
      log.warn(`${signal} again: killing child processes now`);
      killAll(options.childPids());
      host.exit(EXIT_CODES[signal]);
      return;
    }
    stoppingSince = Date.now();
    log.info(`${signal}: stopping the local runtime`);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn(`stopping took longer than ${graceMs} ms; killing child processes`);
        resolve();
      }, graceMs);
    });
    const stopped = options.stop().then(() => true);
    Promise.race([stopped, grace.then(() => false)])
      .catch((error: unknown) => {
        log.error("stopping the local runtime failed", error);
        return false;
      })
      .then((clean) => {
        clearTimeout(timer);
        killAll(options.childPids());
        host.exit(clean ? 0 : EXIT_CODES[signal]);
      });
  };
  const onSigint = () => onSignal("SIGINT");
  const onSigterm = () => onSignal("SIGTERM");

  host.on("exit", onExit);
  // Kept registered after the first signal, so that a second one is seen (not Node's default exit).
  host.on("SIGINT", onSigint);
  host.on("SIGTERM", onSigterm);
  return () => {
    host.off("exit", onExit);
    host.off("SIGINT", onSigint);
    host.off("SIGTERM", onSigterm);
  };
}
