// The `pixpipe` command.
import { CommanderError } from "commander";
import { EXIT } from "./errors";
import { createProgram } from "./program";

const program = createProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has printed its message (or the help, or the version) already.
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}
