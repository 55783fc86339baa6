import type { Handler } from "aws-lambda";
import { invokeLambda, type LambdaFunctionConfig, type Log } from "./lambda";

export interface ScheduleOptions<TEvent> extends LambdaFunctionConfig {
  handler: Handler<TEvent, unknown>;
  /** Time between the starts of two runs (AWS: the schedule's rate, one minute for the poller). */
  intervalMs: number;
  /**
   * The payload. EventBridge Scheduler passes the target's configured input verbatim, which for
   * SST's CronV2 is its `event` option, `{}` by default.
   */
  event: TEvent;
  log?: Log;
}

export interface Schedule {
  /** Stops ticking; resolves once a run under way has finished. */
  stop(): Promise<void>;
}

/**
 * Invokes a handler on a fixed rate, like an EventBridge Scheduler schedule with a Lambda target,
 * but never two runs at once: a run that overruns the interval delays the next one instead of
 * overlapping it. A failed run is logged; the next tick is its retry (CronV2 retries 0 times).
 */
export function startSchedule<TEvent>(options: ScheduleOptions<TEvent>): Schedule {
  const log = options.log ?? console;
  const fn: LambdaFunctionConfig = {
    functionName: options.functionName,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  function scheduleNext(startedAt: number): void {
    if (stopped) return;
    timer = setTimeout(tick, Math.max(0, startedAt + options.intervalMs - Date.now()));
  }

  function tick(): void {
    const startedAt = Date.now();
    running = invokeLambda(options.handler, options.event, fn)
      .then(
        () => {},
        (error: unknown) => log.error(`${options.functionName}: scheduled run failed`, error),
      )
      .finally(() => scheduleNext(startedAt));
  }

  scheduleNext(Date.now());
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
