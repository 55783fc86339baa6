/**
 * Writes the first admin API key of a deployment straight into its DynamoDB table, with the AWS
 * credentials of whoever runs it (no pixpipe key exists yet to ask the API with). Prints the key once.
 *
 *   npx -y pnpm@10 run admin:bootstrap -- --table <table output> --region <region> \
 *     [--tenant ops] [--name "Operations"] [--label "bootstrap admin key"] [--endpoint <url>] [--json]
 *
 * The tenant is created unless it exists (an existing one keeps its name and keys). Exit codes: 0 done,
 * 2 a bad or missing option, 1 the table could not be written.
 */
import { parseArgs } from "node:util";
import { ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { createAwsClients } from "../src/aws";
import { bootstrapAdminKey, DynamoTenantRepository, tenantIdSchema, toPublicTenant } from "../src/tenant";

const USAGE =
  "usage: admin:bootstrap -- --table <name> [--region <region>] [--tenant ops] [--name <name>] " +
  "[--label <label>] [--endpoint <url>] [--json]";

function fail(code: number, message: string): never {
  process.stderr.write(`admin:bootstrap: ${message}\n`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      // pnpm hands the `--` of `run admin:bootstrap -- ...` on to the script.
      args: process.argv.slice(2).filter((arg) => arg !== "--"),
      options: {
        table: { type: "string" },
        region: { type: "string" },
        tenant: { type: "string", default: "ops" },
        name: { type: "string" },
        label: { type: "string", default: "bootstrap admin key" },
        endpoint: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(2, `${(error as Error).message}\n${USAGE}`);
  }
}

const options = parse();
if (!options.table) fail(2, `--table is required (the stage's \`table\` output)\n${USAGE}`);
const tenantId = tenantIdSchema.safeParse(options.tenant);
if (!tenantId.success)
  fail(2, `--tenant ${JSON.stringify(options.tenant)} ${tenantId.error.issues[0]?.message}`);

const clients = createAwsClients({
  ...(options.region ? { region: options.region } : {}),
  ...(options.endpoint ? { endpoints: { dynamodb: options.endpoint } } : {}),
});
try {
  const { tenant, key } = await bootstrapAdminKey(new DynamoTenantRepository(clients.dynamo, options.table), {
    tenantId: tenantId.data,
    label: options.label,
    ...(options.name ? { name: options.name } : {}),
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ tenant: toPublicTenant(tenant), key }, null, 2)}\n`);
  } else {
    process.stdout.write(
      [
        `Admin API key ${key.id} (${key.scopes.join(", ")}) of tenant ${tenant.id} ("${tenant.name}").`,
        "Keep it now: it is shown only this once, the table holds only its hash.",
        "",
        key.secret,
        "",
      ].join("\n"),
    );
  }
} catch (error) {
  const region = await clients.dynamo.config.region();
  if (error instanceof ResourceNotFoundException) fail(1, `no table ${options.table} in ${region}`);
  fail(1, `cannot write to table ${options.table} in ${region}: ${(error as Error).message}`);
} finally {
  clients.destroy();
}
