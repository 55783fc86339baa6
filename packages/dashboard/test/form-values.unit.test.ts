import { describe, expect, it } from "vitest";
import { cleaned, getAt, numberInput, placeProblems, renderedPaths, setAt } from "../src/schema/form-values";
import type { Field } from "../src/schema/job-forms";

describe("form values", () => {
  it("sets values at paths without touching the original, making arrays for index keys", () => {
    const before = { input: { prompt: "a" } };
    const after = setAt(before, ["input", "items", "1", "image"], { upload: "k" });
    expect(before).toEqual({ input: { prompt: "a" } });
    expect(after).toEqual({ input: { prompt: "a", items: [undefined, { image: { upload: "k" } }] } });
    expect(getAt(after, ["input", "items", "1", "image", "upload"])).toBe("k");
  });

  it("leaves out what was not filled in, so the API applies its defaults", () => {
    expect(cleaned({ prompt: "a", seed: undefined, style: "", list: [{ a: "", b: 1 }] })).toEqual({
      prompt: "a",
      list: [{ b: 1 }],
    });
  });

  it("reads a number field as a number, or keeps the text for the API to refuse", () => {
    expect(numberInput("5")).toBe(5);
    expect(numberInput(" ")).toBeUndefined();
    expect(numberInput("five")).toBe("five");
  });
});

describe("placing the API's validation problems", () => {
  const fields: Field[] = [
    {
      kind: "number",
      name: "duration",
      path: ["input", "duration"],
      label: "Duration",
      required: true,
      integer: true,
    },
    {
      kind: "list",
      name: "multi_transition",
      path: ["input", "multi_transition"],
      label: "Multi transition",
      required: true,
      item: [
        {
          kind: "media",
          name: "image",
          path: ["image"],
          label: "Image",
          required: true,
          media: "image",
          sources: ["upload"],
        },
      ],
    },
  ];

  it("expands list items into the paths they are rendered at", () => {
    const values = { input: { multi_transition: [{}, {}] } };
    expect(renderedPaths(fields, values)).toEqual([
      "input.duration",
      "input.multi_transition",
      "input.multi_transition.0.image",
      "input.multi_transition.1.image",
    ]);
  });

  it("puts each problem beside the field with the longest matching path, the rest in the summary", () => {
    const paths = renderedPaths(fields, { input: { multi_transition: [{}, {}] } });
    const placed = placeProblems(
      [
        { path: "input.duration", message: "model v5 supports 5, 8 s" },
        { path: "input.multi_transition.1.image.upload", message: "no such upload" },
        { path: "input.multi_transition", message: "too few" },
        { path: "input", message: "exactly one of audio or TTS" },
      ],
      paths,
    );
    expect(Object.fromEntries(placed.byField)).toEqual({
      "input.duration": ["model v5 supports 5, 8 s"],
      "input.multi_transition.1.image": ["no such upload"],
      "input.multi_transition": ["too few"],
    });
    expect(placed.unplaced).toEqual([{ path: "input", message: "exactly one of audio or TTS" }]);
  });
});
