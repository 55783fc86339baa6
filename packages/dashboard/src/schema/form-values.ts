import type { Field } from "./job-forms";

/** A form's values, shaped like the request body (`{ input: { ... } }`), typed as they will be sent. */
export type FormValues = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function getAt(values: unknown, path: readonly string[]): unknown {
  let current = values;
  for (const key of path) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isRecord(current)) current = current[key];
    else return undefined;
  }
  return current;
}

/** A copy of `values` with `value` at `path` (objects, or arrays for index keys, created as needed). */
export function setAt(values: unknown, path: readonly string[], value: unknown): FormValues {
  const [key, ...rest] = path;
  if (key === undefined) return value as FormValues;
  if (Array.isArray(values) || (values === undefined && /^\d+$/.test(key))) {
    const copy = [...((values as unknown[] | undefined) ?? [])];
    copy[Number(key)] = rest.length === 0 ? value : setAt(copy[Number(key)], rest, value);
    return copy as unknown as FormValues;
  }
  const record = isRecord(values) ? values : {};
  return { ...record, [key]: rest.length === 0 ? value : setAt(record[key], rest, value) };
}

/** Empty strings and unset values are left out: the API then applies its own defaults. */
export function cleaned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleaned);
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, cleaned(item)] as const)
      .filter(([, item]) => item !== undefined && item !== "");
    return Object.fromEntries(entries);
  }
  return value;
}

/** What a number field's text means: a number when it reads as one, else the text (the API says why). */
export function numberInput(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/** Every field as rendered for these values: list items expanded, with their concrete paths. */
export function renderedPaths(fields: readonly Field[], values: FormValues, prefix: string[] = []): string[] {
  return fields.flatMap((field) => {
    const path = [...prefix, ...field.path];
    if (field.kind !== "list") return [path.join(".")];
    const items = getAt(values, path);
    const count = Array.isArray(items) ? items.length : 0;
    return [
      path.join("."),
      ...Array.from({ length: count }, (_, index) =>
        renderedPaths(field.item, values, [...path, String(index)]),
      ).flat(),
    ];
  });
}

export interface Problem {
  path: string;
  message: string;
}

export interface PlacedProblems {
  /** Messages by the rendered field path they belong to. */
  byField: Map<string, string[]>;
  /** Problems no field claims (rules across fields, unknown fields), for the form's summary. */
  unplaced: Problem[];
}

/**
 * Places the API's validation problems (`details[].path`, e.g. `input.image.upload`) beside the
 * field whose path is the longest prefix of theirs.
 */
export function placeProblems(problems: readonly Problem[], fieldPaths: readonly string[]): PlacedProblems {
  const byField = new Map<string, string[]>();
  const unplaced: Problem[] = [];
  for (const problem of problems) {
    const owner = fieldPaths
      .filter((path) => problem.path === path || problem.path.startsWith(`${path}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (owner === undefined) unplaced.push(problem);
    else byField.set(owner, [...(byField.get(owner) ?? []), problem.message]);
  }
  return { byField, unplaced };
}
