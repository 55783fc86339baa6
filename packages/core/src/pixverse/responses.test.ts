import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  balance,
  imageResult,
  imageSubmitted,
  maskSelection,
  restyles,
  templates,
  ttsSpeakers,
  uploadedImage,
  uploadedMedia,
  usageDetail,
  videoResult,
  videoSubmitted,
  voiceCreated,
} from "./responses";

/**
 * Every result PixVerse answers, with a full sample and the fields it cannot do without. All other fields may be
 * null, of an unexpected type or joined by new ones without the parse failing (issue 12, row 9).
 */
const cases: { name: string; schema: z.ZodType; sample: Record<string, unknown>; essential: string[] }[] = [
  {
    name: "image upload",
    schema: uploadedImage,
    sample: { img_id: 1, img_url: "https://media.pixverse.ai/i.png" },
    essential: ["img_id"],
  },
  {
    name: "media upload",
    schema: uploadedMedia,
    sample: { media_id: 2, media_type: "video", url: "https://media.pixverse.ai/v.mp4" },
    essential: ["media_id"],
  },
  {
    name: "video submit",
    schema: videoSubmitted,
    sample: { video_id: 3, credits: 45, credit: 45 },
    essential: ["video_id"],
  },
  {
    name: "image submit",
    schema: imageSubmitted,
    sample: { image_id: 4, credit: 10 },
    essential: ["image_id"],
  },
  {
    name: "video result",
    schema: videoResult,
    sample: {
      id: 5,
      status: 1,
      url: "https://media.pixverse.ai/v.mp4",
      size: 1024,
      outputWidth: 1280,
      outputHeight: 720,
      credits: 60,
      has_audio: true,
      prompt: "a fox",
      seed: 7,
      create_time: "2026-01-01T00:00:00Z",
      modify_time: "2026-01-01T00:01:00Z",
      negative_prompt: "",
      style: "",
      resolution_ratio: 720,
      customer_paths: {},
    },
    essential: ["id", "status"],
  },
  {
    name: "image result",
    schema: imageResult,
    sample: {
      image_id: 6,
      status: 1,
      url: "https://media.pixverse.ai/i.png",
      outputWidth: 768,
      outputHeight: 1024,
      credits: 10,
      template_id: 9,
      customer_paths: { customer_img_paths: [] },
    },
    essential: ["image_id", "status"],
  },
  {
    name: "mask selection",
    schema: maskSelection,
    sample: {
      keyframe_id: 1,
      keyframe_url: "https://media.pixverse.ai/k.png",
      credits: 2,
      mask_info: [{ mask_id: "m1", mask_name: "person", mask_url: "https://media.pixverse.ai/m.png" }],
    },
    essential: ["keyframe_id", "keyframe_url"],
  },
  {
    name: "speaker list",
    schema: ttsSpeakers,
    sample: { total: 1, data: [{ speaker_id: 7, name: "Harper" }] },
    essential: [],
  },
  {
    name: "custom voice",
    schema: voiceCreated,
    sample: { speaker_id: "custom_1" },
    essential: ["speaker_id"],
  },
  {
    name: "restyle list",
    schema: restyles,
    sample: { total: 1, data: [{ restyle_id: 1001, restyle_name: "Anime", cover_url: "https://x/c.png" }] },
    essential: [],
  },
  {
    name: "template list",
    schema: templates,
    sample: {
      total: 1,
      effect_items: [
        { template_id: 315446315336768, display_name: "Kiss", template_type: 1, image_count: 2 },
      ],
    },
    essential: [],
  },
  {
    name: "balance",
    schema: balance,
    sample: { account_id: 123452341, credit_monthly: 100, credit_package: 5 },
    essential: ["account_id", "credit_monthly", "credit_package"],
  },
  {
    name: "usage history",
    schema: usageDetail,
    sample: { items: [{ video_id: 5, credits: 45 }], next_cursor: "abc", has_more: true },
    essential: [],
  },
];

const hasNull = (value: unknown): boolean =>
  value === null || (typeof value === "object" && Object.values(value as object).some(hasNull));

describe.each(cases)("$name", ({ schema, sample, essential }) => {
  const baseline = schema.parse(sample);
  const optional = Object.keys(sample).filter((field) => !essential.includes(field));

  it("ignores fields it does not know", () => {
    const extended = { ...sample, brand_new: { nested: [1, null] }, another_new: null, third: "x" };
    expect(schema.parse(extended)).toEqual(baseline);
  });

  it.each(optional)("reads %s = null, or of another type, as absent", (field) => {
    for (const value of [null, { unexpected: true }]) {
      const parsed = schema.safeParse({ ...sample, [field]: value });
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(hasNull(parsed.data)).toBe(false);
    }
  });

  it.each(essential)("fails without %s", (field) => {
    expect(schema.safeParse({ ...sample, [field]: null }).success).toBe(false);
  });
});

describe("lists", () => {
  it("keep the usable items and leave out the rest", () => {
    const parsed = ttsSpeakers.parse({
      total: 3,
      data: [{ speaker_id: "1", name: "Emily" }, { name: "no id" }, null, { speaker_id: 2, name: null }],
    });
    expect(parsed).toEqual({ total: 3, speakers: [{ speakerId: "1", name: "Emily" }, { speakerId: "2" }] });
    expect(ttsSpeakers.parse({ data: null })).toEqual({ total: 0, speakers: [] });
    expect(templates.parse({ effect_items: [{ template_id: "x" }, { template_id: 5 }] })).toEqual({
      templates: [{ templateId: "5" }],
    });
  });

  it("read a missing optional value the way PixVerse writes an unfinished one", () => {
    expect(videoResult.parse({ id: 5, status: 5, url: "", size: 0 })).toEqual({
      id: "5",
      status: 5,
      size: 0,
    });
    expect(maskSelection.parse({ keyframe_id: "3", keyframe_url: "k", mask_info: null })).toEqual({
      keyframeId: 3,
      keyframeUrl: "k",
      masks: [],
    });
  });
});
