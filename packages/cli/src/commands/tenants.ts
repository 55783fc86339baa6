import type { Tenant, TenantLimits, UpdateTenantRequest } from "@pixpipe/client";
import pc from "picocolors";
import type { CliContext } from "../context";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { formatTable } from "../format";
import { firstItems } from "../pages";

const STATUSES = ["active", "disabled"] as const;
type Status = (typeof STATUSES)[number];

/** The limit flags of create and update; update also takes `none` to remove a limit. */
export interface LimitFlags {
  maxInFlight?: string;
  creditsPerDay?: string;
  creditsPerMonth?: string;
}

const LIMIT_FLAGS = {
  maxInFlight: { flag: "--max-in-flight", integer: true },
  creditsPerDay: { flag: "--credits-per-day", integer: false },
  creditsPerMonth: { flag: "--credits-per-month", integer: false },
} as const satisfies Record<keyof TenantLimits, { flag: string; integer: boolean }>;

function parseLimits(flags: LimitFlags, allowNone: boolean): { [K in keyof TenantLimits]?: number | null } {
  const limits: { [K in keyof TenantLimits]?: number | null } = {};
  for (const [name, { flag, integer }] of Object.entries(LIMIT_FLAGS) as [
    keyof TenantLimits,
    (typeof LIMIT_FLAGS)[keyof TenantLimits],
  ][]) {
    const text = flags[name];
    if (text === undefined) continue;
    if (allowNone && text === "none") {
      limits[name] = null;
      continue;
    }
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || value <= 0 || (integer && !Number.isInteger(value))) {
      throw new UsageError(
        `${flag} is a positive ${integer ? "whole number" : "number"}${allowNone ? " or none (no limit)" : ""}`,
      );
    }
    limits[name] = value;
  }
  return limits;
}

function parseStatus(status: string | undefined): Status | undefined {
  if (status !== undefined && !STATUSES.includes(status as Status)) {
    throw new UsageError(`--status is one of ${STATUSES.join(", ")}`);
  }
  return status as Status | undefined;
}

const describeLimits = (limits: TenantLimits) =>
  Object.entries(limits)
    .map(([name, value]) => `${name} ${value}`)
    .join(", ") || "none";

function printTenant(cli: CliContext, tenant: Tenant): void {
  const line = (label: string, value: string) => cli.print(`${pc.dim(label.padEnd(8))} ${value}`);
  line("id", tenant.id);
  line("name", tenant.name);
  line("status", tenant.status === "active" ? pc.green(tenant.status) : pc.red(tenant.status));
  line("limits", describeLimits(tenant.limits));
  line("created", tenant.createdAt);
  line("updated", tenant.updatedAt);
}

function answer(cli: CliContext, tenant: Tenant): ExitCode {
  if (cli.json) cli.printJson(tenant);
  else printTenant(cli, tenant);
  return EXIT.ok;
}

/** `pixpipe tenants list`: tenants by id (one page, or every page with --all). */
export async function listTenants(
  cli: CliContext,
  flags: { limit: number; all?: boolean },
): Promise<ExitCode> {
  const client = await cli.client();
  const tenants = await firstItems(
    client.tenants({ limit: Math.min(flags.limit, 100) }),
    flags.limit,
    flags.all,
  );
  if (cli.json) {
    cli.printJson({ tenants });
    return EXIT.ok;
  }
  if (tenants.length === 0) {
    cli.print("no tenants");
    return EXIT.ok;
  }
  const rows = tenants.map((t) => [t.id, t.name, t.status, describeLimits(t.limits), t.createdAt]);
  for (const line of formatTable(["ID", "NAME", "STATUS", "LIMITS", "CREATED"], rows)) cli.print(line);
  return EXIT.ok;
}

/** `pixpipe tenants get <id>`. */
export async function getTenant(cli: CliContext, id: string): Promise<ExitCode> {
  return answer(cli, await (await cli.client()).getTenant(id));
}

/** `pixpipe tenants create --name <name> [--id] [--status] [limits]`. */
export async function createTenant(
  cli: CliContext,
  flags: LimitFlags & { name: string; id?: string; status?: string },
): Promise<ExitCode> {
  const limits = parseLimits(flags, false) as TenantLimits;
  const status = parseStatus(flags.status);
  const tenant = await (await cli.client()).createTenant({
    name: flags.name,
    ...(flags.id ? { id: flags.id } : {}),
    ...(status ? { status } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  });
  return answer(cli, tenant);
}

/** `pixpipe tenants update <id> [--name] [--status] [limits, none removes one]`: a merge patch. */
export async function updateTenant(
  cli: CliContext,
  id: string,
  flags: LimitFlags & { name?: string; status?: string },
): Promise<ExitCode> {
  const limits = parseLimits(flags, true);
  const status = parseStatus(flags.status);
  const patch: UpdateTenantRequest = {
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(status ? { status } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
  if (Object.keys(patch).length === 0) {
    throw new UsageError(
      "nothing to change: give --name, --status or a limit (--max-in-flight, --credits-per-day, --credits-per-month)",
    );
  }
  return answer(cli, await (await cli.client()).updateTenant(id, patch));
}
