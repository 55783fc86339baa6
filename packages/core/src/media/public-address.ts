import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/** Thrown when a URL points (directly, after DNS, or after a redirect) at a non-public address. */
export class ForbiddenAddressError extends Error {
  override readonly name = "ForbiddenAddressError";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to ${address} (${range}), which pixpipe does not fetch from`);
  }
}

/**
 * Only global unicast addresses may be fetched: private, loopback, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and unspecified ranges are refused.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function addressRange(address: string): string {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range();
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

/** Refuses a literal IP host up front: Node does not call `lookup` for IP literals. */
export function assertPublicHost(hostname: string): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isPublicAddress(host)) {
    throw new ForbiddenAddressError(hostname, host, addressRange(host));
  }
}

/**
 * A `lookup` for `net.connect` that resolves as usual and refuses non-public answers. Used as the
 * socket's own lookup, the check applies to the address actually connected to, so a DNS answer that
 * changes between a check and the connection (rebinding) cannot slip through.
 */
export function publicOnlyLookup(resolve: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = (
        Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]
      ) as LookupAddress[];
      const refused = list.find((entry) => !isPublicAddress(entry.address));
      if (refused) {
        return callback(
          new ForbiddenAddressError(
            hostname,
            refused.address,
            addressRange(refused.address),
          ) as NodeJS.ErrnoException,
          "",
          0,
        );
      }
      if (options.all) return callback(null, list as unknown as string, 0);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`) as NodeJS.ErrnoException, "", 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Resolves a host once and refuses it unless every answer is public (used to reject bad input early). */
export async function assertPublicHostResolves(
  hostname: string,
  resolve: LookupFunction = dnsLookup as LookupFunction,
): Promise<void> {
  assertPublicHost(hostname);
  const host = hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) return;
  await new Promise<void>((ok, fail) => {
    publicOnlyLookup(resolve)(host, { all: true }, (error) => (error ? fail(error) : ok()));
  });
}
