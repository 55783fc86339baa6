import { PixpipeApiError, PixpipeConnectionError } from "@pixpipe/client";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

const shortDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
/** To the minute, for tables. */
export const formatShortDateTime = (iso: string) => shortDateTime.format(new Date(iso));

/** "3 minutes ago", "in 20 seconds". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export const formatNumber = (value: number) => new Intl.NumberFormat().format(value);

/** The API's problems a message names at most (a 400 may list 50). */
const SAID_DETAILS = 5;

/** What to tell a person about a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof PixpipeApiError) {
    // The API's message points at its details ("see details"): say the first few.
    const details = (error.details ?? []).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
    const said = details.slice(0, SAID_DETAILS);
    if (details.length > said.length) said.push(`${details.length - said.length} more`);
    const message = said.length > 0 ? `${error.message} ${said.join("; ")}.` : error.message;
    return error.requestId ? `${message} (request ${error.requestId})` : message;
  }
  if (error instanceof PixpipeConnectionError) return `The API cannot be reached (${error.url}).`;
  return error instanceof Error ? error.message : String(error);
}

export const labelOfStatus = (status: string) => status.charAt(0).toUpperCase() + status.slice(1);
export const labelOfType = (type: string) => {
  const words = type.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
/** A job's progress stage as people read it: "waiting for capacity". */
export const labelOfStage = (stage: string) => stage.replace(/_/g, " ");
