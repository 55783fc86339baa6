import ms from "ms";
import { UsageError } from "./errors";

/** A duration flag in whole seconds: `3600`, or with a unit as `ms` reads it (`90s`, `15m`, `24h`, `7d`). */
export function parseSeconds(flag: string, text: string): number {
  const milliseconds = /^\d+$/.test(text) ? Number(text) * 1000 : ms(text as ms.StringValue);
  if (
    typeof milliseconds !== "number" ||
    !Number.isFinite(milliseconds) ||
    milliseconds < 0 ||
    milliseconds % 1000 !== 0
  ) {
    throw new UsageError(
      `${flag} is a duration in whole seconds, e.g. 3600, 90s, 15m, 24h or 7d (not ${JSON.stringify(text)})`,
    );
  }
  return milliseconds / 1000;
}
