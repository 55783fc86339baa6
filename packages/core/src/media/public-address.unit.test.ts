import { describe, expect, it } from "vitest";
import { assertPublicHost, isPublicAddress } from "./public-address";

describe("the SSRF guard's address rules", () => {
  it.each([
    "::7f00:1", // IPv4-compatible 127.0.0.1
    "::127.0.0.1",
    "::a9fe:a9fe", // 169.254.169.254, the cloud metadata service
    "::10.0.0.1",
    "::ffff:127.0.0.1", // IPv4-mapped
    "::ffff:192.168.1.1",
    "64:ff9b::7f00:1", // NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",
    "2002:7f00:1::", // 6to4 of 127.0.0.1
    "2002:c0a8:101::1", // 6to4 of 192.168.1.1
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
  ])("refuses %s, which reaches a non-public address", (address) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(() => assertPublicHost(`[${address}]`)).toThrow(/does not fetch from/);
  });

  it.each(["2606:4700::1111", "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8", "8.8.8.8", "1.1.1.1"])(
    "lets %s through",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});
