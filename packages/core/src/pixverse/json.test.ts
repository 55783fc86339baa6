import { describe, expect, it } from "vitest";
import { pixverseId } from "./ids";
import { parsePixverseJson, stringifyPixverseJson } from "./json";

const LARGE = "627410861853514292";

describe("PixVerse wire JSON", () => {
  it("keeps every digit of an id beyond 2^53 and sends it back as a bare number", () => {
    const parsed = parsePixverseJson(`{"ErrCode":0,"Resp":{"video_id":${LARGE}}}`) as {
      Resp: { video_id: unknown };
    };
    expect(parsed.Resp.video_id).toBe(LARGE);
    const id = pixverseId.parse(parsed.Resp.video_id);
    expect(stringifyPixverseJson({ source_video_id: id })).toBe(`{"source_video_id":${LARGE}}`);
  });

  it("parses safe integers and decimals as numbers", () => {
    expect(parsePixverseJson('{"a":343252978602905,"b":10.5,"c":-3}')).toEqual({
      a: 343252978602905,
      b: 10.5,
      c: -3,
    });
  });

  it("writes ids nested in arrays and items as numbers but leaves string fields that look numeric alone", () => {
    const body = {
      img_ids: [LARGE, "12"],
      multi_transition: [{ img_id: LARGE, duration: 5, prompt: "123" }],
      mask_id: "987",
      lip_sync_tts_speaker_id: "1",
    };
    expect(stringifyPixverseJson(body)).toBe(
      `{"img_ids":[${LARGE},12],"multi_transition":[{"img_id":${LARGE},"duration":5,"prompt":"123"}],"mask_id":"987","lip_sync_tts_speaker_id":"1"}`,
    );
  });

  it("accepts an id as a safe number or a digit string and refuses anything else", () => {
    expect(pixverseId.parse(343252978602905)).toBe("343252978602905");
    expect(pixverseId.parse(LARGE)).toBe(LARGE);
    expect(pixverseId.safeParse("12a").success).toBe(false);
    expect(pixverseId.safeParse(-1).success).toBe(false);
    expect(pixverseId.safeParse(1.5).success).toBe(false);
  });
});
