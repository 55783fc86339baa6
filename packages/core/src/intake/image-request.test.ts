import { describe, expect, it } from "vitest";
import { decodeEncodedWords, describeImageIssue, IMAGE_JOB_DEFAULTS, imageJobRequest } from "./image-request";

const key = "incoming/t1/cat.png";

describe("imageJobRequest", () => {
  it("turns the image and its metadata into an image_to_video request", () => {
    const { request, issues } = imageJobRequest(key, {
      prompt: "the cat jumps",
      model: "v5.5",
      duration: "8",
      quality: "720p",
      "unrelated-tag": "x",
    });
    expect(issues).toEqual([]);
    expect(request).toEqual({
      type: "image_to_video",
      input: { image: { upload: key }, prompt: "the cat jumps", model: "v5.5", duration: 8, quality: "720p" },
      metadata: {},
    });
  });

  it("fills model, duration and quality with v5, 5 s and 540p", () => {
    const { request } = imageJobRequest(key, { prompt: "p" });
    expect(IMAGE_JOB_DEFAULTS).toEqual({ model: "v5", duration: 5, quality: "540p" });
    expect(request.input).toMatchObject({ model: "v5", duration: 5, quality: "540p" });
  });

  it("without a prompt, reports it missing together with every other problem", () => {
    const { issues } = imageJobRequest(key, { duration: "eight", quality: "4k" });
    expect(issues[0]).toEqual({ path: "input.prompt", message: expect.stringContaining("missing") });
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      "input.duration",
      "input.prompt",
      "input.quality",
    ]);
    const { issues: blank } = imageJobRequest(key, { prompt: "   " });
    expect(blank.map((issue) => issue.path)).toEqual(["input.prompt"]);
  });

  it("keeps a non-integer duration a string, so the input rules name it", () => {
    expect(imageJobRequest(key, { prompt: "p", duration: "5.5" }).request.input.duration).toBe("5.5");
    expect(imageJobRequest(key, { prompt: "p", duration: " 8 " }).request.input.duration).toBe(8);
  });

  it("decodes metadata S3 returns RFC 2047-encoded (non-ASCII prompts)", () => {
    const encoded = `=?UTF-8?B?${Buffer.from("Katze im Schnee, Öl auf Leinwand").toString("base64")}?=`;
    expect(imageJobRequest(key, { prompt: encoded }).request.input.prompt).toBe(
      "Katze im Schnee, Öl auf Leinwand",
    );
  });
});

describe("decodeEncodedWords", () => {
  it("decodes B and Q words, joins adjacent words and leaves plain text alone", () => {
    expect(decodeEncodedWords("=?utf-8?Q?caf=C3=A9_au_lait?=")).toBe("café au lait");
    expect(decodeEncodedWords("=?UTF-8?B?5a2Q54yr?= =?UTF-8?B?8J+QiA==?=")).toBe("子猫🐈");
    expect(decodeEncodedWords("a cat =? b ?= c")).toBe("a cat =? b ?= c");
    expect(decodeEncodedWords("=?ISO-2022-JP?B?GyRCJUYbKEI=?=")).toBe("=?ISO-2022-JP?B?GyRCJUYbKEI=?=");
  });
});

describe("describeImageIssue", () => {
  it("names the metadata header behind an input field", () => {
    expect(describeImageIssue({ path: "input.duration", message: "model v5 supports 5, 8 s" })).toBe(
      "duration (x-amz-meta-duration): model v5 supports 5, 8 s",
    );
    expect(describeImageIssue({ path: "input.image", message: "too big" })).toBe("image: too big");
  });
});
