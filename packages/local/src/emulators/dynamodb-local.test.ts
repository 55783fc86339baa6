import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local";

let dynamo: DynamoDbLocal;
let port: number;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  port = Number(new URL(dynamo.endpoint).port);
});
afterAll(() => dynamo?.stop());

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") resolve(false);
      else reject(error);
    });
  });
}

/** The local addresses (hex, as the kernel lists them) of the sockets listening on `port`. */
async function listeningAddresses(): Promise<string[]> {
  const addresses: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const lines = (await readFile(table, "utf8")).trim().split("\n").slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, hexPort] = (local ?? "").split(":");
      if (state === "0A" && Number.parseInt(hexPort ?? "", 16) === port) addresses.push(address ?? "");
    }
  }
  return addresses;
}

// 127.0.0.1 in /proc/net/tcp, and as the IPv4-mapped ::ffff:127.0.0.1 in /proc/net/tcp6.
const LOOPBACK = ["0100007F", "0000000000000000FFFF00000100007F"];

describe("DynamoDB Local", () => {
  it("listens on 127.0.0.1 only (the jar alone binds every interface, without auth)", async () => {
    const addresses = await listeningAddresses();
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK).toContain(address);
  });

  it("accepts connections on 127.0.0.1 and refuses them on any other address of the host", async () => {
    expect(await accepts("127.0.0.1")).toBe(true);
    // A socket bound to every interface answers on 127.0.0.2 too; one bound to 127.0.0.1 does not.
    // (Other interfaces' addresses are not probed: tests send traffic to loopback addresses only.)
    expect(await accepts("127.0.0.2")).toBe(false);
  });
});
