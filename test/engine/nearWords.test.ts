import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { analyze } from '../../src/search/analyzer.js';
import { NearWords, neighbourSwaps } from '../../src/text/nearWords.js';

// NearWords filters by length and letters before it compares words in full; the filter must never
// drop a word the definition keeps. The definition, written out: a plain edit distance, or one swap
// of neighbouring letters and the remaining edits.
function nearByDefinition(
  words: readonly string[],
  word: string,
  most: number,
  sameFirst: boolean,
): number[] {
  return words.flatMap((other, at) => {
    if (sameFirst && other[0] !== word[0]) return [];
    const close =
      distance(word, other) <= most ||
      (most >= 1 && neighbourSwaps(word).some((swapped) => distance(swapped, other) <= most - 1));
    return close ? [at] : [];
  });
}

const corpus = await loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const seedWords = [
  ...new Set(corpus.articles.flatMap((article) => article.paragraphs.flatMap(({ text }) => analyze(text)))),
];
// The seed's terms, random words, and words outside a–z (folded letters share bits with others).
const words = [
  ...seedWords,
  ...fc.sample(fc.stringMatching(/^[a-z]{1,12}$/), { numRuns: 3000, seed: 7 }),
  'zelenskyy',
  'kyiv',
  'łódź',
  'são',
  '2024',
  'covid19',
];

const typo = fc
  .tuple(fc.constantFrom(...words), fc.nat(), fc.constantFrom('a', 'p', 'q', '0', 'ł', ''))
  .map(([word, at, letter]) => {
    const i = at % Math.max(1, word.length);
    // A letter replaced, added or dropped, two swapped, or a swap and a letter replaced.
    switch (at % 5) {
      case 0:
        return word.slice(0, i) + letter + word.slice(i + 1);
      case 1:
        return word.slice(0, i) + letter + word.slice(i);
      case 2:
        return word.slice(0, i) + word.slice(i + 1);
      case 3:
        return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
      default: {
        const swapped = word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
        return `${letter}${swapped.slice(1)}`;
      }
    }
  });

describe('NearWords', () => {
  const near = new NearWords(words);

  it('finds exactly the words within the edits, a swap counting as one, in the order added', () => {
    fc.assert(
      fc.property(
        fc.oneof(typo, fc.stringMatching(/^[a-z]{0,12}$/)),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        (word, most, sameFirst) => {
          expect(near.near(word, most, sameFirst)).toEqual(nearByDefinition(words, word, most, sameFirst));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads a swap and an edit after it as two edits, not the three a plain distance counts', () => {
    const list = new NearWords(['kremlins', 'kremlin', 'russia']);
    const found = (word: string, most: number) => list.near(word, most).map((at) => list.word(at));
    expect(found('russai', 1)).toEqual(['russia']);
    expect(found('kremiln', 1)).toEqual(['kremlin']);
    // "kremiln": "il" swapped, and an "s" added.
    expect(distance('kremiln', 'kremlins')).toBe(3);
    expect(found('kremiln', 2)).toEqual(['kremlins', 'kremlin']);
  });

  it('finds words added after a look-up', () => {
    const list = new NearWords(['putin']);
    expect(list.near('assad', 1)).toEqual([]);
    expect(list.add('asad')).toBe(1);
    expect(list.near('assad', 1)).toEqual([1]);
    expect(list.size).toBe(2);
  });
});
