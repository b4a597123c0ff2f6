/** A rate limit: records a use by `key` and returns 0, or the milliseconds until it may be tried again. */
export interface CooldownPolicy {
  take(key: string): number | Promise<number>;
}

/**
 * The same limit counted in the store that every process serving the bot shares (WORKERS, replicas):
 * a user who asks one process and then another is counted once. When the store cannot be reached,
 * the use is allowed (and `onError` told): a rate limit is not worth refusing every answer for.
 */
export class SharedCooldown implements CooldownPolicy {
  constructor(
    private readonly store: { takeCooldown(key: string, uses: number, windowMs: number): Promise<number> },
    private readonly uses: number,
    private readonly windowMs: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  take(key: string): Promise<number> {
    return this.store.takeCooldown(key, this.uses, this.windowMs).catch((error: unknown) => {
      this.onError(error);
      return 0;
    });
  }
}

/**
 * A sliding window per key (user and command): at most `uses` actions within `windowMs`. Memory stays bounded because
 * old timestamps are dropped on every check and idle users are forgotten.
 */
export class Cooldown implements CooldownPolicy {
  private readonly history = new Map<string, number[]>();

  constructor(
    private readonly uses: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a use by `key` (a user, or a user and a command) and returns 0 when allowed, else the
   * milliseconds until they may try again.
   */
  take(key: string): number {
    const userId = key;
    const now = this.now();
    const recent = (this.history.get(userId) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.uses) {
      this.history.set(userId, recent);
      return this.windowMs - (now - (recent[0] ?? now));
    }
    recent.push(now);
    this.history.set(userId, recent);
    if (this.history.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number): void {
    for (const [userId, times] of this.history) {
      if (times.every((time) => now - time >= this.windowMs)) this.history.delete(userId);
    }
  }
}
