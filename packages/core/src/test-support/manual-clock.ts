import type { Clock } from "../pipeline";

interface Sleeper {
  at: number;
  wake: () => void;
}

/**
 * A clock that moves only when told: `advance` wakes every sleeper whose time has come, so tests of
 * backoffs, budgets and spacing run in no time and never depend on the machine's speed.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start: Date | string = "2026-12-01T12:00:00.000Z") {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { at: this.current + ms, wake: resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        "abort",
        () => {
          this.sleepers = this.sleepers.filter((other) => other !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Moves time forward, waking sleepers in order (each gets a turn of the event loop). */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.current = Math.max(this.current, next.at);
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.wake();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = target;
  }

  /**
   * Runs `work` to its end, moving time only while it sleeps: each time nothing but sleepers is left,
   * the clock jumps to the earliest one. So a budget or a spacing is measured in the work's own steps,
   * never in how fast this machine runs them.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const outcome = work.finally(() => {
      settled = true;
    });
    outcome.catch(() => {});
    for (let idleTurns = 0; !settled; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      const next = this.sleepers.reduce<Sleeper | undefined>(
        (a, b) => (!a || b.at < a.at ? b : a),
        undefined,
      );
      if (next) {
        await this.advance(next.at - this.current);
        idleTurns = 0;
      } else if (++idleTurns > 10_000) {
        throw new Error("ManualClock.run: the work neither finishes nor sleeps");
      }
    }
    return outcome;
  }

  /** Sleepers still waiting (e.g. a poller spacing its requests). */
  pendingSleeps(): number {
    return this.sleepers.length;
  }
}
