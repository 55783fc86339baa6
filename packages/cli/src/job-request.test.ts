import type { JobType } from "@pixpipe/client";
import { describe, expect, it } from "vitest";
import { UsageError } from "./errors";
import { buildJobRequest, type InputFlags, JOB_TYPE_NAMES, type MediaResolver } from "./job-request";

/** Stands in for uploads: a file becomes `{ upload: "up/<file>" }`, so placements can be read. */
const fakeUploads: MediaResolver = async (value) =>
  value.startsWith("job:") ? { job: value.slice(4) } : { upload: `up/${value}` };

const build = (type: JobType, flags: InputFlags) => buildJobRequest(type, flags, fakeUploads);

describe("buildJobRequest", () => {
  it("fills a text_to_video job's required fields so --prompt alone runs one", async () => {
    expect(await build("text_to_video", { prompt: "a fox" })).toEqual({
      type: "text_to_video",
      input: { prompt: "a fox", model: "v5", duration: 5, quality: "540p", aspect_ratio: "16:9" },
    });
  });

  it("lets flags override the defaults and --input-json override the flags", async () => {
    const request = await build("text_to_video", {
      prompt: "a fox",
      quality: "720p",
      seed: 3,
      inputJson: '{"seed": 9, "camera_movement": "zoom_in"}',
      metadata: ["order=A-1", "note=a=b"],
      retryGenerationFailed: 2,
    });
    expect(request).toEqual({
      type: "text_to_video",
      input: {
        prompt: "a fox",
        model: "v5",
        duration: 5,
        quality: "720p",
        aspect_ratio: "16:9",
        seed: 9,
        camera_movement: "zoom_in",
      },
      metadata: { order: "A-1", note: "a=b" },
      retry: { generationFailed: 2 },
    });
  });

  it.each<[JobType, InputFlags, Record<string, unknown>]>([
    ["image_to_video", { image: ["cat.png"] }, { image: { upload: "up/cat.png" } }],
    ["effect", { image: ["a.png"] }, { image: { upload: "up/a.png" } }],
    ["effect", { image: ["a.png", "b.png"] }, { images: [{ upload: "up/a.png" }, { upload: "up/b.png" }] }],
    [
      "transition",
      { image: ["a.png", "b.png"] },
      { first_frame: { upload: "up/a.png" }, last_frame: { upload: "up/b.png" } },
    ],
    [
      "multi_transition",
      { image: ["a.png", "b.png"] },
      { multi_transition: [{ image: { upload: "up/a.png" } }, { image: { upload: "up/b.png" } }] },
    ],
    ["extend", { video: ["job:j1"] }, { video: { job: "j1" } }],
    [
      "modify",
      { video: ["v.mp4"], image: ["a.png"] },
      { video: { upload: "up/v.mp4" }, images: [{ upload: "up/a.png" }] },
    ],
    ["restyle", { video: ["v.mp4"] }, { video: { upload: "up/v.mp4" } }],
    ["sound_effect", { video: ["v.mp4"] }, { video: { upload: "up/v.mp4" } }],
    [
      "lip_sync",
      { video: ["v.mp4"], audio: ["a.wav"] },
      { video: { upload: "up/v.mp4" }, audio: { upload: "up/a.wav" } },
    ],
    [
      "swap",
      { video: ["v.mp4"], image: ["f.png"] },
      { video: { upload: "up/v.mp4" }, image: { upload: "up/f.png" } },
    ],
    [
      "mimic",
      { video: ["v.mp4"], image: ["f.png"] },
      { video: { upload: "up/v.mp4" }, image: { upload: "up/f.png" } },
    ],
    ["upscale", { video: ["v.mp4"] }, { video: { upload: "up/v.mp4" } }],
    ["image_template", { image: ["a.png"] }, { images: [{ upload: "up/a.png" }] }],
  ])("puts the media of %s where its input takes them", async (type, flags, expected) => {
    expect((await build(type, flags)).input).toMatchObject(expected);
  });

  it('uploads every {"file": path} in --input-json, however deep (fusion\'s named references)', async () => {
    const request = await build("fusion", {
      prompt: "@cat on @sofa",
      inputJson: JSON.stringify({
        image_references: [
          { type: "subject", ref_name: "cat", image: { file: "cat.png" } },
          { type: "background", ref_name: "sofa", image: { url: "https://example.com/sofa.png" } },
        ],
      }),
    });
    expect(request.input).toMatchObject({
      image_references: [
        { type: "subject", ref_name: "cat", image: { upload: "up/cat.png" } },
        { type: "background", ref_name: "sofa", image: { url: "https://example.com/sofa.png" } },
      ],
    });
  });

  it("reaches every job type", () => {
    expect(JOB_TYPE_NAMES).toHaveLength(15);
  });

  it.each<[string, JobType, InputFlags, RegExp]>([
    ["a type without images", "text_to_video", { image: ["a.png"] }, /text_to_video takes no --image/],
    ["too many files", "image_to_video", { image: ["a.png", "b.png"] }, /takes one --image, got 2/],
    [
      "one frame for a transition",
      "transition",
      { image: ["a.png"] },
      /takes two \(first and last frame\) --image/,
    ],
    ["fusion's unnamed images", "fusion", { image: ["a.png"] }, /--input-json/],
    ["JSON that is not an object", "upscale", { inputJson: "[1]" }, /must be a JSON object/],
    ["broken JSON", "upscale", { inputJson: "{" }, /not valid JSON/],
    ["metadata without =", "upscale", { metadata: ["oops"] }, /key=value/],
  ])("refuses %s before any upload", async (_case, type, flags, message) => {
    const uploads: string[] = [];
    const refusal = buildJobRequest(type, flags, async (value) => {
      uploads.push(value);
      return { upload: value };
    });
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(message);
    expect(uploads).toEqual([]);
  });
});
