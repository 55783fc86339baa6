/** Every timer the simulator starts, so stop() and reset() can clear them all. */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Runs fn after ms unless cleared first. */
  after(ms: number, fn: () => void): NodeJS.Timeout {
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      fn();
    }, ms);
    this.pending.set(handle, () => {});
    return handle;
  }

  /** Resolves after ms, or at once when the timers are cleared (the caller then finds the server gone). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(() => {
        this.pending.delete(handle);
        resolve();
      }, ms);
      this.pending.set(handle, resolve);
    });
  }

  cancel(handle: NodeJS.Timeout | undefined) {
    if (!handle) return;
    clearTimeout(handle);
    this.pending.delete(handle);
  }

  clearAll() {
    for (const [handle, release] of this.pending) {
      clearTimeout(handle);
      release();
    }
    this.pending.clear();
  }
}
