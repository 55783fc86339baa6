import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaFetchError } from "./errors";
import { PublicUrlFetcher, readLimited } from "./fetch-public-url";
import { ForbiddenAddressError, isPublicAddress, publicOnlyLookup } from "./public-address";

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/image.png") {
      res.writeHead(200, { "content-type": "image/png", "content-length": "4" });
      res.end(Buffer.from([1, 2, 3, 4]));
    } else if (req.url === "/redirect") {
      res.writeHead(302, { location: "/image.png" });
      res.end();
    } else if (req.url === "/to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    } else if (req.url === "/big") {
      res.writeHead(200, { "content-type": "video/mp4" });
      res.end(Buffer.alloc(2048));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const local = new PublicUrlFetcher({ allowPrivateNetworks: true, allowHttp: true }, { timeoutMs: 5000 });
const strict = new PublicUrlFetcher({ allowPrivateNetworks: false, allowHttp: false });

describe("public address rules", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "224.0.0.1",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses a hostname when any DNS answer is private", async () => {
    const lookup = publicOnlyLookup((_host, _options, callback) =>
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ]),
    );
    const error = await new Promise((resolve) => lookup("rebind.example", { all: true }, resolve));
    expect(error).toBeInstanceOf(ForbiddenAddressError);
  });
});

describe("PublicUrlFetcher", () => {
  it("refuses schemes other than https, literal private hosts and credentials before connecting", () => {
    expect(() => strict.checkUrl("http://example.com/a.png")).toThrow(/only https/);
    expect(() => strict.checkUrl("file:///etc/passwd")).toThrow(MediaFetchError);
    expect(() => strict.checkUrl("https://169.254.169.254/latest")).toThrow(/link-local|169\.254/);
    expect(() => strict.checkUrl("https://[::1]/a")).toThrow(ForbiddenAddressError);
    expect(() => strict.checkUrl("https://user:pw@example.com/a")).toThrow(/credentials/);
    expect(() => strict.checkUrl("not a url")).toThrow(/not a valid URL/);
  });

  it("refuses a hostname that resolves to loopback when connecting", async () => {
    const guarded = new PublicUrlFetcher({ allowPrivateNetworks: false, allowHttp: true });
    const port = new URL(origin).port;
    await expect(guarded.fetch(`http://localhost:${port}/image.png`, 1000)).rejects.toMatchObject({
      name: "MediaFetchError",
      retryable: false,
    });
  });

  it("refuses a redirect to a private address", async () => {
    const guarded = new PublicUrlFetcher({ allowPrivateNetworks: false, allowHttp: true });
    expect(() => guarded.checkUrl("http://169.254.169.254/latest/meta-data/")).toThrow(ForbiddenAddressError);
    // the local server itself is private, so exercise the redirect hop with the permissive policy
    // and assert the hop's target is what the strict check refuses
    await expect(local.fetch(`${origin}/to-metadata`, 1000)).rejects.toThrow();
  });

  it("follows redirects and returns the body with its type", async () => {
    const media = await local.fetch(`${origin}/redirect`, 1000);
    expect(media.contentType).toBe("image/png");
    expect(media.finalUrl).toBe(`${origin}/image.png`);
    expect([...(await readLimited(media.body, 1000))]).toEqual([1, 2, 3, 4]);
  });

  it("refuses media larger than allowed, by declared length or by counting", async () => {
    await expect(local.fetch(`${origin}/image.png`, 3)).rejects.toThrow(/more than the 3 allowed/);
    const media = await local.fetch(`${origin}/big`, 4096);
    await expect(readLimited(media.body, 1024)).rejects.toThrow(/larger than the 1024 bytes/);
  });

  it("tells a 404 (likely gone, worth a few quick tries) from a server fault", async () => {
    await expect(local.fetch(`${origin}/missing`, 1000)).rejects.toMatchObject({
      problem: "not_found",
      likelyGone: true,
      message: expect.stringMatching(/it answered HTTP 404$/),
    });
  });

  it("names a host that does not resolve", async () => {
    await expect(local.fetch("http://no-such-host.invalid/a.png", 1000)).rejects.toMatchObject({
      problem: "unresolvable_host",
      message: "cannot fetch no-such-host.invalid: the host does not resolve",
    });
  });
});
