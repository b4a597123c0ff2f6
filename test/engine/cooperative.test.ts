import { describe, expect, it } from 'vitest';
import { EventLoopTurns, runInSlices, runToEnd } from '../../src/cooperative.js';

function* countTo(steps: number, log: string[]): Generator<void, number> {
  for (let step = 1; step <= steps; step++) {
    log.push(`step ${step}`);
    yield;
  }
  return steps;
}

describe('cooperative builds', () => {
  it('runs the steps straight through when asked to', () => {
    const log: string[] = [];
    expect(runToEnd(countTo(3, log))).toBe(3);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('lets other work run between slices', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    // A slice of 0 ms ends after every step.
    expect(await runInSlices(countTo(3, log), 0)).toBe(3);
    expect(log.indexOf('other work')).toBeGreaterThan(0);
    expect(log.indexOf('other work')).toBeLessThan(log.length - 1);
  });

  it('does not give the event loop back while a slice lasts', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('other work'));
    expect(await runInSlices(countTo(1000, log), 60_000)).toBe(1000);
    expect(log).not.toContain('other work');
  });
});

describe('EventLoopTurns', () => {
  it('lets waiters through in order, a few per turn of the event loop, so other work runs between', async () => {
    const turns = new EventLoopTurns(2);
    const order: string[] = [];
    const waiters = ['a', 'b', 'c', 'd', 'e'].map((name) => turns.take().then(() => order.push(name)));
    // Queued after the first turn: without turns it would run after all five.
    setImmediate(() => order.push('other work'));
    await Promise.all(waiters);
    expect(order).toEqual(['a', 'b', 'other work', 'c', 'd', 'e']);
  });
});
