import { PixpipeApiError } from "@pixpipe/client";
import { describe, expect, it } from "vitest";
import { describeError } from "../src/format";

describe("what a person is told about a failed call", () => {
  it("says the API's details that its message points at, and the request id to quote", () => {
    const error = new PixpipeApiError(
      400,
      {
        code: "invalid_request",
        message: "The request is invalid (1 problem, see details).",
        details: [{ path: "from", message: "must not be after to (2026-12-01)" }],
      },
      "req_1",
    );
    expect(describeError(error)).toBe(
      "The request is invalid (1 problem, see details). from: must not be after to (2026-12-01). (request req_1)",
    );
  });

  it("names the first few problems of a long list, and how many more there are", () => {
    const details = Array.from({ length: 8 }, (_, i) => ({ path: `input.images.${i}`, message: "bad" }));
    const error = new PixpipeApiError(400, { code: "invalid_request", message: "Invalid.", details });
    expect(describeError(error)).toBe(
      "Invalid. input.images.0: bad; input.images.1: bad; input.images.2: bad; input.images.3: bad; input.images.4: bad; 3 more.",
    );
  });

  it("gives a message without details as it is", () => {
    const error = new PixpipeApiError(404, { code: "not_found", message: "No such job." });
    expect(describeError(error)).toBe("No such job.");
  });
});
