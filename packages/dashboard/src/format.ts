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

/** What to tell a person about a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof PixpipeApiError) {
    return error.requestId ? `${error.message} (request ${error.requestId})` : error.message;
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
