import { PixpipeConnectionError } from "@pixpipe/client";
import { PixpipeNodeClient } from "@pixpipe/client/node";
import pkg from "../package.json" with { type: "json" };
import { type ApiConfig, resolveApiConfig } from "./config";

export const VERSION = pkg.version;

/** Options every command takes. */
export interface GlobalOptions {
  json?: boolean;
  url?: string;
  apiKey?: string;
}

/** What a command needs from the world: its streams, the environment, and a client built on demand. */
export class CliContext {
  readonly stdout = process.stdout;
  readonly stderr = process.stderr;
  readonly env = process.env;
  readonly cwd = process.cwd();
  private config: ApiConfig | undefined;

  constructor(readonly options: GlobalOptions) {}

  get json(): boolean {
    return this.options.json === true;
  }

  /** A terminal on both ends: prompts and the spinner are possible. */
  get interactive(): boolean {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  }

  /** Where live progress goes: stdout for people, stderr when stdout carries --json. */
  get progressStream(): NodeJS.WriteStream {
    return this.json ? this.stderr : this.stdout;
  }

  /** The spinner needs a terminal to draw on (with a width: ora redraws by lines); anything else gets plain lines. */
  get fancyProgress(): boolean {
    return !this.json && Boolean(this.stdout.isTTY) && this.stdout.columns > 0 && this.env.TERM !== "dumb";
  }

  async client(): Promise<PixpipeNodeClient> {
    this.config ??= await resolveApiConfig({
      flags: { url: this.options.url, apiKey: this.options.apiKey },
      env: this.env,
      cwd: this.cwd,
    });
    return new PixpipeNodeClient({
      baseUrl: this.config.url,
      apiKey: this.config.apiKey,
      userAgent: `pixpipe-cli/${VERSION}`,
    });
  }

  /** A hint for an error, from where the settings came (a local runtime that is not running). */
  hintFor(error: unknown): string | undefined {
    if (!(error instanceof PixpipeConnectionError) || !this.config) return undefined;
    if (this.config.source === "local runtime") {
      return `the URL comes from ${this.config.file}: is \`npx -y pnpm@10 run local\` running?`;
    }
    return `the URL comes from ${this.config.source === "login" ? this.config.file : `the ${this.config.source}`}`;
  }

  print(line = ""): void {
    this.stdout.write(`${line}\n`);
  }

  printJson(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
