import { Command, InvalidArgumentError, Option } from "commander";
import { tailEvents } from "./commands/events";
import { cancelJob, downloadJob, getJob, listJobs, watchJob } from "./commands/jobs";
import { createKey, listKeys, revokeKey, rotateKey } from "./commands/keys";
import { login } from "./commands/login";
import { run } from "./commands/run";
import { createTenant, getTenant, listTenants, updateTenant } from "./commands/tenants";
import { usage } from "./commands/usage";
import { webhookSecret } from "./commands/webhooks";
import { CliContext, type GlobalOptions, VERSION } from "./context";
import { type ExitCode, errorJson, errorLine, exitCodeOf } from "./errors";
import { JOB_TYPE_NAMES } from "./job-request";

const integer = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} is a whole number`);
  return Number(value);
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Runs a command with the context its global options give, then reports its outcome: the exit code
 * it returns, or the error it throws as one line (or one JSON document with --json) on stderr.
 */
function action<A extends unknown[]>(handler: (cli: CliContext, ...args: A) => Promise<ExitCode>) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const cli = new CliContext(command.optsWithGlobals<GlobalOptions>());
    try {
      process.exitCode = await handler(cli, ...(args.slice(0, -1) as A));
    } catch (error) {
      const hint = cli.hintFor(error);
      cli.stderr.write(
        cli.json ? `${errorJson(error)}\n` : `pixpipe: ${errorLine(error)}${hint ? `\n  ${hint}` : ""}\n`,
      );
      process.exitCode = exitCodeOf(error);
    }
  };
}

export function createProgram(): Command {
  const program = new Command("pixpipe")
    .description("Run PixVerse video generation jobs through a pixpipe API and get the files back.")
    .version(VERSION)
    // Before the subcommands, which inherit it: main.ts maps commander's parse errors to EXIT.usage.
    .exitOverride()
    .option("--json", "print machine-readable JSON (errors as one JSON document on stderr)")
    .option("--url <url>", "the pixpipe API (default: PIXPIPE_URL, the local runtime, or the login)")
    .option("--api-key <key>", "the API key (default: PIXPIPE_API_KEY, the local runtime, or the login)")
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .addHelpText(
      "after",
      "\nWithout --url/--api-key or their variables, pixpipe uses the nearest .pixpipe/local.json (written by\n`npx -y pnpm@10 run local`), then the settings of `pixpipe login`.",
    );

  program
    .command("run")
    .description("upload local media, create a job, follow it and download the result")
    .argument("<type>", `the job type: ${JOB_TYPE_NAMES.join(", ")}`)
    .option("-p, --prompt <text>", "the prompt")
    .option("--image <media>", "an image: a file, an https:// URL, or job:<id> (repeat for several)", collect)
    .option("--video <media>", "a video: a file, an https:// URL, or job:<id> of an earlier job", collect)
    .option("--audio <media>", "an audio file or URL (lip_sync)", collect)
    .option("--model <model>", "the PixVerse model (default v5 where the type needs one)")
    .option(
      "--duration <seconds>",
      "video length (default 5 where the type needs one)",
      integer("--duration"),
    )
    .option("--quality <quality>", "360p, 540p (the default where needed), 720p or 1080p")
    .option("--aspect-ratio <ratio>", "e.g. 16:9 (the default where needed), 9:16, 1:1")
    .option("--negative-prompt <text>", "what to avoid")
    .option("--seed <n>", "the generation seed", integer("--seed"))
    .option("--template-id <id>", "the effect or image template (see GET /v1/catalog/templates)")
    .option(
      "--input-json <json>",
      'more input fields as a JSON object, or @file.json; {"file": "./x.png"} anywhere is uploaded',
    )
    .option("--metadata <key=value>", "a metadata entry kept on the job (repeatable)", collect)
    .option(
      "--retry-generation-failed <n>",
      "start a new generation up to n times (0-3) when PixVerse reports one failed; each may bill",
      integer("--retry-generation-failed"),
    )
    .option("--idempotency-key <key>", "create the job at most once for this key")
    .option("-o, --output <path>", "where to save the result (default: <job id>.mp4 here)")
    .option("--no-download", "stop when the job succeeds, without downloading")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        '  pixpipe run text_to_video --prompt "a fox in the snow" -o fox.mp4',
        '  pixpipe run image_to_video --prompt "the cat jumps" --image ./cat.png --quality 720p',
        '  pixpipe run extend --video job:01JAB... --prompt "and then it flies" --input-json \'{"seed":7}\'',
        "",
        "Ctrl-C asks whether to leave the job running or cancel it (without a terminal: leaves it running).",
      ].join("\n"),
    )
    .action(action(run));

  const jobs = program.command("jobs").description("list, inspect, follow, cancel and download jobs");
  jobs
    .command("list")
    .description("the newest jobs first")
    .option("--status <status>", "only jobs in this status")
    .option("--limit <n>", "how many", integer("--limit"), 20)
    .option("--all", "every job, page after page")
    .action(action(listJobs));
  jobs.command("get").description("one job").argument("<id>").action(action(getJob));
  jobs
    .command("watch")
    .description("follow a job until it ends (Ctrl-C stops watching, the job goes on)")
    .argument("<id>")
    .action(action(watchJob));
  jobs
    .command("cancel")
    .description("stop a job that has not ended")
    .argument("<id>")
    .action(action(cancelJob));
  jobs
    .command("download")
    .description("save a succeeded job's video, checked against its SHA-256")
    .argument("<id>")
    .option("-o, --output <path>", "where to save it (default: <job id>.mp4 here)")
    .action(action(downloadJob));

  const events = program.command("events").description("the JobEvents queue");
  events
    .command("tail")
    .description("print job events as they arrive, taking them off the queue (--peek leaves them)")
    .option(
      "--queue-url <url>",
      "the JobEvents queue (default: PIXPIPE_EVENTS_QUEUE_URL, or the local runtime's)",
    )
    .option("--endpoint <url>", "an SQS endpoint other than AWS's (default: the local runtime's)")
    .option("--region <region>", "the queue's region (default: AWS_REGION, or the local runtime's)")
    .option("--max <n>", "stop after this many events", integer("--max"))
    .addOption(new Option("--peek", "read one batch and leave it on the queue"))
    .action(action(tailEvents));

  const tenants = program.command("tenants").description("tenants and their limits (admin keys)");
  tenants
    .command("list")
    .description("tenants by id")
    .option("--limit <n>", "how many", integer("--limit"), 50)
    .option("--all", "every tenant, page after page")
    .action(action(listTenants));
  tenants.command("get").description("one tenant").argument("<id>").action(action(getTenant));
  const limitOptions = (command: Command, none: string) =>
    command
      .option("--max-in-flight <n>", `generations in flight at once${none}`)
      .option("--credits-per-day <n>", `PixVerse credits per UTC day${none}`)
      .option("--credits-per-month <n>", `PixVerse credits per UTC month${none}`);
  limitOptions(
    tenants
      .command("create")
      .description("create a tenant (it gets its webhook signing secret)")
      .requiredOption("--name <name>", "what to call it")
      .option("--id <id>", "a chosen id (default: ten_<ULID>)")
      .option("--status <status>", "active (the default) or disabled"),
    "",
  ).action(action(createTenant));
  limitOptions(
    tenants
      .command("update")
      .description("change a tenant's name, status or limits (what is not given stays)")
      .argument("<id>")
      .option("--name <name>", "a new name")
      .option("--status <status>", "active, or disabled: its keys get 403, its running jobs finish"),
    "; none removes it",
  ).action(action(updateTenant));

  const keys = program.command("keys").description("a tenant's API keys (admin keys)");
  const tenantOption = (command: Command) => command.requiredOption("--tenant <id>", "the tenant");
  tenantOption(keys.command("list").description("the tenant's keys, never their secrets")).action(
    action(listKeys),
  );
  tenantOption(
    keys
      .command("create")
      .description("issue a key and print its secret, once")
      .requiredOption("--label <label>", "what the key is for")
      .option("--scope <scope>", "admin, jobs:write or jobs:read (repeatable; default jobs:write)", collect)
      .option("--expires-in <duration>", "e.g. 30d: the key stops working then")
      .option("--expires-at <time>", "an ISO-8601 time the key stops working at"),
  ).action(action(createKey));
  tenantOption(
    keys.command("revoke").description("refuse a key from the next request on").argument("<keyId>"),
  ).action(action(revokeKey));
  tenantOption(
    keys
      .command("rotate")
      .description("issue a new key with the same label and scopes; the old one works during an overlap")
      .argument("<keyId>")
      .option(
        "--overlap <duration>",
        "how long the old key keeps working, e.g. 1h (default 24h; 0: not at all)",
      ),
  ).action(action(rotateKey));

  program
    .command("usage")
    .description("jobs by status and credits, per day, job type or tenant")
    .option("--from <day>", "first UTC day, YYYY-MM-DD (default: 29 days before --to)")
    .option("--to <day>", "last UTC day, YYYY-MM-DD (default: today)")
    .option("--group-by <grouping>", "day, type or tenant", "day")
    .option(
      "--tenant <id>",
      "admin keys: this tenant (default: every tenant together; other keys: their own)",
    )
    .action(action(usage));

  const webhooks = program.command("webhooks").description("webhook deliveries to your receivers");
  webhooks
    .command("secret")
    .description("print your tenant's Standard Webhooks signing secret (whsec_...)")
    .option("--rotate", "replace it first; the old one keeps signing during an overlap")
    .option(
      "--overlap <duration>",
      "with --rotate: how long the old one signs too (default 24h; 0: not at all)",
    )
    .action(action(webhookSecret));

  program
    .command("login")
    .description("check an API URL and key and keep them in your config folder (mode 0600)")
    .option("--api-key-stdin", "read the API key from standard input")
    .addHelpText("after", "\nOn a terminal, it asks for the URL and key that --url/--api-key do not give.")
    .action(action(login));

  return program;
}
