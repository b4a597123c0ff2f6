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
