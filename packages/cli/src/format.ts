import type { Job } from "@pixpipe/client";
import pc from "picocolors";

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
}

const STATUS_COLORS: Record<Job["status"], (text: string) => string> = {
  queued: pc.yellow,
  generating: pc.cyan,
  archiving: pc.blue,
  succeeded: pc.green,
  failed: pc.red,
  cancelled: pc.magenta,
};

export const colorStatus = (status: Job["status"]) => STATUS_COLORS[status](status);

/** `queued (waiting_for_capacity, reason: ...)`, without colors when `plain`; the stage only when it says more. */
export function describeState(job: Job, plain = false): string {
  const { progress } = job;
  const parts = [
    progress?.stage && progress.stage !== job.status && progress.stage,
    progress?.reason && `reason: ${progress.reason}`,
    progress?.attempts && `attempts: ${progress.attempts}`,
  ].filter(Boolean);
  const status = plain ? job.status : colorStatus(job.status);
  return parts.length > 0 ? `${status} (${parts.join(", ")})` : status;
}

export const elapsedSince = (iso: string, now = Date.now()) => formatDuration(now - Date.parse(iso));

/** Rows under a dimmed header, each column as wide as its widest cell (the last one left ragged). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ");
  return [pc.dim(line(header)), ...rows.map(line)];
}
