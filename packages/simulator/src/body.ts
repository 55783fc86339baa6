import { emptyParam, invalidParam, wrongType } from "./errors";
import type { WireValue } from "./wire";

type WireObject = { [key: string]: WireValue };

const isObject = (value: WireValue | undefined): value is WireObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Converts a wire integer (number or bigint) into an id string, or null when it is not one. */
export function asId(value: WireValue | undefined): string | null {
  if (typeof value === "bigint") return value >= 0n ? value.toString() : null;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return String(value);
  return null;
}

interface Presence {
  required?: boolean;
}

/**
 * Typed field access on a JSON request body, failing the way PixVerse does:
 * wrong JSON type -> 400013, missing/empty required field -> 400011, bad value -> 400017.
 */
export class BodyReader {
  /** fields the validation looked at, and readers of nested objects: what is left PixVerse would ignore */
  private readonly read = new Set<string>();
  private readonly children: BodyReader[] = [];

  private constructor(
    private readonly fields: WireObject,
    private readonly prefix: string,
  ) {}

  static from(value: WireValue, prefix = ""): BodyReader {
    if (!isObject(value)) throw wrongType(prefix || "body", "a JSON object");
    return new BodyReader(value, prefix);
  }

  private name(field: string) {
    return `${this.prefix}${field}`;
  }

  /** Present and not null. */
  has(field: string): boolean {
    this.read.add(field);
    const value = this.fields[field];
    return value !== undefined && value !== null;
  }

  private present(field: string, { required }: Presence): WireValue | undefined {
    this.read.add(field);
    const value = this.fields[field];
    if (value === undefined || value === null) {
      if (required) throw emptyParam(this.name(field));
      return undefined;
    }
    return value;
  }

  string(field: string, opts: Presence & { max?: number } = {}): string | undefined {
    const value = this.present(field, opts);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw wrongType(this.name(field), "a string");
    if (opts.required && value.trim() === "") throw emptyParam(this.name(field));
    if (opts.max !== undefined && [...value].length > opts.max) {
      throw invalidParam(`${this.name(field)} cannot exceed ${opts.max} characters`);
    }
    return value;
  }

  int(field: string, opts: Presence & { min?: number; max?: number } = {}): number | undefined {
    const value = this.present(field, opts);
    if (value === undefined) return undefined;
    if (typeof value === "bigint") throw invalidParam(`${this.name(field)} is out of range`);
    if (typeof value !== "number" || !Number.isInteger(value))
      throw wrongType(this.name(field), "an integer");
    if ((opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max)) {
      throw invalidParam(
        `${this.name(field)} must be between ${opts.min ?? "-inf"} and ${opts.max ?? "+inf"}`,
      );
    }
    return value;
  }

  bool(field: string): boolean | undefined {
    const value = this.present(field, {});
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw wrongType(this.name(field), "a boolean");
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], opts: Presence = {}): T | undefined {
    const value = this.string(field, opts);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      throw invalidParam(`${this.name(field)} must be one of ${allowed.join(", ")}`);
    }
    return value as T;
  }

  /** An id field: a JSON integer (PixVerse refuses quoted ids). */
  id(field: string, opts: Presence = {}): string | undefined {
    const value = this.present(field, opts);
    if (value === undefined) return undefined;
    const id = asId(value);
    if (id === null) throw wrongType(this.name(field), "an integer id");
    if (id === "0" && opts.required) throw emptyParam(this.name(field));
    return id;
  }

  ids(field: string, opts: Presence & { min?: number; max?: number } = {}): string[] | undefined {
    const items = this.array(field, opts);
    if (items === undefined) return undefined;
    const ids = items.map((item, i) => {
      const id = asId(item);
      if (id === null) throw wrongType(`${this.name(field)}[${i}]`, "an integer id");
      return id;
    });
    this.checkCount(field, ids.length, opts);
    return ids;
  }

  strings(field: string, opts: Presence & { max?: number } = {}): string[] | undefined {
    const items = this.array(field, opts);
    if (items === undefined) return undefined;
    const strings = items.map((item, i) => {
      if (typeof item !== "string") throw wrongType(`${this.name(field)}[${i}]`, "a string");
      return item;
    });
    this.checkCount(field, strings.length, opts);
    return strings;
  }

  ints(field: string, opts: Presence = {}): number[] | undefined {
    const items = this.array(field, opts);
    return items?.map((item, i) => {
      if (typeof item !== "number" || !Number.isInteger(item)) {
        throw wrongType(`${this.name(field)}[${i}]`, "an integer");
      }
      return item;
    });
  }

  /** Array of objects, each read with its own reader. */
  objects(field: string, opts: Presence & { min?: number; max?: number } = {}): BodyReader[] | undefined {
    const items = this.array(field, opts);
    if (items === undefined) return undefined;
    this.checkCount(field, items.length, opts);
    const readers = items.map((item, i) => BodyReader.from(item, `${this.name(field)}[${i}].`));
    this.children.push(...readers);
    return readers;
  }

  /** Fields present in the body that no validation read (e.g. "colour", "image_references[0].weight"). */
  unreadFields(): string[] {
    const own = Object.keys(this.fields)
      .filter((field) => !this.read.has(field))
      .map((field) => this.name(field));
    return [...own, ...this.children.flatMap((child) => child.unreadFields())];
  }

  private array(field: string, opts: Presence): WireValue[] | undefined {
    const value = this.present(field, opts);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw wrongType(this.name(field), "an array");
    if (opts.required && value.length === 0) throw emptyParam(this.name(field));
    return value;
  }

  private checkCount(field: string, count: number, { min, max }: { min?: number; max?: number }) {
    if (min !== undefined && count < min)
      throw invalidParam(`${this.name(field)} needs at least ${min} items`);
    if (max !== undefined && count > max)
      throw invalidParam(`${this.name(field)} allows at most ${max} items`);
  }

  /** The body as plain data for the ledger; integers above 2^53 become digit strings. */
  toRecord(): Record<string, unknown> {
    return plain(this.fields) as Record<string, unknown>;
  }
}

/** A wire value as plain data: integers above 2^53 become digit strings. */
export function plain(value: WireValue): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
