import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsConnections, LOOPBACK_ADDRESSES, listeningAddresses } from "../test-support/sockets";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";

let dynamo: DynamoDbLocal;
let port: number;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  port = Number(new URL(dynamo.endpoint).port);
});
afterAll(() => dynamo?.stop());

describe("DynamoDB Local", () => {
  it("listens on 127.0.0.1 only (the jar alone binds every interface, without auth)", async () => {
    const addresses = await listeningAddresses(port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK_ADDRESSES).toContain(address);
  });

  it("accepts connections on 127.0.0.1 and refuses them on any other address of the host", async () => {
    expect(await acceptsConnections("127.0.0.1", port)).toBe(true);
    // A socket bound to every interface answers on 127.0.0.2 too; one bound to 127.0.0.1 does not.
    // (Other interfaces' addresses are not probed: tests send traffic to loopback addresses only.)
    expect(await acceptsConnections("127.0.0.2", port)).toBe(false);
  });
});
