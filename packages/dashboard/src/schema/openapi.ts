import type { OpenApiDocument } from "@pixpipe/client";

/** The parts of a JSON Schema (OpenAPI 3.1) the dashboard reads to build its forms. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
  description?: string;
  title?: string;
  example?: unknown;
  examples?: readonly unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

const ANNOTATIONS = new Set(["description", "title", "example", "examples", "default", "deprecated"]);

/** A schema that only annotates (describes) what it applies to, constraining nothing. */
const isAnnotation = (schema: JsonSchema) => Object.keys(schema).every((key) => ANNOTATIONS.has(key));

/** A schema with its `$ref` chain followed (and allOf of one schema, annotations aside, unwrapped). */
export function resolve(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {};
  for (let hops = 0; hops < 32; hops++) {
    if (current.$ref) {
      const name = current.$ref.replace(/^#\/components\/schemas\//, "");
      const target = document.components?.schemas?.[name] as JsonSchema | undefined;
      if (!target) throw new Error(`the API's document names ${current.$ref} but does not define it`);
      const { $ref: _ref, ...siblings } = current;
      current = { ...target, ...siblings };
      continue;
    }
    // allOf of one schema, or of a named schema and annotations for its place (its description)
    const parts = current.allOf?.filter((part) => !isAnnotation(part)) ?? [];
    if (current.allOf && parts.length === 1 && !current.properties) {
      const annotations = current.allOf.filter(isAnnotation);
      const { allOf: _allOf, ...siblings } = current;
      current = { ...parts[0], ...Object.assign({}, ...annotations), ...siblings };
      continue;
    }
    return current;
  }
  throw new Error("the API's document has a $ref cycle");
}

export const schemaNamed = (document: OpenApiDocument, name: string): JsonSchema | undefined =>
  document.components?.schemas?.[name] as JsonSchema | undefined;

/** The first example a schema gives (OpenAPI's `example` or JSON Schema's `examples`). */
export const exampleOf = (schema: JsonSchema): unknown => schema.example ?? schema.examples?.[0];

interface Parameter {
  name: string;
  in: string;
  schema?: JsonSchema;
  description?: string;
}

/** The query parameters an operation of the document takes, by name. */
export function queryParameters(
  document: OpenApiDocument,
  path: string,
  method: string,
): Map<string, Parameter> {
  const operation = document.paths[path]?.[method] as { parameters?: Parameter[] } | undefined;
  return new Map(
    (operation?.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p] as const),
  );
}

/** The string values of an enum schema ($refs followed); empty when it is not one. */
export function enumValues(document: OpenApiDocument, schema: JsonSchema | undefined): string[] {
  const resolved = resolve(document, schema);
  return (resolved.enum ?? []).filter((value): value is string => typeof value === "string");
}
