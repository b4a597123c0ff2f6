import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MadeFrom, ReadThroughMap } from '../../src/search/packedMaps.js';

// Both stand in for MiniSearch's own maps: whatever is done to them, they must answer as a plain Map
// holding the same entries would.

type Operation =
  | { kind: 'get' | 'has' | 'delete'; key: number }
  | { kind: 'set'; key: number; value: string }
  | { kind: 'clear' | 'size' | 'entries' | 'keys' | 'values' | 'forEach' | 'spread' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('get', 'has', 'delete'), key: fc.integer({ min: -2, max: 12 }) }),
  fc.record({ kind: fc.constant('set'), key: fc.integer({ min: -2, max: 12 }), value: fc.string() }),
  fc.record({
    kind: fc.constantFrom('clear', 'size', 'entries', 'keys', 'values', 'forEach', 'spread'),
  }),
) as fc.Arbitrary<Operation>;

function apply(map: Map<number, string>, op: Operation): unknown {
  switch (op.kind) {
    case 'get':
      return map.get(op.key);
    case 'has':
      return map.has(op.key);
    case 'delete':
      return map.delete(op.key);
    case 'set':
      return map.set(op.key, op.value) === map;
    case 'clear':
      return map.clear();
    case 'size':
      return map.size;
    case 'entries':
      return [...map.entries()];
    case 'keys':
      return [...map.keys()];
    case 'values':
      return [...map.values()];
    case 'forEach': {
      const seen: unknown[] = [];
      map.forEach((value, key, self) => {
        seen.push([key, value, self === map]);
      });
      return seen;
    }
    case 'spread':
      return [...map];
  }
}

const initial = (n: number) => Array.from({ length: n }, (_, i): [number, string] => [i, `value ${i}`]);

describe('maps backed by packed arrays', () => {
  it('answer every read and change as a plain Map of the same entries does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.array(operation, { maxLength: 25 }), (n, operations) => {
        const entries = initial(n);
        const plain = new Map(entries);
        const readThrough = new ReadThroughMap<number, string>({
          size: n,
          get: (key) => (Number.isInteger(key) && key >= 0 && key < n ? `value ${key}` : undefined),
          entries: () => initial(n),
        });
        const made = new MadeFrom<number, string>(() => initial(n));
        for (const op of operations) {
          const expected = apply(plain, op);
          expect(apply(readThrough, op), op.kind).toEqual(expected);
          expect(apply(made, op), op.kind).toEqual(expected);
        }
        expect([...readThrough]).toEqual([...plain]);
        expect([...made]).toEqual([...plain]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads through until changed, and is made only once', () => {
    let made = 0;
    const readThrough = new ReadThroughMap<number, string>({
      size: 2,
      get: (key) => (key === 0 || key === 1 ? `value ${key}` : undefined),
      entries: () => {
        made++;
        return initial(2);
      },
    });
    expect(readThrough.get(1)).toBe('value 1');
    expect(readThrough.unchanged).toBeDefined();
    readThrough.set(5, 'five');
    readThrough.set(6, 'six');
    expect(readThrough.unchanged).toBeUndefined();
    expect(made).toBe(1);
    expect([...readThrough.keys()]).toEqual([0, 1, 5, 6]);
  });
});
