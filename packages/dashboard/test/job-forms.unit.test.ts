import type { OpenApiDocument } from "@pixpipe/client";
import { beforeAll, describe, expect, it } from "vitest";
import { type Field, jobForms, mediaSources } from "../src/schema/job-forms";
import { apiDocument } from "./document";

let document: OpenApiDocument;
beforeAll(async () => {
  document = await apiDocument();
});

const formOf = (type: string) => {
  const form = jobForms(document).find((candidate) => candidate.type === type);
  if (!form) throw new Error(`no form for ${type}`);
  return form;
};
const fieldOf = (fields: Field[], name: string) => {
  const field = fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`no field ${name}`);
  return field;
};

describe("the create-job forms read from the API's document", () => {
  it("has one form per job type, in the document's order", () => {
    const types = jobForms(document).map((form) => form.type);
    expect(types).toHaveLength(15);
    expect(types[0]).toBe("text_to_video");
    expect(new Set(types).size).toBe(15);
  });

  it("puts required fields first, each as the widget its schema calls for", () => {
    const { fields, example } = formOf("text_to_video");
    expect(fields.slice(0, 5).map((field) => [field.name, field.kind, field.required])).toEqual([
      ["prompt", "text", true],
      ["model", "choice", true],
      ["duration", "number", true],
      ["quality", "choice", true],
      ["aspect_ratio", "choice", true],
    ]);
    expect(fieldOf(fields, "prompt")).toMatchObject({ multiline: true, path: ["input", "prompt"] });
    expect(fieldOf(fields, "model")).toMatchObject({ options: expect.arrayContaining(["v5"]) });
    expect(fieldOf(fields, "duration")).toMatchObject({ integer: true, min: 1 });
    expect(fieldOf(fields, "seed")).toMatchObject({
      kind: "number",
      required: false,
      min: 0,
      max: 2147483647,
    });
    expect(fieldOf(fields, "water_mark")).toMatchObject({ kind: "boolean", required: false });
    expect(example).toMatchObject({ type: "text_to_video", input: { model: "v5" } });
  });

  it("turns MediaRef fields into media fields; an earlier job only where a video is asked for", () => {
    expect(fieldOf(formOf("image_to_video").fields, "image")).toMatchObject({
      kind: "media",
      media: "image",
      sources: ["upload", "url"],
      required: true,
    });
    expect(fieldOf(formOf("extend").fields, "video")).toMatchObject({
      kind: "media",
      media: "video",
      sources: ["upload", "url", "job"],
    });
    const lipSync = formOf("lip_sync").fields;
    expect(fieldOf(lipSync, "audio")).toMatchObject({ kind: "media", media: "audio", required: false });
    expect(fieldOf(formOf("image_template").fields, "images")).toMatchObject({ kind: "mediaList", min: 1 });
  });

  it("offers every type's webhook as an optional url and checkboxes of the document's events", () => {
    for (const form of jobForms(document)) {
      expect(form.webhook.map((field) => [field.path.join("."), field.kind, field.required])).toEqual([
        ["webhook.url", "text", false],
        ["webhook.events", "choices", false],
      ]);
    }
    expect(fieldOf(formOf("text_to_video").webhook, "url")).toMatchObject({ label: "URL", multiline: false });
    expect(fieldOf(formOf("text_to_video").webhook, "events")).toMatchObject({
      options: ["job.generating", "job.archiving", "job.succeeded", "job.failed", "job.cancelled"],
      description: expect.stringContaining("default job.succeeded, job.failed, job.cancelled"),
    });
  });

  it("makes lists of objects repeatable groups of their own fields", () => {
    const list = fieldOf(formOf("multi_transition").fields, "multi_transition");
    expect(list).toMatchObject({ kind: "list", min: 2, max: 7 });
    if (list.kind !== "list") throw new Error("not a list");
    expect(fieldOf(list.item, "image")).toMatchObject({ kind: "media", path: ["image"] });
  });

  it("also reads a MediaRef written as a oneOf (upload | url | job), as the document will name it", () => {
    const withOneOf: OpenApiDocument = {
      ...document,
      components: {
        schemas: {
          MediaRef: {
            oneOf: [
              { type: "object", properties: { upload: { type: "string" } }, required: ["upload"] },
              { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
              { type: "object", properties: { job: { type: "string" } }, required: ["job"] },
            ],
          },
        },
      },
    };
    expect(mediaSources(withOneOf, { $ref: "#/components/schemas/MediaRef" })).toEqual([
      "upload",
      "url",
      "job",
    ]);
    expect(
      mediaSources(withOneOf, { type: "object", properties: { prompt: { type: "string" } } }),
    ).toBeUndefined();
  });
});
