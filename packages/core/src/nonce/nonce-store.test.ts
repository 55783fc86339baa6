import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsClients } from "../aws";
import { createTestTable } from "../test-support/test-table";
import { DynamoNonceStore, NONCE_RESERVATION_LEASE_SECONDS } from "./nonce-store";

let clients: AwsClients;
let tableName: string;
let clock = 1_800_000_000;
let store: DynamoNonceStore;

beforeAll(async () => {
  ({ clients, tableName } = await createTestTable("nonces"));
  store = new DynamoNonceStore(clients.dynamo, tableName, () => clock);
});
afterAll(() => clients.destroy());

const nonce = () => randomUUID();

describe("DynamoNonceStore", () => {
  it("reserves a new nonce once; a replay is refused while it is reserved or committed", async () => {
    const n = nonce();
    expect(await store.reserve(n, clock + 300)).toBe(true);
    expect(await store.reserve(n, clock + 300)).toBe(false);
    await store.commit(n);
    expect(await store.reserve(n, clock + 300)).toBe(false);
  });

  it("lets only one of concurrent deliveries with the same nonce through", async () => {
    const n = nonce();
    const results = await Promise.all(Array.from({ length: 6 }, () => store.reserve(n, clock + 300)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("forgets a released nonce so the retried delivery is accepted", async () => {
    const n = nonce();
    await store.reserve(n, clock + 300);
    await store.release(n);
    expect(await store.reserve(n, clock + 300)).toBe(true);
  });

  it("never forgets a committed nonce on release", async () => {
    const n = nonce();
    await store.reserve(n, clock + 300);
    await store.commit(n);
    await store.release(n);
    expect(await store.reserve(n, clock + 300)).toBe(false);
  });

  it("treats an expired nonce as free although TTL has not deleted it yet", async () => {
    const n = nonce();
    await store.reserve(n, clock + 300);
    await store.commit(n);
    clock += 301;
    expect(await store.reserve(n, clock + 300)).toBe(true);
  });

  it("frees a reservation abandoned by a crashed handler after the lease", async () => {
    const n = nonce();
    await store.reserve(n, clock + 3600);
    clock += NONCE_RESERVATION_LEASE_SECONDS - 1;
    expect(await store.reserve(n, clock + 3600)).toBe(false);
    clock += 2;
    expect(await store.reserve(n, clock + 3600)).toBe(true);
  });

  it("ignores commit and release of a nonce it does not hold, creating nothing", async () => {
    const n = nonce();
    await store.commit(n);
    await store.release(n);
    expect(await store.reserve(n, clock + 300)).toBe(true);
  });
});
