import type { JobType, OpenApiDocument } from "@pixpipe/client";
import { enumValues, exampleOf, type JsonSchema, resolve, schemaNamed } from "./openapi";

/*
 * The create-job forms, read from the API's OpenAPI document: CreateJobRequest is a oneOf of one
 * request schema per job type, each with its `input` schema. Fields follow the schema's properties
 * (required ones first); MediaRef properties become media fields (upload, URL or earlier job).
 */

export type MediaSource = "upload" | "url" | "job";
/** What a media field holds, guessed from its name (the document does not say). */
export type MediaKind = "image" | "video" | "audio";

interface FieldBase {
  name: string;
  /** From the request body's root, e.g. ["input", "multi_transition", "0", "image"]. */
  path: string[];
  label: string;
  required: boolean;
  description?: string;
  example?: unknown;
}

export type Field =
  | (FieldBase & { kind: "text"; multiline: boolean; maxLength?: number })
  | (FieldBase & { kind: "number"; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: "choice"; options: string[] })
  /** Some of a set of values (an array of an enum), as checkboxes. */
  | (FieldBase & { kind: "choices"; options: string[] })
  | (FieldBase & { kind: "boolean" })
  | (FieldBase & { kind: "media"; sources: MediaSource[]; media: MediaKind })
  | (FieldBase & { kind: "mediaList"; media: MediaKind; min?: number; max?: number })
  | (FieldBase & { kind: "list"; item: Field[]; min?: number; max?: number });

export interface JobForm {
  type: JobType;
  label: string;
  description?: string;
  fields: Field[];
  /** The request's webhook (url, events), when the document offers one. */
  webhook: Field[];
  /** An example request body the document gives for this type, to fill the form with. */
  example?: Record<string, unknown>;
}

const MEDIA_SOURCES: readonly MediaSource[] = ["upload", "url", "job"];

const labelOf = (name: string) => {
  const words = name.replace(/_/g, " ").replace(/\burl\b/g, "URL");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function mediaKind(name: string): MediaKind {
  if (/video/.test(name)) return "video";
  if (/audio/.test(name)) return "audio";
  return "image";
}

/**
 * The sources a MediaRef schema allows, or undefined when the schema is not one: an object whose
 * properties are some of upload/url/job (today's document), or a oneOf of such objects.
 */
export function mediaSources(document: OpenApiDocument, schema: JsonSchema): MediaSource[] | undefined {
  const resolved = resolve(document, schema);
  const branches = resolved.oneOf ?? resolved.anyOf;
  const names = branches
    ? branches.flatMap((branch) => Object.keys(resolve(document, branch).properties ?? {}))
    : Object.keys(resolved.properties ?? {});
  if (names.length === 0 || !names.every((name) => MEDIA_SOURCES.includes(name as MediaSource))) {
    return undefined;
  }
  return MEDIA_SOURCES.filter((source) => names.includes(source));
}

const isType = (schema: JsonSchema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** The fields of an object schema, required ones first, each as the widget that fits it. */
export function fieldsOf(document: OpenApiDocument, objectSchema: JsonSchema, parentPath: string[]): Field[] {
  const resolved = resolve(document, objectSchema);
  const required = new Set(resolved.required ?? []);
  const entries = Object.entries(resolved.properties ?? {});
  entries.sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
  return entries.map(([name, property]) =>
    fieldOf(document, name, property, [...parentPath, name], required.has(name)),
  );
}

function fieldOf(
  document: OpenApiDocument,
  name: string,
  schema: JsonSchema,
  path: string[],
  required: boolean,
): Field {
  const resolved = resolve(document, schema);
  const example = exampleOf(resolved);
  const base: FieldBase = {
    name,
    path,
    label: resolved.title ?? labelOf(name),
    required,
    ...(resolved.description ? { description: resolved.description } : {}),
    ...(example === undefined ? {} : { example }),
  };
  const sources = mediaSources(document, resolved);
  if (sources) {
    const media = mediaKind(name);
    // An earlier job provides a video only (the API refuses it for images and audio).
    return {
      ...base,
      kind: "media",
      media,
      sources: media === "video" ? sources : sources.filter((s) => s !== "job"),
    };
  }
  const options = enumValues(document, resolved);
  if (options.length > 0) return { ...base, kind: "choice", options };
  if (isType(resolved, "boolean")) return { ...base, kind: "boolean" };
  if (isType(resolved, "integer") || isType(resolved, "number")) {
    const min =
      resolved.minimum ??
      (resolved.exclusiveMinimum === undefined ? undefined : resolved.exclusiveMinimum + 1);
    const max =
      resolved.maximum ??
      (resolved.exclusiveMaximum === undefined ? undefined : resolved.exclusiveMaximum - 1);
    return {
      ...base,
      kind: "number",
      integer: isType(resolved, "integer"),
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
    };
  }
  if (isType(resolved, "array") && resolved.items) {
    const limits = {
      ...(resolved.minItems === undefined ? {} : { min: resolved.minItems }),
      ...(resolved.maxItems === undefined ? {} : { max: resolved.maxItems }),
    };
    if (mediaSources(document, resolved.items))
      return { ...base, kind: "mediaList", media: mediaKind(name), ...limits };
    const itemOptions = enumValues(document, resolved.items);
    if (itemOptions.length > 0) return { ...base, kind: "choices", options: itemOptions };
    return { ...base, kind: "list", item: fieldsOf(document, resolved.items, []), ...limits };
  }
  // Strings, and unions of a string with something else (template_id: digits or an integer).
  const maxLength = resolved.maxLength;
  return {
    ...base,
    kind: "text",
    // Long texts (prompts) get a text area; a URL, however long it may be, is one line.
    multiline: maxLength !== undefined && maxLength > 255 && !/url/.test(name),
    ...(maxLength === undefined ? {} : { maxLength }),
  };
}

/** The request body examples the document gives: schema examples and the operation's named ones. */
function requestExamples(document: OpenApiDocument): unknown[] {
  const request = schemaNamed(document, "CreateJobRequest") ?? {};
  const operation = document.paths["/v1/jobs"]?.post as
    | {
        requestBody?: {
          content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }>;
        };
      }
    | undefined;
  const media = operation?.requestBody?.content?.["application/json"];
  return [
    request.example,
    ...(request.examples ?? []),
    media?.example,
    ...Object.values(media?.examples ?? {}).map((named) => named.value),
  ].filter((example) => example !== undefined);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One form per job type, in the document's order. */
export function jobForms(document: OpenApiDocument): JobForm[] {
  const request = resolve(document, schemaNamed(document, "CreateJobRequest"));
  const examples = requestExamples(document).filter(isRecord);
  return (request.oneOf ?? []).flatMap((variant): JobForm[] => {
    const schema = resolve(document, variant);
    const typeSchema = resolve(document, schema.properties?.type);
    const type = (typeSchema.const ?? typeSchema.enum?.[0]) as JobType | undefined;
    const input = schema.properties?.input;
    if (!type || !input) return [];
    const inputSchema = resolve(document, input);
    const own = [
      exampleOf(schema),
      exampleOf(inputSchema) === undefined ? undefined : { type, input: exampleOf(inputSchema) },
    ];
    const example = [...own, ...examples].find((candidate) => isRecord(candidate) && candidate.type === type);
    return [
      {
        type,
        label: labelOf(type),
        ...(schema.description || inputSchema.description
          ? { description: schema.description ?? inputSchema.description }
          : {}),
        fields: fieldsOf(document, inputSchema, ["input"]),
        // A webhook is optional as a whole: its url is required only once it is asked for.
        webhook: schema.properties?.webhook
          ? fieldsOf(document, schema.properties.webhook, ["webhook"]).map((field) => ({
              ...field,
              required: false,
            }))
          : [],
        ...(isRecord(example) ? { example } : {}),
      },
    ];
  });
}
