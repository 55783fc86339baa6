// A tenant's limits as a form edits them: one text per limit, "" for none (pure: the pages render it).
import type { TenantLimits, UpdateTenantRequest } from "@pixpipe/client";

export type LimitName = keyof TenantLimits;

export const LIMITS: readonly { name: LimitName; label: string; hint: string }[] = [
  {
    name: "maxInFlight",
    label: "Generations at once",
    hint: "At PixVerse at the same time; more jobs wait in queued.",
  },
  { name: "creditsPerDay", label: "Credits per day", hint: "PixVerse credits per UTC day." },
  { name: "creditsPerMonth", label: "Credits per month", hint: "PixVerse credits per UTC calendar month." },
];

export type LimitInputs = Record<LimitName, string>;

export const limitInputs = (limits: TenantLimits = {}): LimitInputs => ({
  maxInFlight: limits.maxInFlight?.toString() ?? "",
  creditsPerDay: limits.creditsPerDay?.toString() ?? "",
  creditsPerMonth: limits.creditsPerMonth?.toString() ?? "",
});

/**
 * A text as the API takes it: "" none, a number as a number, anything else as the text itself, which
 * the API refuses beside the field (the API's rules are the only ones; the form does not guess them).
 */
function limitOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  return (Number.isFinite(value) ? value : trimmed) as number;
}

/** The limits of a new tenant: those filled in. */
export function newLimits(inputs: LimitInputs): TenantLimits {
  const limits: TenantLimits = {};
  for (const { name } of LIMITS) {
    const value = limitOf(inputs[name]);
    if (value !== undefined) limits[name] = value;
  }
  return limits;
}

/** The merge patch from `current` to `inputs`: changed limits set, emptied ones null, others absent. */
export function limitsPatch(current: TenantLimits, inputs: LimitInputs): UpdateTenantRequest["limits"] {
  const patch: NonNullable<UpdateTenantRequest["limits"]> = {};
  for (const { name } of LIMITS) {
    const value = limitOf(inputs[name]);
    if (value === current[name]) continue;
    patch[name] = value ?? null;
  }
  return patch;
}

/** "3 at once, 2,000 credits a day" or "no limits". */
export function describeLimits(limits: TenantLimits, format: (n: number) => string): string {
  const parts = [
    limits.maxInFlight !== undefined ? `${format(limits.maxInFlight)} at once` : "",
    limits.creditsPerDay !== undefined ? `${format(limits.creditsPerDay)} credits a day` : "",
    limits.creditsPerMonth !== undefined ? `${format(limits.creditsPerMonth)} credits a month` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no limits";
}
