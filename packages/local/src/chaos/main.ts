// `npx -y pnpm@10 run test:chaos [-- --jobs N --seed S --kills K --limit L --timeout SECONDS]`: N jobs
// of mixed types through the local pipeline while every boundary fails; prints its figures and exits
// non-zero when one does not hold. N=, CHAOS_SEED=, CHAOS_KILLS= set the same from the environment.
import { Command, InvalidArgumentError } from "commander";
import { formatFigures } from "./figures";
import { freshSeed } from "./random";
import { runChaos } from "./run";

const env = process.env;

function integer(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
}

/** An integer setting from the environment, or undefined; a bad one ends the run with its message. */
function fromEnv(name: string, min: number): number | undefined {
  const value = env[name];
  if (!value) return undefined;
  try {
    return integer(name, min)(value);
  } catch (error) {
    console.error(`test:chaos: ${(error as Error).message}`);
    process.exit(2);
  }
}

const program = new Command("test:chaos")
  .description("N jobs of mixed types through the local pipeline while faults are injected at every boundary")
  .option("-n, --jobs <n>", "jobs to run (env N)", integer("jobs", 8), fromEnv("N", 8) ?? 40)
  .option(
    "-s, --seed <seed>",
    "seed of every fault and of the workload (env CHAOS_SEED; default: a fresh one)",
    integer("seed", 0),
  )
  .option(
    "-k, --kills <k>",
    "SIGKILLs of the pipeline process (env CHAOS_KILLS; default: 4 + N/50)",
    integer("kills", 0),
  )
  .option(
    "-l, --limit <l>",
    "generations in flight pixpipe allows (PIXVERSE_MAX_CONCURRENCY)",
    integer("limit", 1),
    5,
  )
  .option(
    "-t, --timeout <seconds>",
    "the run's time bound (default: 120 + 2.5 s per job)",
    integer("timeout", 10),
  )
  .parse(
    process.argv.slice(2).filter((arg) => arg !== "--"),
    { from: "user" },
  );

const opts = program.opts<{ jobs: number; seed?: number; kills?: number; limit: number; timeout?: number }>();
const seed = opts.seed ?? fromEnv("CHAOS_SEED", 0) ?? freshSeed();
const kills = opts.kills ?? fromEnv("CHAOS_KILLS", 0) ?? 4 + Math.floor(opts.jobs / 50);
const timeoutSeconds = opts.timeout ?? 120 + Math.ceil(opts.jobs * 2.5);

const begun = Date.now();
const log = (line: string) =>
  console.error(`[chaos ${((Date.now() - begun) / 1000).toFixed(0).padStart(4)} s] ${line}`);
console.log(
  `chaos: seed ${seed}, ${opts.jobs} jobs, ${kills} kills, limit ${opts.limit}, timeout ${timeoutSeconds} s (repeat: npx -y pnpm@10 run test:chaos -- --seed ${seed} --jobs ${opts.jobs})`,
);
try {
  const result = await runChaos({
    jobs: opts.jobs,
    seed,
    kills,
    limit: opts.limit,
    timeoutMs: timeoutSeconds * 1000,
    log,
  });
  for (const line of result.injected) console.log(`     injected: ${line}`);
  const lines = formatFigures(result.figures);
  for (const line of lines) console.log(line);
  process.exit(result.figures.every((f) => f.ok) ? 0 : 1);
} catch (error) {
  console.error(error);
  console.log("chaos: 0 passed, 1 failed");
  process.exit(1);
}
