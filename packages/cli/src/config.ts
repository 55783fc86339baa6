import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import envPaths from "env-paths";
import { ConfigError } from "./errors";

/** Where the CLI found the API to talk to (shown when it cannot reach it). */
export type ConfigSource = "flags" | "environment" | "local runtime" | "login";

export interface ApiConfig {
  url: string;
  apiKey: string;
  source: ConfigSource;
  /** The file the settings came from, for the local runtime and login. */
  file?: string;
}

/** What `.pixpipe/local.json` holds that the CLI uses (written by `run local`). */
export interface LocalRuntimeFile {
  apiUrl: string;
  apiKey: string;
  region: string;
  endpoints: { sqs: string };
  queues: { jobEvents: { url: string } };
}

/** What `pixpipe login` writes. */
interface LoginFile {
  url: string;
  apiKey: string;
}

export interface ConfigInputs {
  flags: { url?: string; apiKey?: string };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The config file of `pixpipe login`, in the user's config folder (XDG_CONFIG_HOME on Linux). */
export function loginFile(): string {
  return path.join(envPaths("pixpipe", { suffix: "" }).config, "config.json");
}

/** The nearest `.pixpipe/local.json` from `cwd` upwards, as `run local` writes it at the repo root. */
export function findLocalRuntimeFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".pixpipe", "local.json");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function readLocalRuntimeFile(
  cwd: string,
): Promise<{ file: string; runtime: LocalRuntimeFile } | undefined> {
  const file = findLocalRuntimeFile(cwd);
  return file ? { file, runtime: await readJson<LocalRuntimeFile>(file) } : undefined;
}

/**
 * The API and key to use, from the first of: --url/--api-key, PIXPIPE_URL/PIXPIPE_API_KEY, the local
 * runtime's `.pixpipe/local.json` (the nearest, from the current folder up), the `pixpipe login` file.
 * A URL and a key may come from different places (e.g. PIXPIPE_API_KEY with the login's URL).
 */
export async function resolveApiConfig({ flags, env, cwd }: ConfigInputs): Promise<ApiConfig> {
  const candidates: { source: ConfigSource; url?: string; apiKey?: string; file?: string }[] = [
    { source: "flags", url: flags.url, apiKey: flags.apiKey },
    { source: "environment", url: env.PIXPIPE_URL || undefined, apiKey: env.PIXPIPE_API_KEY || undefined },
  ];
  const local = await readLocalRuntimeFile(cwd);
  if (local) {
    candidates.push({
      source: "local runtime",
      url: local.runtime.apiUrl,
      apiKey: local.runtime.apiKey,
      file: local.file,
    });
  }
  const login = loginFile();
  if (existsSync(login)) {
    const saved = await readJson<Partial<LoginFile>>(login);
    candidates.push({ source: "login", url: saved.url, apiKey: saved.apiKey, file: login });
  }
  const urlFrom = candidates.find((candidate) => candidate.url);
  const keyFrom = candidates.find((candidate) => candidate.apiKey);
  if (!urlFrom?.url || !keyFrom?.apiKey) {
    const missing = [!urlFrom && "API URL", !keyFrom && "API key"].filter(Boolean).join(" or ");
    throw new ConfigError(
      `no ${missing} found: set PIXPIPE_URL and PIXPIPE_API_KEY, run \`pixpipe login\`, or start the local runtime (\`npx -y pnpm@10 run local\`) and run pixpipe inside the repository`,
    );
  }
  return {
    url: urlFrom.url,
    apiKey: keyFrom.apiKey,
    source: urlFrom.source,
    ...(urlFrom.file ? { file: urlFrom.file } : {}),
  };
}

/** Writes the login file, readable by the user alone (0600 in a 0700 folder). */
export async function saveLogin(settings: LoginFile): Promise<string> {
  const file = loginFile();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only to a new file; an older file keeps its mode otherwise.
  await chmod(file, 0o600);
  return file;
}
