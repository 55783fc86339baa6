import { Hono } from "hono";
import { handle, type LambdaEvent } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { keepEmptyHeaders } from "./http-event";

const event = (headers: Record<string, string>) =>
  ({
    version: "2.0",
    routeKey: "$default",
    rawPath: "/",
    rawQueryString: "",
    headers,
    requestContext: { http: { method: "GET", path: "/", protocol: "HTTP/1.1", sourceIp: "192.0.2.1" } },
    isBase64Encoded: false,
  }) as unknown as LambdaEvent;

describe("keepEmptyHeaders", () => {
  const app = new Hono().get("/", (c) => c.json({ key: c.req.header("idempotency-key") ?? null }));
  const served = handle(app);
  const keyOf = async (e: LambdaEvent) => {
    const result = (await served(e)) as { body: string };
    return (JSON.parse(result.body) as { key: string | null }).key;
  };

  it("lets the app see a header the client sent empty, which hono's adapter alone drops", async () => {
    expect(await keyOf(event({ "idempotency-key": "" }))).toBeNull();
    expect(await keyOf(keepEmptyHeaders(event({ "idempotency-key": "" })))).toBe("");
  });

  it("leaves other headers as they are", async () => {
    const original = event({ "idempotency-key": "order-1" });
    expect(keepEmptyHeaders(original)).toBe(original);
    expect(await keyOf(keepEmptyHeaders(original))).toBe("order-1");
  });
});
