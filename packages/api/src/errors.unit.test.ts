import { MediaFetchError } from "@pixpipe/core/media";
import { PixverseError } from "@pixpipe/core/pixverse";
import { describe, expect, it } from "vitest";
import { fromCoreError } from "./errors";

const pixverseError = (kind: PixverseError["kind"], code?: number) =>
  new PixverseError({
    kind,
    retryable: kind === "retryable",
    traceId: "t",
    providerMessage: "refused",
    code,
  });

describe("fromCoreError for synchronous PixVerse calls", () => {
  it.each([
    ["content", 422, "content_rejected"],
    ["credits", 402, "insufficient_credits"],
    ["request", 422, "pixverse_rejected"],
    ["not_found", 422, "pixverse_rejected"],
    ["retryable", 502, "pixverse_unavailable"],
    ["auth", 502, "pixverse_unavailable"],
  ] as const)("maps a %s error to %i %s", (kind, status, code) => {
    expect(fromCoreError(pixverseError(kind, 500044))).toMatchObject({ status, code });
  });

  it("names PixVerse's ErrCode in the details", () => {
    expect(fromCoreError(pixverseError("request", 400017))?.details).toEqual([
      { path: "pixverse", message: "ErrCode 400017" },
    ]);
  });

  it("maps media that cannot be fetched to 422 media_unavailable", () => {
    expect(fromCoreError(new MediaFetchError("gone", "not_found"))).toMatchObject({
      status: 422,
      code: "media_unavailable",
    });
  });
});
