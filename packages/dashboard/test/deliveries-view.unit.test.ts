import type { WebhookDelivery } from "@pixpipe/client";
import { describe, expect, it } from "vitest";
import { ATTEMPT_MARGIN_MS, lastAnswer, MAX_LATE_READ_MS, nextDeliveryRead } from "../src/deliveries-view";

const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

const delivery = (fields: Partial<WebhookDelivery>): WebhookDelivery => ({
  webhookId: "job_1:succeeded",
  event: "job.succeeded",
  url: "https://hooks.example.com/in",
  state: "delivered",
  createdAt: at(-60_000),
  attemptCount: 0,
  attempts: [],
  ...fields,
});

describe("a delivery's last answer", () => {
  it("says the status and the start of the body the receiver answered with", () => {
    expect(lastAnswer({ at: at(0), latencyMs: 5, statusCode: 500, response: "upstream down" })).toBe(
      "HTTP 500: upstream down",
    );
    expect(lastAnswer({ at: at(0), latencyMs: 5, statusCode: 200 })).toBe("HTTP 200");
  });

  it("says why there was no answer, and nothing before the first attempt", () => {
    expect(lastAnswer({ at: at(0), latencyMs: 10_000, error: "timed out after 10 s" })).toBe(
      "timed out after 10 s",
    );
    expect(lastAnswer({ at: at(0), latencyMs: 3 })).toBe("no answer");
    expect(lastAnswer(undefined)).toBeUndefined();
  });
});

describe("when the job page reads the deliveries again", () => {
  it("just after the soonest next attempt of the pending ones", () => {
    const deliveries = [
      delivery({ state: "pending", nextAttemptAt: at(30_000) }),
      delivery({ state: "pending", nextAttemptAt: at(10_000) }),
      delivery({ state: "delivered", deliveredAt: at(-5000) }),
    ];
    expect(nextDeliveryRead(deliveries, NOW, 3)).toEqual({ inMs: 10_000 + ATTEMPT_MARGIN_MS, late: false });
  });

  it("backs off while a due attempt has not been made, up to a minute", () => {
    const late = [delivery({ state: "pending", nextAttemptAt: at(-1) })];
    expect(nextDeliveryRead(late, NOW, 0)).toEqual({ inMs: ATTEMPT_MARGIN_MS, late: true });
    expect(nextDeliveryRead(late, NOW, 2)).toEqual({ inMs: 4 * ATTEMPT_MARGIN_MS, late: true });
    expect(nextDeliveryRead(late, NOW, 20)).toEqual({ inMs: MAX_LATE_READ_MS, late: true });
  });

  it("not at all once none is pending: only a change of the job brings a new one", () => {
    const ended = [
      delivery({ state: "delivered", deliveredAt: at(-5000) }),
      delivery({ state: "failed", failureReason: "the receiver answered 410 Gone" }),
    ];
    expect(nextDeliveryRead(ended, NOW, 0)).toBeUndefined();
    expect(nextDeliveryRead([], NOW, 0)).toBeUndefined();
  });
});
