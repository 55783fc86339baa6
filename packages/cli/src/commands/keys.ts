import type { ApiKey, ApiKeyScope, IssuedApiKey } from "@pixpipe/client";
import pc from "picocolors";
import type { CliContext } from "../context";
import { parseSeconds } from "../durations";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { formatTable } from "../format";

const SCOPES: ApiKeyScope[] = ["admin", "jobs:write", "jobs:read"];

function parseScopes(scopes: string[] | undefined): ApiKeyScope[] | undefined {
  const unknown = scopes?.filter((scope) => !SCOPES.includes(scope as ApiKeyScope)) ?? [];
  if (unknown.length > 0)
    throw new UsageError(`--scope is one of ${SCOPES.join(", ")} (not ${unknown.join(", ")})`);
  return scopes as ApiKeyScope[] | undefined;
}

/** The secret, once, where people and scripts cannot miss it. */
function printIssued(cli: CliContext, key: IssuedApiKey, what: string): void {
  cli.print(`${what} ${key.id} (${key.label}; ${key.scopes.join(", ")}) of tenant ${key.tenantId}.`);
  cli.print("Keep it now: it is shown only this once.");
  cli.print();
  cli.print(`  ${pc.bold(key.secret)}`);
  cli.print();
}

const dateOrDash = (iso: string | null) => iso ?? "-";

/** `pixpipe keys list --tenant <id>`. */
export async function listKeys(cli: CliContext, flags: { tenant: string }): Promise<ExitCode> {
  const keys = await (await cli.client()).listApiKeys(flags.tenant);
  if (cli.json) {
    cli.printJson({ keys });
    return EXIT.ok;
  }
  if (keys.length === 0) {
    cli.print("no keys");
    return EXIT.ok;
  }
  const now = Date.now();
  const expiry = (key: ApiKey) =>
    key.expiresAt === null ? "-" : `${key.expiresAt}${Date.parse(key.expiresAt) <= now ? " (expired)" : ""}`;
  const rows = keys.map((key) => [
    key.id,
    `${key.prefix}…`,
    key.label,
    key.scopes.join(","),
    key.createdAt,
    dateOrDash(key.lastUsedAt),
    expiry(key),
  ]);
  const header = ["ID", "PREFIX", "LABEL", "SCOPES", "CREATED", "LAST USED", "EXPIRES"];
  for (const line of formatTable(header, rows)) cli.print(line);
  return EXIT.ok;
}

/** `pixpipe keys create --tenant <id> --label <label> [--scope s ...] [--expires-in d | --expires-at t]`. */
export async function createKey(
  cli: CliContext,
  flags: { tenant: string; label: string; scope?: string[]; expiresIn?: string; expiresAt?: string },
): Promise<ExitCode> {
  if (flags.expiresIn && flags.expiresAt) throw new UsageError("give --expires-in or --expires-at, not both");
  const scopes = parseScopes(flags.scope);
  const expiresAt = flags.expiresIn
    ? new Date(Date.now() + parseSeconds("--expires-in", flags.expiresIn) * 1000).toISOString()
    : flags.expiresAt;
  const key = await (await cli.client()).createApiKey(flags.tenant, {
    label: flags.label,
    ...(scopes ? { scopes } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  });
  if (cli.json) cli.printJson(key);
  else printIssued(cli, key, "API key");
  return EXIT.ok;
}

/** `pixpipe keys revoke --tenant <id> <key id>`: refused from the next request on. */
export async function revokeKey(
  cli: CliContext,
  keyId: string,
  flags: { tenant: string },
): Promise<ExitCode> {
  await (await cli.client()).revokeApiKey(flags.tenant, keyId);
  if (cli.json) cli.printJson({ revoked: keyId });
  else cli.print(`API key ${keyId} revoked`);
  return EXIT.ok;
}

/** `pixpipe keys rotate --tenant <id> <key id> [--overlap 24h]`. */
export async function rotateKey(
  cli: CliContext,
  keyId: string,
  flags: { tenant: string; overlap?: string },
): Promise<ExitCode> {
  const overlapSeconds = flags.overlap === undefined ? undefined : parseSeconds("--overlap", flags.overlap);
  const rotated = await (await cli.client()).rotateApiKey(
    flags.tenant,
    keyId,
    overlapSeconds === undefined ? {} : { overlapSeconds },
  );
  if (cli.json) {
    cli.printJson(rotated);
    return EXIT.ok;
  }
  printIssued(cli, rotated.key, "New API key");
  cli.print(`The old key ${keyId} works until ${rotated.previous.expiresAt}.`);
  return EXIT.ok;
}
