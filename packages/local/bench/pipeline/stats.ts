/** Figures over samples and rounds, and the lines bench:pipeline prints. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** A figure measured once per round: its median and its range over the rounds. */
export interface RoundFigure {
  median: number;
  min: number;
  max: number;
  rounds: number;
}

export function overRounds(values: readonly number[]): RoundFigure {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    rounds: values.length,
  };
}

/** How a figure compares with its floor: smaller is better (times), or larger is better (rates). */
export type Better = "lower" | "higher";

export interface MeasureLine {
  measure: string;
  unit: string;
  pixpipe: RoundFigure;
  floor?: RoundFigure;
  better: Better;
  /** The goal, as text, and whether it is met. */
  goal?: { text: string; met: boolean };
}

const fixed = (value: number, unit: string) => {
  if (!Number.isFinite(value)) return "-";
  const digits = unit === "ms" && value >= 100 ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toFixed(digits);
};

const figure = (f: RoundFigure | undefined, unit: string) =>
  f === undefined
    ? "-"
    : f.min === f.max
      ? fixed(f.median, unit)
      : `${fixed(f.median, unit)} [${fixed(f.min, unit)}-${fixed(f.max, unit)}]`;

/** pixpipe ÷ floor for times, and the same for rates (a rate's ratio is the share of the floor reached). */
export function ratio(line: Pick<MeasureLine, "pixpipe" | "floor">): number | undefined {
  if (!line.floor || line.floor.median === 0) return undefined;
  return line.pixpipe.median / line.floor.median;
}

export function formatLines(lines: readonly MeasureLine[]): string[] {
  const header = [
    "measure".padEnd(58),
    "unit".padEnd(8),
    "pixpipe median [range]".padStart(24),
    "floor median [range]".padStart(24),
    "ratio".padStart(7),
    "  goal",
  ].join(" ");
  const rows = lines.map((line) => {
    const r = ratio(line);
    return [
      line.measure.padEnd(58),
      line.unit.padEnd(8),
      figure(line.pixpipe, line.unit).padStart(24),
      figure(line.floor, line.unit).padStart(24),
      (r === undefined ? "-" : r.toFixed(2)).padStart(7),
      line.goal ? `  ${line.goal.met ? "met" : "NOT MET"}: ${line.goal.text}` : "",
    ].join(" ");
  });
  return [header, ...rows];
}
