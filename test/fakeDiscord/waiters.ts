/** Promises that settle once some recorded state satisfies a check; the state's owner calls `notify()`. */
export class Waiters {
  private readonly pending = new Set<{ recheck: () => void; fail: (error: Error) => void }>();

  /**
   * Resolves with the first defined result of `check`, which runs now and after every `notify()`.
   * Rejects after `timeoutMs`, naming `what` it waited for.
   */
  until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const entry = {
        recheck: () => {
          const value = check();
          if (value === undefined) return;
          this.finish(entry, timer);
          resolve(value);
        },
        fail: (error: Error) => {
          this.finish(entry, timer);
          reject(error);
        },
      };
      const timer = setTimeout(
        () => entry.fail(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      this.pending.add(entry);
    });
  }

  /** Re-runs every pending check. */
  notify(): void {
    for (const entry of [...this.pending]) entry.recheck();
  }

  /** Rejects everything still waiting, e.g. when the fake closes. */
  rejectAll(reason: string): void {
    for (const entry of [...this.pending]) entry.fail(new Error(`FakeDiscord: ${reason}`));
  }

  private finish(entry: { recheck: () => void; fail: (error: Error) => void }, timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.pending.delete(entry);
  }
}
