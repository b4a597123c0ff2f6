import { describe, expect, it } from 'vitest';
import { keysUpTo, LayeredMap } from '../../src/search/layeredMap.js';

describe('keysUpTo', () => {
  it('counts a layered map’s keys only as far as asked, hidden and shadowed keys left out', () => {
    const shared = new Map(Array.from({ length: 1000 }, (_, i) => [`shared-${i}`, i] as const));
    let read = 0;
    // The shared library, its entries counted as they are read.
    class Counted extends Map<string, number> {
      override *[Symbol.iterator](): MapIterator<[string, number]> {
        for (const entry of super.entries()) {
          read++;
          yield entry;
        }
      }
    }
    const counted = new Counted(shared);
    const view = new LayeredMap(counted, new Map([['own', 1]]), new Set(['shared-0']));

    expect(keysUpTo(view, 2)).toBe(2);
    expect(read).toBeLessThan(5);
    expect(keysUpTo(new Map(), 1)).toBe(0);
    expect(keysUpTo(new LayeredMap(new Map([['a', 1]]), new Map([['a', 2]]), new Set()), 2)).toBe(1);
    expect(keysUpTo(new LayeredMap(new Map([['a', 1]]), new Map(), new Set(['a'])), 1)).toBe(0);
  });
});
