import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { jsonPieces, LazyJson } from '../../src/jsonPieces.js';
import { packMiniSearch } from '../../src/search/packedMiniSearch.js';

const joined = (value: unknown, depth?: number) => [...jsonPieces(value, depth)].join('');

describe('jsonPieces', () => {
  it('joins to exactly what JSON.stringify returns, at any depth', () => {
    fc.assert(
      fc.property(
        fc.anything({ maxDepth: 5, withNullPrototype: true }),
        fc.integer({ min: 0, max: 6 }),
        (value, depth) => {
          expect(joined(value, depth)).toBe(JSON.stringify(value) ?? 'null');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a long string in bounded pieces, exactly as JSON.stringify does, never splitting a surrogate pair', () => {
    const piece = 1 << 18;
    for (const at of [piece - 2, piece - 1, piece, piece + 1]) {
      // An emoji (two UTF-16 units) straddling or touching a piece boundary, quotes and a newline.
      const text = `${'a'.repeat(at)}😀"\n\\${'b'.repeat(piece + 5)}\u0001`;
      const value = { packed: text, list: [text] };
      const pieces = [...jsonPieces(value)];
      expect(pieces.join('')).toBe(JSON.stringify(value));
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(2 * piece + 8);
      expect(pieces.length).toBeGreaterThan(6);
    }
  });

  it('serialises lazy arrays and objects as their members, skipping undefined members', () => {
    const lazy = LazyJson.object(() => [
      ['list', LazyJson.array(() => [1, undefined, 'two'])],
      ['gone', undefined],
      [3, { nested: true }],
    ]);
    expect(joined(lazy)).toBe('{"list":[1,null,"two"],"3":{"nested":true}}');
    expect(JSON.stringify(lazy)).toBe('{"3":{"nested":true},"list":[1,null,"two"]}');
  });
});

describe('MiniSearch internals', () => {
  it('refuses to write a snapshot from a MiniSearch whose private fields are not 7.2’s', () => {
    const miniSearch = new MiniSearch({ fields: ['text'] });
    miniSearch.add({ id: 1, text: 'a sentence' });
    (miniSearch as unknown as Record<string, unknown>)._fieldLength = {};
    expect(() => packMiniSearch(miniSearch)).toThrow(/not those of 7\.2 \(_fieldLength\)/);
  });
});
