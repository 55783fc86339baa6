import type { Clock } from "./ports";

/**
 * Steps run at once by default. A step is a PixVerse request or two and a DynamoDB write or two: at 20
 * requests a second, 16 in flight keep the pace while PixVerse answers within 800 ms.
 */
export const STEPS_IN_FLIGHT = 16;

/**
 * Starts steps at a set pace, several at once: each start waits for its turn (1 / perSecond after the
 * one before) and for a free place among `maxInFlight`, then runs without the caller awaiting its end.
 * So the pace is the configured rate whatever a step takes; awaiting each step before the next one's
 * turn would add every step's own latency to the spacing.
 */
export class PacedRunner {
  private nextTurnAt = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { perSecond: number; maxInFlight: number },
  ) {}

  /**
   * Waits for the step's turn and a free place, then starts it; resolves once it has started, with
   * the step's own end (for a caller that waits on its steps but not on everyone's).
   */
  async start(step: () => Promise<void>): Promise<{ finished: Promise<void> }> {
    while (this.running.size >= this.options.maxInFlight) await Promise.race(this.running);
    const wait = this.nextTurnAt - this.clock.now().getTime();
    if (wait > 0) await this.clock.sleep(wait);
    this.nextTurnAt = this.clock.now().getTime() + 1000 / this.options.perSecond;
    const running = step().finally(() => this.running.delete(running));
    this.running.add(running);
    return { finished: running };
  }

  /** No step is running. */
  get idle(): boolean {
    return this.running.size === 0;
  }

  /** Every started step, to its end. Steps handle their own errors: a rejection here is a bug. */
  async drain(): Promise<void> {
    await Promise.all(this.running);
  }
}
