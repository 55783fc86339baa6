import { readFile } from "node:fs/promises";
import { connect } from "node:net";

/** Whether a TCP connection to host:port is accepted (false when refused). */
export function acceptsConnections(host: string, port: number): Promise<boolean> {
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
export async function listeningAddresses(port: number): Promise<string[]> {
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

/** 127.0.0.1 in /proc/net/tcp, and as the IPv4-mapped ::ffff:127.0.0.1 in /proc/net/tcp6. */
export const LOOPBACK_ADDRESSES = ["0100007F", "0000000000000000FFFF00000100007F"];
