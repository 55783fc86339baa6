import { describe, expect, it } from "vitest";
import { outputKey } from "./output-key";

describe("outputKey", () => {
  it("files videos as videos/{tenantId}/{jobId}.mp4", () => {
    expect(outputKey("tenant-1", "01JOB", "video/mp4")).toBe("videos/tenant-1/01JOB.mp4");
  });

  it("stores anything that is not an image as .mp4, since PixVerse delivers videos as MP4", () => {
    expect(outputKey("t", "j", "application/octet-stream")).toBe("videos/t/j.mp4");
  });

  it("gives PNG and JPEG images their own extension, ignoring parameters and case", () => {
    expect(outputKey("t", "j", "image/png")).toBe("videos/t/j.png");
    expect(outputKey("t", "j", "IMAGE/JPEG; charset=binary")).toBe("videos/t/j.jpg");
  });

  it("refuses other image types rather than mislabel them", () => {
    expect(() => outputKey("t", "j", "image/webp")).toThrow(RangeError);
  });

  it("refuses ids that would escape their folder", () => {
    expect(() => outputKey("../other", "j", "video/mp4")).toThrow(RangeError);
    expect(() => outputKey("t", "a/b", "video/mp4")).toThrow(RangeError);
    expect(() => outputKey("t", "", "video/mp4")).toThrow(RangeError);
  });
});
