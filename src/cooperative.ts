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

/** Runs the steps, letting other work run whenever a slice has taken `sliceMs`. */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
