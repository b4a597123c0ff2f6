import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { analyze } from '../../src/search/analyzer.js';
import { articleSentences } from '../../src/search/chunk.js';
import { addExactTermScores } from '../../src/search/exactTermScores.js';
import { SENTENCE_INDEX } from '../../src/search/indexParts.js';
import { packMiniSearch, unpackMiniSearch } from '../../src/search/packedMiniSearch.js';
import { QuestionCoverage } from '../../src/search/questionCoverage.js';
import { DEFAULT_SEARCH_OPTIONS } from '../../src/search/searchOptions.js';
import { SearchScratch } from '../../src/search/windowScores.js';

// Excerpt scores a search's rarer terms itself (exactTermScores.ts) instead of through
// MiniSearch.search, and must give exactly MiniSearch's numbers: the seed article and the Brown
// Corpus stories, every sentence's terms indexed, searched both as built and restored from packed arrays.
const { articles } = await loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const library = [...articles, ...BROWN_STORIES.map(brownStory)];
const built = new MiniSearch(SENTENCE_INDEX);
let sentenceCount = 0;
for (const article of library)
  for (const sentence of articleSentences(article)) {
    const terms = analyze(sentence.text);
    if (terms.length > 0) built.add({ id: sentenceCount, terms: terms.join(' ') });
    sentenceCount++;
  }
const { bm25 } = DEFAULT_SEARCH_OPTIONS;
const questions = [
  'What did Putin say about Trump and the talks on Ukraine?',
  'north korean troops kursk region',
  'russia ukraine war president said year people',
  'Did the jury praise the grand old man of the county?',
  'putin putin putin', // one term, asked three times: counted once, as MiniSearch does
  'zzqxv nothing matches this', // terms nothing has
];
// Uneven weights, as a search's expanded terms have.
const boostOf = (term: string) => 1 + (term.length % 3) * 0.25;

/** MiniSearch's own scores for an OR search of the terms, by document id. */
function miniSearchScores(miniSearch: MiniSearch, terms: string[]): Map<number, number> {
  const hits = miniSearch.search(
    { combineWith: 'OR', queries: terms },
    {
      tokenize: (term) => [term],
      processTerm: (term) => term,
      prefix: false,
      fuzzy: false,
      bm25,
      boostTerm: boostOf,
    },
  );
  return new Map(hits.map((hit) => [hit.id as number, hit.score]));
}

function excerptScores(miniSearch: MiniSearch, terms: string[]): Map<number, number> {
  const scratch = new SearchScratch(sentenceCount);
  addExactTermScores(miniSearch, terms, boostOf, bm25, scratch);
  const scores = new Map(scratch.touched.map((n) => [n, scratch.sentence[n] ?? 0]));
  scratch.clear();
  expect(scratch.matched.every((count) => count === 0)).toBe(true);
  return scores;
}

/** The same with the question's words recorded instead of multiplied in: each document's sum, and its mask. */
function coveredScores(miniSearch: MiniSearch, terms: string[]): Map<number, [number, number]> {
  const scratch = new SearchScratch(sentenceCount);
  const coverage = new QuestionCoverage(
    new Map(terms.map((term) => [term, boostOf(term)])),
    new Map(terms.map((term, i) => [term, i])),
  );
  addExactTermScores(miniSearch, terms, boostOf, bm25, scratch, coverage);
  const scores = new Map(
    scratch.touched.map((n) => [n, [scratch.sentence[n] ?? 0, scratch.words[n] ?? 0] as [number, number]]),
  );
  scratch.clear();
  expect(scratch.words.every((mask) => mask === 0)).toBe(true);
  return scores;
}

describe('exact-term scores', () => {
  for (const [name, miniSearch] of [
    ['as built', built],
    ['restored from packed arrays', unpackMiniSearch(packMiniSearch(built), SENTENCE_INDEX)],
  ] as const)
    it(`are MiniSearch's to the last bit, ${name}`, () => {
      let compared = 0;
      for (const question of questions) {
        const terms = [...new Set(analyze(question))];
        const expected = miniSearchScores(miniSearch, terms);
        expect(excerptScores(miniSearch, terms)).toEqual(expected);
        compared += expected.size;
      }
      expect(compared).toBeGreaterThan(50);
    });

  it('sum without multiplying when the question’s words are recorded: MiniSearch’s over the number of them', () => {
    let spread = 0;
    for (const question of questions) {
      const terms = [...new Set(analyze(question))];
      const expected = miniSearchScores(built, terms);
      const covered = coveredScores(built, terms);
      expect([...covered.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [n, [score, mask]] of covered) {
        const words = terms.filter((_, i) => (mask & (1 << i)) !== 0).length;
        expect(words).toBeGreaterThan(0);
        expect(score * words).toBeCloseTo(expected.get(n) ?? 0, 9);
        if (words > 1) spread++;
      }
    }
    expect(spread).toBeGreaterThan(5);
  });
});
