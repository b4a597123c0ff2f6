import { setImmediate as nextTurn } from 'node:timers/promises';

// Long builds are written as generators that yield often (cheap); these drivers run them either
// straight through, or in slices of about SLICE_MS that give the event loop back in between, so
// that a bot rebuilding its corpus keeps answering.

/** Longest stretch of build work between two turns of the event loop. */
export const SLICE_MS = 10;

/** Runs the steps to the end without pausing (tests, CLI, evaluation). */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A clock for work done in slices: the function it returns gives the event loop a turn (resolving
 * after it) once the current slice has run `sliceMs`, and otherwise returns undefined at once.
 */
export function sliceClock(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}

/** Runs the steps, letting other work run whenever a slice has taken `sliceMs`. */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  const pause = sliceClock(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const turn = pause();
    if (turn) await turn;
  }
}

/**
 * Turns of the event loop for work that arrives in bursts: one gateway read, or a RESUME replaying
 * what was missed, delivers many interactions at once, and answering them all in one go kept the
 * bot from reading sockets or sending any reply until the last was done (up to 0.7 s measured at
 * 200/s). Waiters are let through in order, at most `perTurn` in a turn of the event loop, so
 * replies go out and other work (a refresh's slices) runs between groups. One at a time starved the
 * answers during a refresh (a slice of it ran between every two); measured with `npm run bench`.
 */
export class EventLoopTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn = 8) {}

  /** Resolves at the waiter's turn: after those who asked before. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Scheduled from the previous turn's callback, so sockets are polled before the next one runs.
    setImmediate(() => {
      this.scheduled = false;
      for (const resolve of this.waiting.splice(0, this.perTurn)) resolve();
      if (this.waiting.length > 0) this.schedule();
    });
  }
}
