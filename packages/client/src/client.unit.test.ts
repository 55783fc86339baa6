import { describe, expect, it } from "vitest";
import { PixpipeClient } from "./client";
import { PixpipeApiError } from "./errors";
import type { WebhookDelivery } from "./types";

// The client's requests and how it reads the answers, against a fetch that answers as the API does
// (the whole API over HTTP is client.test.ts's).

const delivery: WebhookDelivery = {
  webhookId: "job_1:succeeded",
  event: "job.succeeded",
  url: "https://hooks.example.com/pixpipe",
  state: "pending",
  createdAt: "2026-12-01T12:00:00.000Z",
  attemptCount: 1,
  attempts: [
    {
      at: "2026-12-01T12:00:00.100Z",
      statusCode: 500,
      latencyMs: 12,
      error: "the receiver answered HTTP 500",
      nextAttemptAt: "2026-12-01T12:00:10.100Z",
    },
  ],
  nextAttemptAt: "2026-12-01T12:00:10.100Z",
};

/** A client whose every request is recorded and answered with `status` and `body`. */
function clientAnswering(status: number, body: unknown) {
  const requests: Request[] = [];
  const client = new PixpipeClient({
    baseUrl: "https://api.example.com/",
    apiKey: "pp_key",
    fetch: async (input) => {
      requests.push(input as Request);
      return new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json", "x-request-id": "req_1" },
      });
    },
  });
  return { client, requests };
}

describe("PixpipeClient.deliveries", () => {
  it("reads GET /v1/jobs/{id}/deliveries with the key and gives the list", async () => {
    const { client, requests } = clientAnswering(200, { deliveries: [delivery] });
    expect(await client.deliveries("job_1")).toEqual([delivery]);
    expect(requests.map((r) => [r.method, r.url, r.headers.get("authorization")])).toEqual([
      ["GET", "https://api.example.com/v1/jobs/job_1/deliveries", "Bearer pp_key"],
    ]);
  });

  it("escapes the job id into the path", async () => {
    const { client, requests } = clientAnswering(200, { deliveries: [] });
    expect(await client.deliveries("a/b c")).toEqual([]);
    expect(requests[0]?.url).toBe("https://api.example.com/v1/jobs/a%2Fb%20c/deliveries");
  });

  it("throws the API's 404 as PixpipeApiError", async () => {
    const { client } = clientAnswering(404, { error: { code: "not_found", message: "No such job." } });
    const error = await client.deliveries("job_2").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PixpipeApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", requestId: "req_1" });
  });
});
