import { input, password } from "@inquirer/prompts";
import { PixpipeClient } from "@pixpipe/client";
import { saveLogin } from "../config";
import type { CliContext } from "../context";
import { EXIT, type ExitCode, UsageError } from "../errors";

export interface LoginFlags {
  apiKeyStdin?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

/**
 * `pixpipe login`: checks a URL and key against the API and keeps them in the user's config folder
 * (mode 0600). On a terminal it asks for what the flags do not give (the key without echo).
 */
export async function login(cli: CliContext, flags: LoginFlags): Promise<ExitCode> {
  const output = cli.progressStream;
  let url = cli.options.url ?? cli.env.PIXPIPE_URL;
  let apiKey = flags.apiKeyStdin ? await readStdin() : (cli.options.apiKey ?? cli.env.PIXPIPE_API_KEY);
  if (!url || !apiKey) {
    if (!cli.interactive || flags.apiKeyStdin) {
      throw new UsageError(
        "give --url and --api-key (or --api-key-stdin), or run pixpipe login on a terminal",
      );
    }
    url ||= await input({ message: "pixpipe API URL", required: true }, { output });
    apiKey ||= await password({ message: "API key", mask: true }, { output });
  }
  try {
    new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL`);
  }
  // Any authenticated read proves the key; a wrong one answers 401 before anything is written.
  await new PixpipeClient({ baseUrl: url, apiKey }).listJobs({ limit: 1 });
  const file = await saveLogin({ url, apiKey });
  if (cli.json) cli.printJson({ url, file });
  else cli.print(`logged in to ${url}; settings written to ${file}`);
  return EXIT.ok;
}
