import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, JOB_EXAMPLES } from "./contract";
import { openApiDocument } from "./openapi-document";
import { apiWorld, bearer, json } from "./test-support/api-world";

type Schema = Record<string, unknown>;
interface Operation {
  requestBody?: {
    content: Record<string, { schema: Schema; examples?: Record<string, { value: unknown }> }>;
  };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let doc: Document;
let matches: (schema: string, value: unknown) => boolean;

beforeAll(async () => {
  doc = await openApiDocument<Document>();
  // The document's schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect); `example` and
  // `discriminator` are OpenAPI's annotations, `components` the document's own holder of them.
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  ajv.addVocabulary(["example", "discriminator", "components"]);
  ajv.addSchema({ $id: "doc", components: doc.components });
  matches = (schema, value) => ajv.validate({ $ref: `doc#/components/schemas/${schema}` }, value);
});

/** Every request body example of the document, with the operation it belongs to. */
function requestExamples() {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.requestBody?.content["application/json"]?.examples ?? {}).map(
        ([name, { value }]) => ({ method: method.toUpperCase(), path, name, value }),
      ),
    ),
  );
}

// That the document is valid OpenAPI 3.1 is app.unit.test.ts's; here: that it says what the API does.
describe("the OpenAPI document", () => {
  it("shows a working example request for every job type, each accepted by the API", async () => {
    const examples = requestExamples();
    expect(examples.filter(({ path }) => path === "/v1/jobs").map(({ name }) => name)).toEqual(
      Object.keys(JOB_EXAMPLES),
    );
    const world = await apiWorld();
    // The examples' templates are the local simulator's (one-image "Hulk", image template "Action Figure").
    world.pixverse.catalogs.templates.push("308621408717184", "340914720654848");
    for (const { method, path, name, value } of examples) {
      const res = await world.app.request(path, json(value, bearer("tenantA"), method));
      expect(res.status, `${method} ${path} example ${name}: ${await res.text()}`).toBe(202);
      expect(matches("CreateJobRequest", value), `${name} matches the document's schema`).toBe(true);
    }
  });

  it("names the media reference and lets it hold exactly one source", () => {
    expect(matches("MediaRef", { upload: "uploads/t/1/fox.png" })).toBe(true);
    expect(matches("MediaRef", { job: "01J9Z3Q4N8X0C2M7V5B6K1D3EF" })).toBe(true);
    for (const wrong of [
      {},
      { upload: "uploads/t/1/a.png", url: "https://example.com/a.png" },
      { file: "a" },
    ]) {
      expect(matches("MediaRef", wrong), JSON.stringify(wrong)).toBe(false);
    }
    expect(matches("FileRef", { url: "https://example.com/a.png" })).toBe(true);
    expect(matches("FileRef", { job: "01J9Z3Q4N8X0C2M7V5B6K1D3EF" })).toBe(false);
  });

  it("states the one-of rules the API applies, so the document refuses what the API refuses", async () => {
    const { value: lipSync } = JOB_EXAMPLES.lip_sync;
    const { value: restyle } = JOB_EXAMPLES.restyle;
    const refused = [
      { ...lipSync, input: { ...lipSync.input, video: {} } },
      { ...lipSync, input: { ...lipSync.input, audio: { url: "https://media.example.com/hello.mp3" } } },
      { ...lipSync, input: { video: lipSync.input.video, lip_sync_tts_speaker_id: "1" } },
      { ...restyle, input: { ...restyle.input, restyle_prompt: "watercolor" } },
      { ...restyle, input: { video: restyle.input.video } },
      {
        type: "sound_effect",
        input: { video: { url: "https://media.example.com/a.mp4" }, prompt: "a", sound_effect_content: "b" },
      },
      { type: "effect", input: { template_id: "315446315336768", quality: "540p" } },
    ];
    const world = await apiWorld();
    for (const body of refused) {
      expect(matches("CreateJobRequest", body), JSON.stringify(body)).toBe(false);
      const res = await world.app.request("/v1/jobs", json(body, bearer("tenantA")));
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("lists every error code in an enum", () => {
    expect(doc.components.schemas.ErrorCode).toMatchObject({
      type: "string",
      enum: Object.keys(ERROR_CODES),
    });
  });

  it("gives the upload filename a pattern every ECMA-262 validator reads as the API does", () => {
    const { pattern } = (doc.components.schemas.UploadRequest as { properties: { filename: Schema } })
      .properties.filename as { pattern: string };
    const plain = new RegExp(pattern);
    expect(["fox.png", "my fox (1).webp", "фото.jpg"].every((name) => plain.test(name))).toBe(true);
    expect(["a/b.png", "a\\b.png", "a\nb.png", "a\u0085b.png", ""].some((name) => plain.test(name))).toBe(
      false,
    );
  });

  it("describes every field of every job input", () => {
    const undescribed = Object.entries(doc.components.schemas)
      .filter(([name]) => name.endsWith("Input"))
      .flatMap(([name, schema]) =>
        Object.entries((schema.properties ?? {}) as Record<string, Schema>)
          .filter(([, field]) => typeof field.description !== "string" && !hasDescribedPart(field))
          .map(([field]) => `${name}.${field}`),
      );
    expect(undescribed).toEqual([]);
  });

  it("lists the catalogue kinds as an enum", () => {
    const catalog = doc.paths["/v1/catalog/{kind}"]?.get as {
      parameters: { name: string; schema: Schema }[];
    };
    expect(catalog.parameters.find(({ name }) => name === "kind")?.schema).toMatchObject({
      enum: ["templates", "restyles", "voices"],
    });
  });
});

/** A field shown as a named schema plus its own description (allOf), or an array of described items. */
function hasDescribedPart(field: Schema): boolean {
  const parts = (field.allOf ?? []) as Schema[];
  return parts.some((part) => typeof part.description === "string");
}
