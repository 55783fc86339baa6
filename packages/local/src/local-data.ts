import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateApiKey } from "@pixpipe/core/tenant";
import { LOCAL_TENANT_ID } from "./runtime";

export interface LocalDataOptions {
  /** The folder of local.json; the data lives beside it (`.pixpipe/` at the repository root). */
  stateDir: string;
  /** Start empty: the DynamoDB data is removed first (the dev key file stays). */
  fresh?: boolean;
  /** A chosen dev key (PIXPIPE_API_KEY): used as it is and not written anywhere. */
  apiKey?: string;
}

export interface LocalData {
  /** The dev API key: the chosen one, else the one kept in `dev-api-key`, made on the first start. */
  apiKey: string;
  /** Where DynamoDB Local keeps its tables (-dbPath). */
  dynamoDbPath: string;
}

const KEY_FILE = "dev-api-key";
const DYNAMODB_DIR = "dynamodb";

/**
 * What makes the local pipeline survive a restart: DynamoDB Local's files (jobs, tenants, keys) and
 * the dev key, both under `stateDir`, readable by the user alone. S3 and SQS (fauxqs) stay in memory.
 */
export async function prepareLocalData(options: LocalDataOptions): Promise<LocalData> {
  const dynamoDbPath = path.join(options.stateDir, DYNAMODB_DIR);
  if (options.fresh) await rm(dynamoDbPath, { recursive: true, force: true });
  await mkdir(dynamoDbPath, { recursive: true, mode: 0o700 });
  return { apiKey: options.apiKey ?? (await devApiKey(options.stateDir)), dynamoDbPath };
}

async function devApiKey(stateDir: string): Promise<string> {
  const file = path.join(stateDir, KEY_FILE);
  try {
    const kept = (await readFile(file, "utf8")).trim();
    if (kept) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const apiKey = generateApiKey(LOCAL_TENANT_ID);
  await writeFile(file, `${apiKey}\n`, { mode: 0o600 });
  return apiKey;
}
