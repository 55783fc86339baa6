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
 * The IPv4 address an IPv6 address carries, in the forms that route to it: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, deprecated but still parsed by stacks), NAT64
 * (64:ff9b::/96) and 6to4 (2002:aabb:ccdd::/48).
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const parts = address.parts;
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  const zeroPrefix = parts.slice(0, 6).every((part) => part === 0);
  // ::/96 minus :: and ::1 (unspecified and loopback, judged as IPv6).
  if (zeroPrefix && (parts[6] !== 0 || (parts[7] ?? 0) > 1)) return fromWords(parts[6]!, parts[7]!);
  if (parts[0] === 0x64 && parts[1] === 0xff9b && parts.slice(2, 6).every((part) => part === 0)) {
    return fromWords(parts[6]!, parts[7]!);
  }
  if (parts[0] === 0x2002) return fromWords(parts[1]!, parts[2]!);
  return undefined;
}

/**
 * Only global unicast addresses may be fetched: private, loopback, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and unspecified ranges are refused. An IPv6
 * address that carries an IPv4 address (mapped, compatible, NAT64, 6to4) is judged by both: a public
 * IPv6 range cannot launder a private IPv4 address.
 */
export function addressRange(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") {
    const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
    if (embedded && embedded.range() !== "unicast")
      return `${embedded.range()} (embedded ${embedded.toString()})`;
    if (embedded && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return embedded.range();
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
 * A `lookup` for `net.connect` that resolves as usual and refuses non-public answers (or those
 * `accepts` refuses). Used as the socket's own lookup, the check applies to the address actually
 * connected to, so a DNS answer that changes between a check and the connection (rebinding) cannot
 * slip through.
 */
export function publicOnlyLookup(
  resolve: LookupFunction = dnsLookup as LookupFunction,
  accepts: (address: string) => boolean = isPublicAddress,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = (
        Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]
      ) as LookupAddress[];
      const refused = list.find((entry) => !accepts(entry.address));
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
