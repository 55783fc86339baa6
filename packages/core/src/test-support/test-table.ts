import { randomUUID } from "node:crypto";
import { type AwsClients, createAwsClients } from "../aws";
import { ensureTable } from "../table";

/** For tests: a fresh table with a unique name on the emulator of the global setup. */
export async function createTestTable(label: string): Promise<{ clients: AwsClients; tableName: string }> {
  const clients = createAwsClients();
  const tableName = `${label}-${randomUUID()}`;
  await ensureTable(clients.dynamo, tableName);
  return { clients, tableName };
}
