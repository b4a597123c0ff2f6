import { fileURLToPath } from 'node:url';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { analyze } from '../../src/search/analyzer.js';
import { articleSentences } from '../../src/search/chunk.js';
import { SENTENCE_INDEX, TITLE_INDEX } from '../../src/search/indexParts.js';
import {
  type PackedMiniSearch,
  packMiniSearch,
  unpackMiniSearch,
} from '../../src/search/packedMiniSearch.js';

// The seed article and the Brown Corpus stories: every sentence's terms, and every title, indexed
// by adding them to MiniSearch, then packed, written as JSON and restored.
const { articles } = await loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const library = [...articles, ...BROWN_STORIES.map(brownStory)];

function sentences(): MiniSearch {
  const miniSearch = new MiniSearch(SENTENCE_INDEX);
  let n = 0;
  for (const article of library)
    for (const sentence of articleSentences(article)) {
      const terms = analyze(sentence.text);
      // Numbered as the index numbers sentences; those with no terms are not added, as there.
      if (terms.length > 0) miniSearch.add({ id: n, terms: terms.join(' ') });
      n++;
    }
  return miniSearch;
}
function titles(): MiniSearch {
  const miniSearch = new MiniSearch(TITLE_INDEX);
  for (const [ordinal, article] of library.entries()) miniSearch.add({ id: ordinal, title: article.title });
  return miniSearch;
}
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const byTerm = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : 1));
/** MiniSearch's JSON with its terms sorted: the radix tree's order depends on the order terms came in. */
const normalised = (miniSearch: MiniSearch) => {
  const json = miniSearch.toJSON();
  return { ...json, index: byTerm([...json.index]) };
};
/** Each term's postings, by term. */
const postingsOf = (packed: PackedMiniSearch) => {
  const starts = new Uint32Array(new Uint8Array(Buffer.from(packed.starts, 'base64')).buffer);
  const postings = new Int32Array(new Uint8Array(Buffer.from(packed.postings, 'base64')).buffer);
  const counts = new Int32Array(new Uint8Array(Buffer.from(packed.counts, 'base64')).buffer);
  return byTerm(
    packed.terms.map((term, n): [string, number[][]] => {
      const list: number[][] = [];
      for (let i = starts[n] ?? 0; i < (starts[n + 1] ?? 0); i++)
        list.push([postings[i] ?? 0, counts[i] ?? 0]);
      return [term, list];
    }),
  );
};
const same = (packed: PackedMiniSearch) => ({
  ...packed,
  terms: [],
  starts: '',
  postings: postingsOf(packed),
  counts: '',
});
const questions = [
  'grand jury election',
  'skorich salary coach',
  'kursk north korean troops',
  'pyongyang soldier',
];
const kinds: SearchOptions[] = [
  { prefix: false, fuzzy: false, combineWith: 'OR' },
  { prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  { prefix: true, fuzzy: 0.3, combineWith: 'AND' },
];

describe('a MiniSearch packed and restored', () => {
  for (const [name, make, options, queryOf, least] of [
    ['sentences', sentences, SENTENCE_INDEX, (q: string) => analyze(q).join(' '), 40],
    ['titles', titles, TITLE_INDEX, (q: string) => q, 2],
  ] as const) {
    it(`finds the same ${name} with the same scores, in the same order, for exact, prefix and fuzzy searches`, () => {
      const original = make();
      const restored = unpackMiniSearch(throughJson(packMiniSearch(original)), options);
      expect(restored.documentCount).toBe(original.documentCount);
      expect(restored.termCount).toBe(original.termCount);
      let found = 0;
      for (const question of questions)
        for (const kind of kinds) {
          const hits = restored.search(queryOf(question), kind);
          found += hits.length;
          expect(hits).toEqual(original.search(queryOf(question), kind));
        }
      expect(found).toBeGreaterThanOrEqual(least);
    });

    it(`is the very index (${name}) once every term is read, and packs again to the same form read or not`, () => {
      const original = make();
      const packed = packMiniSearch(original);
      const restored = unpackMiniSearch(throughJson(packed), options);
      // Packed again before any term was read: copied from the packed arrays as they are.
      expect(same(packMiniSearch(restored))).toEqual(same(packed));
      // Some terms read (made into maps), the rest not: the same again.
      expect(restored.search(queryOf(questions[0] ?? ''), kinds[1]).length).toBeGreaterThan(0);
      expect(same(packMiniSearch(restored))).toEqual(same(packed));
      // MiniSearch's own JSON reads every term: the same as the original's.
      expect(normalised(restored)).toEqual(normalised(original));
    });
  }

  it('can still be changed as MiniSearch allows (a term read on first change)', () => {
    const original = titles();
    const restored = unpackMiniSearch(throughJson(packMiniSearch(original)), TITLE_INDEX);
    const added = { id: library.length, title: 'Grand jury weighs election case' };
    original.add(added);
    restored.add(added);
    expect(restored.search('grand jury')).toEqual(original.search('grand jury'));
    expect(normalised(restored)).toEqual(normalised(original));
    for (const miniSearch of [original, restored]) miniSearch.discard(0);
    expect(restored.has(0)).toBe(false);
    expect(restored.has(1)).toBe(true);
    expect(restored.search('grand jury', { fuzzy: 0.2 })).toEqual(
      original.search('grand jury', { fuzzy: 0.2 }),
    );
  });

  it('refuses a MiniSearch it cannot pack faithfully: several fields, ids that are not integers', () => {
    const twoFields = new MiniSearch({ fields: ['a', 'b'] });
    twoFields.add({ id: 1, a: 'x', b: 'y' });
    expect(() => packMiniSearch(twoFields)).toThrow(/one field/);
    const named = new MiniSearch({ fields: ['a'] });
    named.add({ id: 'one', a: 'x' });
    expect(() => packMiniSearch(named)).toThrow(/integer ids/);
    const discarded = new MiniSearch({ fields: ['a'] });
    discarded.addAll([
      { id: 1, a: 'x' },
      { id: 2, a: 'y' },
    ]);
    discarded.discard(1);
    expect(() => packMiniSearch(discarded)).toThrow(/none discarded/);
  });
});
