// Run by process-group.test.ts as a separate Node process: starts a long-lived child, installs the
// shutdown handlers and reports the child's PID on stdout.
import { spawn } from "node:child_process";
import { stopChildrenOnExit } from "../process-group";

const mode = process.argv[2];
const child = spawn("sleep", ["60"], { stdio: "ignore" });
stopChildrenOnExit({
  graceMs: 200,
  log: { info() {}, warn() {}, error() {} },
  childPids: () => (child.pid ? [child.pid] : []),
  stop: () =>
    mode === "hang"
      ? new Promise<void>(() => {})
      : new Promise<void>((resolve) => {
          // "slow" takes a moment, as stopping the emulators does.
          setTimeout(
            () => {
              process.stdout.write("stopped\n");
              resolve();
            },
            mode === "slow" ? 100 : 0,
          );
        }),
});
process.stdout.write(`child ${child.pid}\n`);
if (mode === "crash")
  setTimeout(() => {
    throw new Error("crash");
  }, 50);
else setInterval(() => {}, 1000);
