import type { CliContext } from "../context";
import { parseSeconds } from "../durations";
import { EXIT, type ExitCode, UsageError } from "../errors";

/** `pixpipe webhooks secret [--rotate [--overlap 24h]]`: the tenant's signing secret. */
export async function webhookSecret(
  cli: CliContext,
  flags: { rotate?: boolean; overlap?: string },
): Promise<ExitCode> {
  if (flags.overlap !== undefined && !flags.rotate) throw new UsageError("--overlap goes with --rotate");
  const client = await cli.client();
  const secret = flags.rotate
    ? await client.rotateWebhookSecret(
        flags.overlap === undefined ? {} : { overlapSeconds: parseSeconds("--overlap", flags.overlap) },
      )
    : await client.webhookSecret();
  if (cli.json) {
    cli.printJson(secret);
    return EXIT.ok;
  }
  cli.print(secret.secret);
  if (secret.previousExpiresAt) {
    cli.print(`(deliveries are also signed with the previous secret until ${secret.previousExpiresAt})`);
  }
  return EXIT.ok;
}
